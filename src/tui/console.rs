//! The seam between the terminal runtime and the console's state: the event loop feeds it input
//! and sync answers, forwards the effects it returns, and asks it to render when it changed.

use crossterm::event::Event;
use mde_model::Timestamp;
use mde_model::protocol::{Effect, Msg};
use ratatui::Frame;

/// What handling one input produced.
#[derive(Debug, Default, PartialEq)]
pub struct Step {
    /// Work for the outside world, in order.
    pub effects: Vec<Effect>,
    /// The screen must be drawn again.
    pub dirty: bool,
}

impl Step {
    /// A step that changed the screen and asked for `effects`.
    pub fn changed(effects: Vec<Effect>) -> Step {
        Step {
            effects,
            dirty: true,
        }
    }
}

/// A console the event loop can drive.
pub trait Console {
    /// A key press, paste, resize or focus change from the terminal.
    fn on_terminal_event(&mut self, event: Event) -> Step;
    /// An answer or status report from the sync task.
    fn on_sync(&mut self, msg: Msg) -> Step;
    /// The slow clock (toasts expiring, ages); dirty only if something visible changed.
    fn on_tick(&mut self, now: Timestamp) -> Step;
    /// Draws the whole screen from the current state.
    fn render(&self, frame: &mut Frame);
    /// True when there is background work for [`Console::on_idle`].
    fn wants_idle(&self) -> bool {
        false
    }
    /// Nothing else is ready: one slice of the background work (it draws nothing).
    fn on_idle(&mut self) -> Step {
        Step::default()
    }
    /// The session is ending (quit, signal, terminal gone): what must still be kept, such as
    /// the text of an editor left open.
    fn on_exit(&mut self) -> Vec<Effect> {
        Vec::new()
    }
}
