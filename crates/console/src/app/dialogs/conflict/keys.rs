//! Conflict keys: Enter and `d` discard mine (the server's version stays); overwriting another
//! analyst's change takes its own key, `o`, so no default and no stray Enter can do it. Esc does
//! not close the prompt: the analyst must choose.

use crate::app::chrome::toasts::Level;
use crate::app::dialogs::Dialog;
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::state::State;
use crate::app::triage::undo::on_settled_without_change;
use crate::app::triage::write::revert;
use crossterm::event::{KeyCode, KeyEvent};
use mde_model::protocol::{ConflictChoice, Effect};

/// An action while the conflict prompt is on top.
pub(crate) fn on_action(state: &mut State, action: Action) -> Effects {
    match action {
        Action::Enter => resolve(state, ConflictChoice::Discard),
        Action::Overwrite => resolve(state, ConflictChoice::Overwrite),
        _ => Effects::none(),
    }
}

/// Esc (or any other key) says that a choice is needed.
pub(crate) fn on_key(state: &mut State, key: KeyEvent) -> Effects {
    if key.code == KeyCode::Esc {
        state.notify(
            Level::Warn,
            "Choose: d or Enter keeps the server's version, o overwrites it with yours",
        );
    }
    Effects::none()
}

/// Settles the conflict on top: Discard puts the server's version back.
fn resolve(state: &mut State, choice: ConflictChoice) -> Effects {
    let c = match state.dialogs.pop() {
        Some(Dialog::Conflict(c)) => c,
        // Issue 11: the same choice over an incident.
        Some(Dialog::IncidentConflict(c)) => {
            let discard = choice == ConflictChoice::Discard;
            crate::app::incidents::feed::on_settled(state, &c, discard);
            if discard {
                crate::app::incidents::undo::on_settled_without_change(state, c.outbox_id);
            }
            let text = if discard {
                "Kept the server's version of the incident"
            } else {
                "Overwriting the server's version of the incident"
            };
            state.notify(Level::Info, text);
            return Effects::one(Effect::ResolveConflict {
                outbox_id: c.outbox_id,
                choice,
            });
        }
        _ => return Effects::none(),
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
        on_settled_without_change(state, c.outbox_id);
        state.notify(Level::Info, "Kept the server's version");
    } else {
        state.notify(Level::Info, "Overwriting the server's version");
    }
    Effects::one(Effect::ResolveConflict {
        outbox_id: c.outbox_id,
        choice,
    })
}
