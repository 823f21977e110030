//! The one loop of the console: a `select!` over terminal input, sync answers, stop signals and
//! a slow tick. Everything that is ready is drained, the effects are forwarded, and the screen is
//! drawn once if anything changed. Idle means no work and no output.

use super::clipboard;
use super::console::{Console, Step};
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

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitReason {
    /// The console asked to quit.
    Quit,
    /// A stop signal arrived.
    Signal(StopSignal),
    /// The terminal's input ended (the session is gone).
    InputClosed,
}

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

/// Runs the console until it quits, a signal arrives or input ends. Draws the first frame at once.
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
    let mut pending: VecDeque<Effect> = VecDeque::new();
    let mut tick = tokio::time::interval(options.tick);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    tick.tick().await; // the first tick fires at once; the first frame is drawn below anyway
    let mut msgs_open = true;
    let mut sync_open = true;
    let mut dirty = true;
    loop {
        if dirty {
            draw_synchronized(terminal, |f| console.render(f))?;
            dirty = false;
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
                    let area = terminal.size().map_err(Into::into)?;
                    terminal.resize(area.into()).map_err(Into::into)?;
                    dirty = true;
                }
                Some(Ok(ev)) => steps.push(feed_event(console, ev)),
                Some(Err(e)) => return Err(e),
                None => return Ok(ExitReason::InputClosed),
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
            permit = chans.effects.reserve(), if sync_open && !pending.is_empty() => match permit {
                Ok(permit) => {
                    if let Some(effect) = pending.pop_front() {
                        permit.send(effect);
                    }
                }
                Err(_) => {
                    tracing::warn!(dropped = pending.len(), "sync task gone; effects dropped");
                    pending.clear();
                    sync_open = false;
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
        while let Some(Some(ev)) = events.next().now_or_never() {
            match ev {
                Ok(ev) => steps.push(feed_event(console, ev)),
                Err(e) => return Err(e),
            }
        }
        for step in steps {
            dirty |= step.dirty;
            for effect in step.effects {
                match effect {
                    Effect::Quit => return Ok(ExitReason::Quit),
                    Effect::Clipboard { text, what } => {
                        clipboard::copy(terminal.backend_mut(), &text, options.tmux.as_deref())?;
                        tracing::info!(what = %what, "copied to the clipboard");
                    }
                    other if sync_open => pending.push_back(other),
                    other => tracing::warn!(?other, "no sync task; effect dropped"),
                }
            }
        }
        // Send what fits now without waiting; the select! above sends the rest as room appears.
        while let Some(effect) = pending.pop_front() {
            match chans.effects.try_send(effect) {
                Ok(()) => {}
                Err(mpsc::error::TrySendError::Full(effect)) => {
                    pending.push_front(effect);
                    break;
                }
                Err(mpsc::error::TrySendError::Closed(_)) => {
                    pending.clear();
                    sync_open = false;
                }
            }
        }
    }
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
