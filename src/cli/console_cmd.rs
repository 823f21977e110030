//! The console: client, store and sync task wired to the terminal session, and an orderly
//! wind-down afterwards (`console_exit`: sync stopped, the outbox given a few seconds to
//! deliver, exit status 75 when writes are still queued).

use super::context::Context;
use super::rotation_args::RotationArgs;
use crate::config::TimeDisplay;
use crate::tui::rotation::clients::Clients;
use crate::tui::rotation::router::Backend;
use crate::tui::rotation::session::{ProfileSession, SessionOpener, SessionSetup};
use anyhow::Context as _;
use mde_api::auth::PromptCallback;
use mde_console::app::AppConfig;
use mde_model::protocol::{Msg, ProfileInfo};
use mde_ops::ConsoleSettings;
use mde_store::Store;
use mde_sync::SyncConfig;
use std::process::ExitCode;
use std::sync::Arc;
use tokio::sync::mpsc;

/// What a console session runs on.
pub struct ConsoleSetup {
    /// The clients (MDE API, and Graph when signed in to it).
    pub client: Clients,
    /// The profile's store.
    pub store: Store,
    /// The console's settings.
    pub app: AppConfig,
    /// UTC or local times at start.
    pub time: TimeDisplay,
    /// Sync tunables.
    pub sync: SyncConfig,
    /// Answers for the console from outside the sync task (the device-code prompt).
    pub side: (mpsc::Sender<Msg>, mpsc::Receiver<Msg>),
    /// Views, zone, SLA, keys and theme for this profile (issue 12).
    pub settings: ConsoleSettings,
    /// Opens other profiles for `:profile NAME` (none: the session has one profile).
    pub opener: Option<Arc<dyn SessionOpener>>,
}

/// A channel for side messages and a device-code prompt that feeds it.
pub fn side_channel() -> ((mpsc::Sender<Msg>, mpsc::Receiver<Msg>), PromptCallback) {
    let (tx, rx) = mpsc::channel(256);
    let prompt_tx = tx.clone();
    let prompt: PromptCallback = std::sync::Arc::new(move |p| {
        let _ = prompt_tx.try_send(Msg::SignIn {
            url: p.url,
            code: p.code,
        });
    });
    ((tx, rx), prompt)
}

/// What to do when the profile cannot sign in; `--demo` exists only with the `demo` feature.
#[cfg(feature = "demo")]
const NO_SIGN_IN: &str = "cannot sign in: set up a profile (README: \"Using it on a real tenant\") or try `mde-triage --demo`";
#[cfg(not(feature = "demo"))]
const NO_SIGN_IN: &str = "cannot sign in: set up a profile (README: \"Using it on a real tenant\")";

/// The console for a configured profile (or every profile, or an offline file).
pub async fn run(ctx: &Context, rotation: &RotationArgs) -> anyhow::Result<ExitCode> {
    // Settings first: `--view nope` is a usage error with or without a terminal.
    let settings = ctx.console_settings(rotation)?;
    require_terminal()?;
    if let Some(file) = &rotation.file {
        return super::rotation_console::run_file(ctx, file, settings).await;
    }
    let (side, prompt) = side_channel();
    if rotation.all_profiles {
        return super::rotation_console::run_all(ctx, rotation, settings, side, prompt).await;
    }
    let client = ctx.clients(prompt.clone()).context(NO_SIGN_IN)?;
    let store = ctx.open_console_store()?;
    let mut app = AppConfig::new(ctx.identity().unwrap_or_default());
    app.profile = ctx.profile_name.clone();
    app.tenant = std::env::var("AZURE_TENANT_ID")
        .ok()
        .or_else(|| ctx.profile.tenant_id.clone())
        .unwrap_or_default();
    app.read_only = ctx.read_only;
    let opener = super::session_opener::ContextOpener {
        base: ctx.clone(),
        rotation: rotation.clone(),
        prompt,
    };
    // `:profile NAME` completes these names and applies their settings (issue 12).
    app.profiles =
        super::rotation_console::profile_settings(ctx, rotation, &SessionOpener::names(&opener));
    run_console(ConsoleSetup {
        client,
        store,
        app,
        time: ctx.profile.time_display,
        sync: super::session_opener::sync_config(ctx),
        side,
        settings,
        opener: Some(std::sync::Arc::new(opener)),
    })
    .await
}

/// The console draws on a terminal; scripts get a pointer to the commands made for them.
pub fn require_terminal() -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        Ok(())
    } else {
        anyhow::bail!(
            "the console needs a terminal on stdin and stdout; for scripts use `mde-triage alerts …`"
        )
    }
}

/// Runs a session and winds down. The exit status is 0 for a quit, 75 for a quit with writes
/// still queued, and 128+n for a signal.
pub async fn run_console(setup: ConsoleSetup) -> anyhow::Result<ExitCode> {
    let ConsoleSetup {
        client,
        store,
        app,
        time,
        sync,
        side,
        settings,
        opener,
    } = setup;
    let info = ProfileInfo {
        name: app.profile.clone(),
        tenant: app.tenant.clone(),
        identity: app.identity.clone(),
        read_only: app.read_only,
    };
    let inbox = mpsc::channel(256);
    let session = ProfileSession::start(
        SessionSetup {
            info,
            client,
            store,
            sync,
            settings: settings.clone(),
        },
        0,
        inbox.0.clone(),
    );
    let backend = Backend::Single {
        session: Box::new(session),
        opener,
    };
    super::rotation_console::run_routed(app, time, &settings, backend, inbox, side).await
}
