//! The console: client, store and sync task wired to the terminal session, and an orderly
//! wind-down afterwards (`console_exit`: sync stopped, the outbox given a few seconds to
//! deliver, exit status 75 when writes are still queued).

use super::console_exit::WindDown;
use super::context::Context;
use super::exit::TEMPFAIL;
use crate::config::TimeDisplay;
use crate::tui::{ExitReason, run_session};
use anyhow::Context as _;
use chrono::Offset;
use mde_api::MdeClient;
use mde_api::auth::PromptCallback;
use mde_console::app::{AppConfig, State, TimeMode};
use mde_graph::GraphClient;
use mde_model::protocol::Msg;
use mde_store::Store;
use mde_sync::{AlertsApi, DevicesApi, GraphApi, SyncConfig};
use std::io::Write as _;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

/// What a console session runs on.
pub struct ConsoleSetup {
    /// The API client.
    pub client: MdeClient,
    /// The Graph client (incidents, hunting; and alerts with `api = "graph"`), when signed in.
    pub graph: Option<GraphClient>,
    /// Read alerts from Graph's alerts_v2 (every Defender product) instead of the MDE API.
    pub alerts_from_graph: bool,
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

/// The console for a configured profile.
pub async fn run(ctx: &Context) -> anyhow::Result<ExitCode> {
    require_terminal()?;
    let (side, prompt) = side_channel();
    let tokens = ctx.tokens(prompt).context(NO_SIGN_IN)?;
    let client = MdeClient::new(mde_api::ClientConfig::new(&ctx.hosts.api), tokens.clone())?;
    // Graph is optional for the MDE backend: without it incidents and hunting say so.
    let alerts_from_graph = ctx.profile.api == crate::config::ApiBackend::Graph;
    let graph = match ctx.graph_client_for(&tokens) {
        Ok(g) => Some(g),
        Err(e) if alerts_from_graph => return Err(e.context(NO_SIGN_IN)),
        Err(e) => {
            tracing::info!(error = %e, "no Graph client: incidents and hunting are off");
            None
        }
    };
    let store = Store::open(&ctx.store_path()?).context("opening the local store")?;
    let mut app = AppConfig::new(ctx.identity().unwrap_or_default());
    app.profile = ctx.profile_name.clone();
    app.tenant = std::env::var("AZURE_TENANT_ID")
        .ok()
        .or_else(|| ctx.profile.tenant_id.clone())
        .unwrap_or_default();
    app.read_only = ctx.read_only;
    let sync = SyncConfig {
        poll_interval: Duration::from_secs(ctx.profile.poll_interval_secs),
        poll_budget: ctx.profile.poll_calls_per_minute,
        ..SyncConfig::default()
    };
    run_console(ConsoleSetup {
        client,
        graph,
        alerts_from_graph,
        store,
        app,
        time: ctx.profile.time_display,
        sync,
        side,
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
        graph,
        alerts_from_graph,
        store,
        mut app,
        time,
        sync,
        side: (side_tx, side_rx),
    } = setup;
    app.local_offset = chrono::Local::now().offset().fix();
    app.in_tmux = std::env::var_os("TMUX").is_some();
    let mut state = State::new(app);
    if time == TimeDisplay::Local {
        state.time_mode = TimeMode::Local(state.config.local_offset);
    }
    let graph_api = graph.clone().map(|g| Arc::new(g) as Arc<dyn GraphApi>);
    match (alerts_from_graph, graph) {
        (true, Some(g)) => run_with(g, graph_api, store, state, sync, side_tx, side_rx).await,
        _ => run_with(client, graph_api, store, state, sync, side_tx, side_rx).await,
    }
}

/// The session over the alerts backend `client`.
async fn run_with<A: AlertsApi + DevicesApi + Clone>(
    client: A,
    graph: Option<Arc<dyn GraphApi>>,
    store: Store,
    state: State,
    sync: SyncConfig,
    side_tx: mpsc::Sender<Msg>,
    side_rx: mpsc::Receiver<Msg>,
) -> anyhow::Result<ExitCode> {
    let (effects, mut sync_rx, handle) =
        mde_sync::spawn_with_graph(client.clone(), graph.clone(), store.clone(), sync.clone());
    // The session reads one stream: the sync task's answers and side messages merged.
    let forward_tx = side_tx.clone();
    let forward = tokio::spawn(async move {
        while let Some(m) = sync_rx.recv().await {
            if forward_tx.send(m).await.is_err() {
                break;
            }
        }
    });
    drop(side_tx);
    let wind_down = WindDown {
        sync_task: handle,
        client,
        graph,
        store,
        sync,
    };
    let (reason, _state, left) = run_session(state, effects, side_rx, async |t, st, r| {
        wind_down.run(t, st, r).await
    })
    .await?;
    tracing::info!(?reason, ?left, "console ended");
    forward.abort();
    if let Some(m) = left.message() {
        // stderr may be the terminal that went away: a failed write is not worth a panic
        // (which `eprintln!` would be), and the log has the same facts.
        let _ = writeln!(std::io::stderr(), "{m}");
    }
    if left.queued > 0 && reason == ExitReason::Quit {
        return Ok(ExitCode::from(TEMPFAIL));
    }
    Ok(ExitCode::from(reason.exit_status()))
}
