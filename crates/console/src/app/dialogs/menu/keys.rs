//! Menu keys: move, pick by Enter or by hotkey, close. Picking routes the item's value to the
//! feature it belongs to.

use super::state::MenuValue;
use super::{classify, yank};
use crate::app::dialogs::Dialog;
use crate::app::dialogs::hotkey::plain_char;
use crate::app::effects::Effects;
use crate::app::incidents::keys as incident_keys;
use crate::app::incidents::triage as incidents;
use crate::app::keymap::action::Action;
use crate::app::list::actions as list;
use crate::app::state::State;
use crate::app::subject::state::Subject;
use crate::app::triage::actions as triage;
use crossterm::event::KeyEvent;

/// An action while a menu is on top.
pub(crate) fn on_action(state: &mut State, action: Action) -> Effects {
    let Some(Dialog::Menu(m)) = state.dialogs.last_mut() else {
        return Effects::none();
    };
    match action {
        Action::Up => {
            m.selected = m
                .selected
                .checked_sub(1)
                .unwrap_or(m.items.len().saturating_sub(1));
        }
        Action::Down => {
            m.selected = if m.selected + 1 >= m.items.len() {
                0
            } else {
                m.selected + 1
            };
        }
        Action::Enter => {
            let value = m.items.get(m.selected).map(|i| i.value.clone());
            let subject = m.subject.clone();
            state.dialogs.pop();
            if let Some(v) = value {
                return choose(state, v, subject);
            }
        }
        Action::Back => {
            state.dialogs.pop();
        }
        _ => {}
    }
    Effects::none()
}

/// A letter picks the item it is the hotkey of.
pub(crate) fn on_key(state: &mut State, key: KeyEvent) -> Effects {
    let Some(Dialog::Menu(m)) = state.dialogs.last_mut() else {
        return Effects::none();
    };
    let hit = plain_char(&key).and_then(|c| {
        let c = c.to_ascii_lowercase();
        m.items.iter().position(|it| it.hotkey == Some(c))
    });
    match hit {
        Some(i) => {
            m.selected = i;
            on_action(state, Action::Enter)
        }
        None => Effects::none(),
    }
}

/// A menu item was picked; a triage menu's pick acts on the subject it named.
fn choose(state: &mut State, value: MenuValue, subject: Option<Subject>) -> Effects {
    match value {
        MenuValue::Sort(k) => {
            list::sort_by(state, k);
            Effects::none()
        }
        MenuValue::Status(s) => triage::set_status(state, subject, s),
        MenuValue::Classification(c) => {
            classify::open_determination(state, c, subject);
            Effects::none()
        }
        MenuValue::Determination(c, d) => triage::classify(state, subject, c, d),
        MenuValue::Yank { what, text } => yank::copy(state, what, text),
        MenuValue::View(v) => {
            list::set_view(state, v);
            Effects::none()
        }
        MenuValue::IncidentStatus(s) => match subject {
            Some(subject) => incidents::set_status(state, subject, s),
            None => Effects::none(),
        },
        MenuValue::IncidentSort(k) => {
            incident_keys::sort_picked(state, k);
            Effects::none()
        }
    }
}
