//! The console proper behind the event loop's seam: terminal events become `AppMsg`s for
//! `app::update` (through `AppMsg::from_terminal`, the same mapping the tests drive), and
//! `ui::render` draws the state. The app's own dirty flag decides redraws.
//!
//! A paste arrives as one bracketed-paste event (the terminal guard enables bracketed paste)
//! and reaches `update` as `AppMsg::Paste`: it goes into the text being edited and is never
//! read as keys, so a pasted "q" cannot quit.

use super::console::{Console, Step};
use crossterm::event::Event;
use mde_console::app::dialogs::Dialog;
use mde_console::app::{AppMsg, State, update, wants_idle};
use mde_model::Timestamp;
use mde_model::protocol::{Effect, Msg};
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
        mde_console::ui::render(frame, &self.state);
    }

    fn wants_idle(&self) -> bool {
        wants_idle(&self.state)
    }

    fn on_idle(&mut self) -> Step {
        self.apply(AppMsg::Idle)
    }

    fn on_exit(&mut self) -> Vec<Effect> {
        unsaved_drafts(&self.state)
    }
}

/// The text of a comment editor still open, as a draft to keep: the session is ending without
/// the analyst closing the editor (a signal, the terminal gone). A bulk comment has no saved
/// draft, as when the editor is closed with Esc.
fn unsaved_drafts(state: &State) -> Vec<Effect> {
    state
        .dialogs
        .iter()
        .filter_map(|d| match d {
            Dialog::Editor(ed) => match ed.alert_ids.as_slice() {
                [one] if !ed.text().trim().is_empty() => Some(Effect::SaveDraft {
                    alert_id: one.clone(),
                    text: ed.text(),
                }),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use mde_console::app::AppConfig;
    use mde_model::{Alert, AlertRow};

    fn console() -> AppConsole {
        let mut c = AppConsole::new(State::new(AppConfig::new("analyst@contoso.com")));
        let rows = vec![AlertRow::from_alert(&Alert::new("da1", "Title"))];
        let step = c.on_sync(Msg::CacheLoaded { req: 1, rows });
        assert!(step.dirty && step.effects.is_empty());
        c
    }

    fn key(c: &mut AppConsole, ch: char) -> Step {
        c.on_terminal_event(Event::Key(KeyEvent::new(
            KeyCode::Char(ch),
            KeyModifiers::NONE,
        )))
    }

    #[test]
    fn a_terminal_paste_reaches_update_as_one_paste_message() {
        let mut c = console();
        // With no text being edited a paste is ignored: a pasted "qa" neither quits nor assigns.
        let step = c.on_terminal_event(Event::Paste("qa".into()));
        assert!(step.effects.is_empty());
        assert!(!c.state.quitting && !c.state.triage.is_pending("da1"));
        assert!(key(&mut c, '/').dirty);
        let pasted = "sev:high\tstatus:new\r\n";
        let step = c.on_terminal_event(Event::Paste(pasted.into()));
        assert!(step.dirty && step.effects.is_empty());
        // Exactly what `update` makes of `AppMsg::Paste`, the message the update tests drive.
        let mut twin = console();
        let _ = update(
            &mut twin.state,
            AppMsg::Key(KeyEvent::from(KeyCode::Char('/'))),
        );
        let _ = update(&mut twin.state, AppMsg::Paste(pasted.into()));
        assert_eq!(c.state.list.filter_text, "sev:high status:new  ");
        assert_eq!(c.state.list.filter_text, twin.state.list.filter_text);
    }

    #[test]
    fn an_open_editor_leaves_its_text_as_a_draft() {
        let mut c = console();
        assert!(c.on_exit().is_empty(), "nothing typed, nothing to keep");
        key(&mut c, 'C');
        for ch in "half a comment".chars() {
            key(&mut c, ch);
        }
        assert_eq!(
            c.on_exit(),
            vec![Effect::SaveDraft {
                alert_id: "da1".into(),
                text: "half a comment".into()
            }]
        );
    }

    #[test]
    fn events_the_console_ignores_change_nothing() {
        let mut c = console();
        c.state.dirty = false;
        assert_eq!(c.on_terminal_event(Event::FocusGained), Step::default());
        let resize = c.on_terminal_event(Event::Resize(100, 30));
        assert!(resize.dirty);
        assert_eq!(c.state.size, (100, 30));
    }
}
