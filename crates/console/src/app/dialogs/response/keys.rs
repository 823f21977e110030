//! Keys of the response dialogs: the menu moves, picks by Enter or hotkey and closes; each form
//! gets its own keys (`form`, `cancel`, `indicator`, `bulk`).

use super::open::pick;
use super::state::ResponseDialog;
use super::{bulk, cancel, form, indicator};
use crate::app::dialogs::Dialog;
use crate::app::dialogs::hotkey::plain_char;
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::state::State;
use crossterm::event::KeyEvent;

fn top(state: &State) -> Option<&ResponseDialog> {
    match state.dialogs.last() {
        Some(Dialog::Response(r)) => Some(r),
        _ => None,
    }
}

/// An action while a response dialog is on top.
pub(crate) fn on_action(state: &mut State, action: Action) -> Effects {
    match top(state) {
        Some(ResponseDialog::Menu(_)) => menu_action(state, action),
        Some(ResponseDialog::Action(_)) => form::on_action(state, action),
        Some(ResponseDialog::Cancel(_)) => cancel::on_action(state, action),
        Some(ResponseDialog::Indicator(_)) => indicator::on_action(state, action),
        Some(ResponseDialog::Bulk(_)) => bulk::on_action(state, action),
        None => Effects::none(),
    }
}

/// A key no binding claimed.
pub(crate) fn on_key(state: &mut State, key: KeyEvent) -> Effects {
    match top(state) {
        Some(ResponseDialog::Menu(m)) => {
            let hit = plain_char(&key).and_then(|c| {
                let c = c.to_ascii_lowercase();
                m.entries.iter().position(|e| e.hotkey == Some(c))
            });
            match hit {
                Some(i) => {
                    if let Some(Dialog::Response(r)) = state.dialogs.last_mut()
                        && let ResponseDialog::Menu(m) = &mut **r
                    {
                        m.selected = i;
                    }
                    menu_action(state, Action::Enter)
                }
                None => Effects::none(),
            }
        }
        Some(ResponseDialog::Action(_)) => form::on_key(state, key),
        Some(ResponseDialog::Cancel(_)) => {
            cancel::on_key(state, key);
            Effects::none()
        }
        Some(ResponseDialog::Indicator(_)) => {
            indicator::on_key(state, key);
            Effects::none()
        }
        Some(ResponseDialog::Bulk(_)) => bulk::on_key(state, key),
        None => Effects::none(),
    }
}

/// Pasted text goes into the form's field with the focus (never into a menu).
pub(crate) fn on_paste(state: &mut State, text: &str) {
    match top(state) {
        Some(ResponseDialog::Action(_)) => form::on_paste(state, text),
        Some(ResponseDialog::Cancel(_)) => cancel::on_paste(state, text),
        Some(ResponseDialog::Indicator(_)) => indicator::on_paste(state, text),
        Some(ResponseDialog::Bulk(_)) => bulk::on_paste(state, text),
        _ => {}
    }
}

fn menu_action(state: &mut State, action: Action) -> Effects {
    let Some(Dialog::Response(r)) = state.dialogs.last_mut() else {
        return Effects::none();
    };
    let ResponseDialog::Menu(m) = &mut **r else {
        return Effects::none();
    };
    let n = m.entries.len();
    match action {
        Action::Up => m.selected = m.selected.checked_sub(1).unwrap_or(n.saturating_sub(1)),
        Action::Down => {
            m.selected = if m.selected + 1 >= n {
                0
            } else {
                m.selected + 1
            }
        }
        Action::Enter => {
            let Some(entry) = m.entries.get(m.selected).cloned() else {
                return Effects::none();
            };
            // A refused entry keeps the menu open: the analyst sees why and picks another.
            if entry.refusal.is_some() {
                return pick(state, entry, None, Vec::new(), String::new(), None);
            }
            let (target, marked, name, file) = (
                m.target.clone(),
                m.marked.clone(),
                m.marked_name.clone(),
                m.file.clone(),
            );
            state.dialogs.pop();
            return pick(state, entry, target, marked, name, file);
        }
        Action::Back => {
            state.dialogs.pop();
        }
        _ => {}
    }
    Effects::none()
}
