//! The console proper behind the event loop's seam: terminal events become `AppMsg`s for
//! `app::update`, and `ui::render` draws the state. The app's own dirty flag decides redraws.

use super::console::{Console, Step};
use crate::app::{AppMsg, State, keymap::Context, keymap::Mode, update};
use crate::model::Timestamp;
use crate::model::protocol::Msg;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
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
        let effects = update(&mut self.state, msg);
        let dirty = std::mem::take(&mut self.state.dirty);
        Step { effects, dirty }
    }

    /// A paste goes in only where text is being typed; elsewhere each character would be a
    /// command (a pasted "q" must not quit). Control characters never go in.
    fn paste(&mut self, text: &str) -> Step {
        let editor = match self.state.mode() {
            Mode::Dialog(Context::Editor) => true,
            Mode::Dialog(Context::Input) => false,
            _ => return Step::default(),
        };
        let mut step = Step::default();
        for c in text.chars() {
            let code = match c {
                '\n' if editor => KeyCode::Enter,
                '\n' | '\t' => KeyCode::Char(' '),
                '\r' => continue,
                c if c.is_control() => continue,
                c => KeyCode::Char(c),
            };
            let s = self.apply(AppMsg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
            step.dirty |= s.dirty;
            step.effects.extend(s.effects);
        }
        step
    }
}

impl Console for AppConsole {
    fn on_terminal_event(&mut self, event: Event) -> Step {
        match event {
            Event::Key(k) => self.apply(AppMsg::Key(k)),
            Event::Resize(w, h) => self.apply(AppMsg::Resize(w, h)),
            Event::Paste(text) => self.paste(&text),
            _ => Step::default(),
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
