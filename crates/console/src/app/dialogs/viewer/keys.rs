//! Viewer keys: scroll, copy the whole value, and search (`/` types it, Enter keeps it, Esc
//! drops it, `n`/`N` step through the matches).

use super::state::Viewer;
use crate::app::chrome::toasts::Level;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::line_input::LineInput;
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::state::State;
use crossterm::event::KeyEvent;
use mde_model::protocol::Effect;

fn top(state: &mut State) -> Option<&mut Viewer> {
    match state.dialogs.last_mut() {
        Some(Dialog::Viewer(v)) => Some(v),
        _ => None,
    }
}

/// An action while the viewer is on top.
pub(crate) fn on_action(state: &mut State, action: Action) -> Effects {
    let Some(v) = top(state) else {
        return Effects::none();
    };
    if v.searching {
        match action {
            // Typing a search: Enter keeps it, Esc drops it.
            Action::Enter => {
                v.searching = false;
                v.current_match = 0;
            }
            Action::Back => {
                v.searching = false;
                v.search = LineInput::default();
            }
            _ => {}
        }
        return Effects::none();
    }
    let last = v.text.lines().count().saturating_sub(1);
    match action {
        Action::Filter => v.searching = true,
        Action::NextMatch => v.current_match += 1,
        Action::PrevMatch => v.current_match -= 1,
        Action::Back if !v.search.text().is_empty() => v.search = LineInput::default(),
        Action::Up => v.scroll = v.scroll.saturating_sub(1),
        Action::Down => v.scroll = (v.scroll + 1).min(last),
        Action::PageUp => v.scroll = v.scroll.saturating_sub(10),
        Action::PageDown => v.scroll = (v.scroll + 10).min(last),
        Action::Top => v.scroll = 0,
        Action::Bottom => v.scroll = last,
        Action::YankMenu => {
            let effect = Effect::Clipboard {
                text: v.text.clone(),
                what: v.title.clone(),
            };
            state.notify(Level::Info, "Copied");
            return Effects::one(effect);
        }
        Action::Back => {
            state.dialogs.pop();
        }
        _ => {}
    }
    Effects::none()
}

/// A key while the search is being typed; a changed search starts again at its first match.
pub(crate) fn on_key(state: &mut State, key: KeyEvent) {
    if let Some(v) = top(state).filter(|v| v.searching) {
        let changed = v.search.handle(key);
        v.current_match = if changed { 0 } else { v.current_match };
    }
}

/// Pasted text while the search is being typed goes into it.
pub(crate) fn on_paste(state: &mut State, text: &str) {
    if let Some(v) = top(state).filter(|v| v.searching)
        && v.search.insert_str(text)
    {
        v.current_match = 0;
    }
}
