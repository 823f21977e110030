//! Help keys: scroll, search by typing, Esc clears the search first and then closes.

use super::state::Help;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::line_input::LineInput;
use crate::app::keymap::action::Action;
use crate::app::state::State;
use crossterm::event::KeyEvent;

fn top(state: &mut State) -> Option<&mut Help> {
    match state.dialogs.last_mut() {
        Some(Dialog::Help(h)) => Some(h),
        _ => None,
    }
}

/// `?`: opens the overlay.
pub(crate) fn open(state: &mut State) {
    state.dialogs.push(Dialog::Help(Help::default()));
}

/// An action while help is on top.
pub(crate) fn on_action(state: &mut State, action: Action) {
    let Some(h) = top(state) else {
        return;
    };
    match action {
        Action::Back if !h.filter.text().is_empty() => {
            h.filter = LineInput::default();
            h.scroll = 0;
        }
        Action::Back => {
            state.dialogs.pop();
        }
        Action::Up => h.scroll = h.scroll.saturating_sub(1),
        Action::Down => h.scroll = h.scroll.saturating_add(1),
        Action::PageUp => h.scroll = h.scroll.saturating_sub(10),
        Action::PageDown => h.scroll = h.scroll.saturating_add(10),
        _ => {}
    }
}

/// A typed key edits the search; a changed search starts at the top.
pub(crate) fn on_key(state: &mut State, key: KeyEvent) {
    if let Some(h) = top(state)
        && h.filter.handle(key)
    {
        h.scroll = 0;
    }
}

/// Pasted text goes into the search.
pub(crate) fn on_paste(state: &mut State, text: &str) {
    if let Some(h) = top(state) {
        h.filter.insert_str(text);
        h.scroll = 0;
    }
}
