//! The one loop of the console: a `select!` over terminal input, sync answers, stop signals, a
//! slow tick and, when the console has some, background work. Everything that is ready is
//! drained, the effects are forwarded, and the screen is drawn once if anything changed. Idle
//! means no work and no output.
//!
//! A terminal that goes away ends the loop like a hangup, whatever the console shows: its input
//! ending, a failed read and a failed write all do. However the loop ends, the writes and
//! drafts not yet handed to the sync task are handed over before it returns.

use super::clipboard;
use super::console::{Console, Step};
pub use super::exit_reason::ExitReason;
use super::signals::StopSignal;
use super::sync_output::draw_synchronized;
use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use futures::{FutureExt, Stream, StreamExt};
use mde_model::Timestamp;
use mde_model::protocol::{Effect, Msg};
use ratatui::{Terminal, backend::Backend};
use std::collections::VecDeque;
use std::io::{self, Write};
use std::time::Duration;
use tokio::sync::mpsc;

/// The channels to the sync task and from the signal listener.
pub struct LoopChannels {
    /// Effects to the sync task (bounded).
    pub effects: mpsc::Sender<Effect>,
    /// Answers from the sync task.
    pub msgs: mpsc::Receiver<Msg>,
    /// Stop signals.
    pub stop: mpsc::Receiver<StopSignal>,
}

/// Loop settings.
#[derive(Debug, Clone)]
pub struct LoopOptions {
    /// The slow clock's period.
    pub tick: Duration,
    /// The value of `$TMUX`, to wrap OSC 52 for tmux's passthrough.
    pub tmux: Option<String>,
    /// What Ctrl-Z does (leave the terminal and stop); None passes Ctrl-Z to the console.
    pub suspend: Option<fn() -> io::Result<()>>,
}

impl Default for LoopOptions {
    fn default() -> Self {
        LoopOptions {
            tick: Duration::from_secs(1),
            tmux: std::env::var("TMUX").ok(),
            suspend: None,
        }
    }
}

/// Runs the console until it quits, a signal arrives or the terminal goes away. Draws the
/// first frame at once. Before returning, whatever must not be lost (writes, drafts, conflict
/// choices not yet sent, and the console's own last words) goes to the sync task.
pub async fn run_loop<B, C, E>(
    terminal: &mut Terminal<B>,
    console: &mut C,
    mut events: E,
    mut chans: LoopChannels,
    options: LoopOptions,
) -> io::Result<ExitReason>
where
    B: Backend + Write,
    B::Error: Into<io::Error>,
    C: Console + ?Sized,
    E: Stream<Item = io::Result<Event>> + Unpin,
{
    let mut out = Outgoing {
        pending: VecDeque::new(),
        sync_open: true,
    };
    let reason = turn(
        terminal,
        console,
        &mut events,
        &mut chans,
        &options,
        &mut out,
    )
    .await;
    out.pending.retain(must_keep);
    out.pending.extend(console.on_exit());
    if out.sync_open {
        for effect in out.pending.drain(..) {
            if chans.effects.send(effect).await.is_err() {
                break;
            }
        }
    }
    if !out.pending.is_empty() {
        tracing::warn!(
            dropped = out.pending.len(),
            "sync task gone; effects dropped on exit"
        );
    }
    reason
}

/// Effects waiting for room in the channel to the sync task.
struct Outgoing {
    pending: VecDeque<Effect>,
    sync_open: bool,
}

/// What is still worth sending when the session ends: what the analyst asked to keep.
fn must_keep(effect: &Effect) -> bool {
    matches!(
        effect,
        Effect::Write { .. } | Effect::SaveDraft { .. } | Effect::ResolveConflict { .. }
    )
}

/// The terminal is gone because writing to it failed.
fn output_failed(e: &io::Error) -> ExitReason {
    tracing::warn!(error = %e, "terminal hung up: writing to it failed");
    ExitReason::OutputFailed
}

/// The terminal is gone because its input ended (`None`) or reading it failed.
fn input_ended(e: Option<io::Error>) -> ExitReason {
    match e {
        Some(e) => tracing::warn!(error = %e, "terminal hung up: reading it failed"),
        None => tracing::warn!("terminal hung up: its input ended"),
    }
    ExitReason::InputClosed
}

/// The loop proper, until a reason to stop.
async fn turn<B, C, E>(
    terminal: &mut Terminal<B>,
    console: &mut C,
    events: &mut E,
    chans: &mut LoopChannels,
    options: &LoopOptions,
    out: &mut Outgoing,
) -> io::Result<ExitReason>
where
    B: Backend + Write,
    B::Error: Into<io::Error>,
    C: Console + ?Sized,
    E: Stream<Item = io::Result<Event>> + Unpin,
{
    let mut tick = tokio::time::interval(options.tick);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    tick.tick().await; // the first tick fires at once; the first frame is drawn below anyway
    let mut msgs_open = true;
    let mut dirty = true;
    // Counted so idle can be checked (`MDE_TRIAGE_LOG=mde_triage::frames=trace` logs each one).
    let mut frames: u64 = 0;
    loop {
        if dirty {
            if let Err(e) = draw_synchronized(terminal, |f| console.render(f)) {
                return Ok(output_failed(&e));
            }
            dirty = false;
            frames += 1;
            tracing::trace!(target: "mde_triage::frames", frames, "frame drawn");
        }
        let mut steps = Vec::new();
        tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(ev)) if is_suspend(&ev) && options.suspend.is_some() => {
                    if let Some(suspend) = options.suspend {
                        suspend()?;
                    }
                    // The screen was the shell's meanwhile: resizing to the current size resets
                    // ratatui's buffers, so the next frame is drawn whole.
                    let resized = terminal
                        .size()
                        .and_then(|area| terminal.resize(area.into()))
                        .map_err(Into::into);
                    if let Err(e) = resized {
                        return Ok(output_failed(&e));
                    }
                    dirty = true;
                }
                Some(Ok(ev)) => steps.push(feed_event(console, ev)),
                Some(Err(e)) => return Ok(input_ended(Some(e))),
                None => return Ok(input_ended(None)),
            },
            msg = chans.msgs.recv(), if msgs_open => match msg {
                Some(msg) => steps.push(console.on_sync(msg)),
                None => {
                    tracing::warn!("sync task ended; the console keeps its data but no longer syncs");
                    msgs_open = false;
                }
            },
            Some(sig) = chans.stop.recv() => {
                tracing::info!(?sig, "stop signal");
                return Ok(ExitReason::Signal(sig));
            }
            _ = tick.tick() => steps.push(console.on_tick(Timestamp::now())),
            // Background work, a slice per turn. Yielding first lets the runtime's other tasks
            // run; what else is ready is drained below, so input waits for one slice at most.
            () = tokio::task::yield_now(), if console.wants_idle() => {
                steps.push(console.on_idle());
            }
            permit = chans.effects.reserve(), if out.sync_open && !out.pending.is_empty() => match permit {
                Ok(permit) => {
                    if let Some(effect) = out.pending.pop_front() {
                        permit.send(effect);
                    }
                }
                Err(_) => {
                    tracing::warn!(dropped = out.pending.len(), "sync task gone; effects dropped");
                    out.pending.clear();
                    out.sync_open = false;
                }
            },
        }
        // Drain whatever else is ready so a burst costs one frame, not one frame per item.
        while msgs_open {
            match chans.msgs.try_recv() {
                Ok(msg) => steps.push(console.on_sync(msg)),
                Err(mpsc::error::TryRecvError::Empty) => break,
                Err(mpsc::error::TryRecvError::Disconnected) => msgs_open = false,
            }
        }
        let mut input_end = None;
        while let Some(next) = events.next().now_or_never() {
            match next {
                Some(Ok(ev)) => steps.push(feed_event(console, ev)),
                Some(Err(e)) => {
                    input_end = Some(Some(e));
                    break;
                }
                None => {
                    input_end = Some(None);
                    break;
                }
            }
        }
        // What was typed before the input ended still counts (a draft, a write).
        for step in steps {
            dirty |= step.dirty;
            for effect in step.effects {
                match effect {
                    Effect::Quit => return Ok(ExitReason::Quit),
                    Effect::Clipboard { text, what } => {
                        if let Err(e) =
                            clipboard::copy(terminal.backend_mut(), &text, options.tmux.as_deref())
                        {
                            return Ok(output_failed(&e));
                        }
                        tracing::info!(what = %what, "copied to the clipboard");
                    }
                    // Issue 12: the opt-in new-alert notification (built sanitised by mde_ops).
                    Effect::Notify { sequence } => {
                        if let Err(e) = notify(terminal.backend_mut(), &sequence) {
                            return Ok(output_failed(&e));
                        }
                        tracing::info!("new-alert notification written");
                    }
                    other if out.sync_open => out.pending.push_back(other),
                    other => tracing::warn!(?other, "no sync task; effect dropped"),
                }
            }
        }
        if let Some(e) = input_end {
            return Ok(input_ended(e));
        }
        // Send what fits now without waiting; the select! above sends the rest as room appears.
        while let Some(effect) = out.pending.pop_front() {
            match chans.effects.try_send(effect) {
                Ok(()) => {}
                Err(mpsc::error::TrySendError::Full(effect)) => {
                    out.pending.push_front(effect);
                    break;
                }
                Err(mpsc::error::TrySendError::Closed(_)) => {
                    out.pending.clear();
                    out.sync_open = false;
                }
            }
        }
    }
}

/// Writes a notification sequence to the terminal, between frames.
fn notify(out: &mut impl Write, sequence: &str) -> io::Result<()> {
    out.write_all(sequence.as_bytes())?;
    out.flush()
}

/// Ctrl-Z, as it arrives in raw mode.
fn is_suspend(ev: &Event) -> bool {
    matches!(ev, Event::Key(k) if k.kind == KeyEventKind::Press
        && k.code == KeyCode::Char('z')
        && k.modifiers.contains(KeyModifiers::CONTROL))
}

/// Passes a terminal event on; key releases and repeats from enhanced keyboards are ignored.
fn feed_event<C: Console + ?Sized>(console: &mut C, ev: Event) -> Step {
    match &ev {
        Event::Key(k) if k.kind != KeyEventKind::Press => Step::default(),
        Event::Resize(..) => {
            let mut step = console.on_terminal_event(ev);
            step.dirty = true;
            step
        }
        _ => console.on_terminal_event(ev),
    }
}
