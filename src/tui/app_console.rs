//! The console proper behind the event loop's seam: terminal events become `AppMsg`s for
//! `app::update` (through `AppMsg::from_terminal`, the same mapping the tests drive), and
//! `ui::render` draws the state. The app's own dirty flag decides redraws.
//!
//! A paste arrives as one bracketed-paste event (the terminal guard enables bracketed paste)
//! and reaches `update` as `AppMsg::Paste`: it goes into the text being edited and is never
//! read as keys, so a pasted "q" cannot quit.

use super::console::{Console, Step};
use crate::app::{AppMsg, State, update};
use crate::model::Timestamp;
use crate::model::protocol::Msg;
use crossterm::event::Event;
use ratatui::Frame;

/// `app::State` driven by the terminal.
pub struct AppConsole {
    /// The console's state.
    pub state: State,
}

impl AppConsole {
    /// Wraps a state.
    pub fn new(state: State) -> Self {
        AppConsole { state }
    }

    fn apply(&mut self, msg: AppMsg) -> Step {
        let effects = update(&mut self.state, msg).into_vec();
        let dirty = std::mem::take(&mut self.state.dirty);
        Step { effects, dirty }
    }
}

impl Console for AppConsole {
    fn on_terminal_event(&mut self, event: Event) -> Step {
        match AppMsg::from_terminal(event) {
            Some(msg) => self.apply(msg),
            None => Step::default(),
        }
    }

    fn on_sync(&mut self, msg: Msg) -> Step {
        self.apply(AppMsg::Sync(msg))
    }

    fn on_tick(&mut self, now: Timestamp) -> Step {
        self.apply(AppMsg::Tick(now))
    }

    fn render(&self, frame: &mut Frame) {
        crate::ui::render(frame, &self.state);
    }
}
