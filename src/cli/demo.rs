//! `--demo`: the embedded emulator with demo data on a free loopback port, a temporary store,
//! and the console on it, signed in as the demo client. Nothing leaves the machine.

use super::console_cmd::{ConsoleSetup, run_console, side_channel};
use crate::config::TimeDisplay;
use anyhow::Context as _;
use mde_api::auth::{ClientCredentials, CredentialsConfig, Secret, SecretSource};
use mde_api::hosts::API_SCOPE;
use mde_api::{ClientConfig, MdeClient};
use mde_console::app::AppConfig;
use mde_emulator::{EmulatorConfig, spawn};
use mde_store::Store;
use mde_sync::SyncConfig;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Runs the demo; `state_file` keeps the emulator's alerts (written on every change and on exit).
pub async fn run(state_file: Option<PathBuf>, read_only: bool) -> anyhow::Result<ExitCode> {
    super::console_cmd::require_terminal()?;
    let config = EmulatorConfig {
        state_file,
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
        let tokens = ClientCredentials::new(CredentialsConfig {
            login: emulator.login_url(),
            tenant: config.tenant.clone(),
            client_id: config.app.client_id.clone(),
            secret: SecretSource::Value(Secret::new(config.app.secret.clone())),
            scope: API_SCOPE.to_string(),
        })?;
        let client = MdeClient::new(ClientConfig::new(&emulator.base_url()), Arc::new(tokens))?;
        let store = Store::open(&dir.path().join("demo.sqlite3"))?;
        // The demo signs in as an app, so "me" is the app's name: what the emulator writes as
        // the author of our comments.
        let mut app = AppConfig::new(config.app.name.clone());
        app.profile = "demo".into();
        app.tenant = config.tenant.clone();
        app.read_only = read_only;
        let (side, _prompt) = side_channel();
        run_console(ConsoleSetup {
            client,
            store,
            app,
            time: TimeDisplay::Utc,
            sync: SyncConfig::default(),
            side,
            settings: mde_ops::ConsoleSettings::default(),
            opener: None,
        })
        .await
    }
    .await;
    emulator.shutdown().await;
    result
}
