//! Conflict keys: switch between Discard mine (the default) and Overwrite; `o` and `d` choose
//! directly. Esc does not close it: the analyst must choose.

use crate::app::chrome::toasts::Level;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::hotkey::plain_char;
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::state::State;
use crate::app::triage::write::revert;
use crossterm::event::{KeyCode, KeyEvent};
use mde_model::protocol::{ConflictChoice, Effect};

/// An action while the conflict prompt is on top.
pub(crate) fn on_action(state: &mut State, action: Action) -> Effects {
    let Some(Dialog::Conflict(c)) = state.dialogs.last_mut() else {
        return Effects::none();
    };
    match action {
        Action::Up | Action::Down => c.overwrite_selected = !c.overwrite_selected,
        Action::Enter => {
            let choice = if c.overwrite_selected {
                ConflictChoice::Overwrite
            } else {
                ConflictChoice::Discard
            };
            return resolve(state, choice);
        }
        _ => {}
    }
    Effects::none()
}

/// `o` overwrites, `d` discards; Esc says that a choice is needed.
pub(crate) fn on_key(state: &mut State, key: KeyEvent) -> Effects {
    match plain_char(&key) {
        Some('o') => return resolve(state, ConflictChoice::Overwrite),
        Some('d') => return resolve(state, ConflictChoice::Discard),
        _ => {}
    }
    if key.code == KeyCode::Esc {
        state.notify(
            Level::Warn,
            "Choose: o = overwrite the server, d = discard your change",
        );
    }
    Effects::none()
}

/// Settles the conflict on top: Discard puts the server's version back.
fn resolve(state: &mut State, choice: ConflictChoice) -> Effects {
    let Some(Dialog::Conflict(c)) = state.dialogs.pop() else {
        return Effects::none();
    };
    if choice == ConflictChoice::Discard {
        let pending = &mut state.triage.pending;
        if let Some(i) = pending
            .iter()
            .position(|p| p.outbox_id == Some(c.outbox_id))
        {
            let p = pending.remove(i);
            revert(&mut state.list.rows, &p, None);
        }
        state.list.rows.replace(*c.server.clone());
        state.list.rebuild(&state.config.identity);
        state.notify(Level::Info, "Kept the server's version");
    } else {
        state.notify(Level::Info, "Overwriting the server's version");
    }
    Effects::one(Effect::ResolveConflict {
        outbox_id: c.outbox_id,
        choice,
    })
}
