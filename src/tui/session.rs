//! One console session on the real terminal: guard, signals, input stream, event loop, and the
//! restore on the way out whatever the way out was.

use super::app_console::AppConsole;
use super::event_loop::{ExitReason, LoopChannels, LoopOptions, run_loop};
use super::signals;
use super::terminal::{TerminalGuard, Tty};
use crossterm::event::EventStream;
use mde_console::app::{AppMsg, State};
use mde_model::protocol::{Effect, Msg};
use std::io;
use tokio::sync::mpsc;

/// Runs the console until it ends; the terminal is restored before this returns (also on error).
/// `farewell` runs after the loop and before the restore, with the terminal and the last state
/// (the effect channel is closed by then); what it returns is handed back.
pub async fn run_session<T>(
    state: State,
    effects: mpsc::Sender<Effect>,
    msgs: mpsc::Receiver<Msg>,
    farewell: impl AsyncFnOnce(&mut Tty, &State, ExitReason) -> T,
) -> io::Result<(ExitReason, State, T)> {
    // Signals first: a SIGTERM that arrives while the terminal is being set up still counts.
    let stop = signals::listen()?;
    let mut guard = TerminalGuard::enter()?;
    // Debug builds only: lets the end-to-end test prove that a panic hands the terminal back.
    if cfg!(debug_assertions) && std::env::var_os("MDE_TRIAGE_TEST_PANIC").is_some() {
        panic!("MDE_TRIAGE_TEST_PANIC is set");
    }
    let mut console = AppConsole::new(state);
    let size = guard.terminal().size()?;
    let mut first = console_start(&mut console, size.width, size.height);
    // Start-up effects (Effect::Start) go first, before anything the analyst does.
    for e in first.drain(..) {
        if effects.send(e).await.is_err() {
            tracing::warn!("sync task gone before start");
        }
    }
    let chans = LoopChannels {
        effects,
        msgs,
        stop,
    };
    let result = run_loop(
        guard.terminal(),
        &mut console,
        EventStream::new(),
        chans,
        LoopOptions {
            suspend: Some(super::terminal::suspend_process),
            ..LoopOptions::default()
        },
    )
    .await;
    let result = match result {
        Ok(r) => Ok((r, farewell(guard.terminal(), &console.state, r).await)),
        Err(e) => Err(e),
    };
    guard.restore();
    result.map(|(r, t)| (r, console.state, t))
}

fn console_start(console: &mut AppConsole, w: u16, h: u16) -> Vec<Effect> {
    let mut effects = mde_console::app::update(&mut console.state, AppMsg::Resize(w, h));
    effects.extend(mde_console::app::update(
        &mut console.state,
        AppMsg::Tick(mde_model::Timestamp::now()),
    ));
    effects.extend(mde_console::app::update(&mut console.state, AppMsg::Init));
    effects.into_vec()
}
