//! `--demo`: the embedded emulator with demo data on a free loopback port, a temporary store,
//! and the console on it, signed in as a named demo analyst. Nothing leaves the machine.

use super::console_cmd::{ConsoleSetup, run_console, side_channel};
use crate::config::TimeDisplay;
use crate::tui::rotation::clients::Clients;
use anyhow::Context as _;
use mde_api::auth::{DeviceCode, DeviceCodeConfig, PromptCallback};
use mde_api::hosts::API_SCOPE;
use mde_api::{ClientConfig, MdeClient};
use mde_console::app::AppConfig;
use mde_emulator::{EmulatorConfig, spawn};
use mde_store::Store;
use mde_sync::SyncConfig;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Who the demo signs in as: the console's "me" (assign to me, `assigned:me`) and the author the
/// emulator writes on our comments, so the two agree.
pub const DEMO_ANALYST: &str = "analyst@contoso.com";

/// Runs the demo; `state_file` keeps the emulator's alerts (written on every change and on exit).
pub async fn run(
    state_file: Option<PathBuf>,
    read_only: bool,
    settings: mde_ops::ConsoleSettings,
) -> anyhow::Result<ExitCode> {
    super::console_cmd::require_terminal()?;
    // A delegated sign-in, as an analyst's over SSH is: the device code is approved at once as
    // the demo analyst, and its token names them, so the emulator records them as the author.
    let config = EmulatorConfig {
        state_file,
        default_user: DEMO_ANALYST.into(),
        auto_approve_device_code: true,
        device_code_interval: 0,
        ..EmulatorConfig::default()
    };
    let emulator = spawn(config.clone())
        .await
        .context("starting the embedded emulator")?;
    tracing::info!(url = %emulator.base_url(), "demo emulator listening");
    let dir = tempfile::Builder::new()
        .prefix("mde-triage-demo-")
        .tempdir()
        .context("creating the demo's temporary store")?;
    let result = async {
        // Approved before it is shown: nothing to show.
        let no_prompt: PromptCallback =
            Arc::new(|p| tracing::debug!(code = %p.code, "demo sign-in approved at once"));
        let tokens = DeviceCode::new(
            DeviceCodeConfig {
                login: emulator.login_url(),
                tenant: config.tenant.clone(),
                client_id: config.app.client_id.clone(),
                scope: format!("{API_SCOPE} offline_access"),
                poll_interval: None,
            },
            no_prompt,
        )?;
        // The emulator serves Graph too: incidents and hunting work in the demo.
        let graph =
            mde_api::TokenProvider::for_audience(&tokens, &mde_api::auth::Audience::graph())
                .map(|t| mde_graph::GraphClient::new(ClientConfig::new(&emulator.base_url()), t))
                .transpose()?;
        let client = MdeClient::new(ClientConfig::new(&emulator.base_url()), Arc::new(tokens))?;
        let store = Store::open(&dir.path().join("demo.sqlite3"))?;
        let mut app = AppConfig::new(DEMO_ANALYST);
        app.profile = "demo".into();
        app.tenant = config.tenant.clone();
        app.read_only = read_only;
        let (side, _prompt) = side_channel();
        run_console(ConsoleSetup {
            client: Clients {
                mde: client,
                graph,
                alerts_from_graph: false,
            },
            store,
            app,
            time: TimeDisplay::Utc,
            sync: SyncConfig::default(),
            side,
            settings,
            opener: None,
        })
        .await
    }
    .await;
    emulator.shutdown().await;
    result
}
