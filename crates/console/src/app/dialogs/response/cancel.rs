//! Cancelling an action that has not reached a final state (`X` in the device panel): the action
//! and its device named, the comment the service asks for, Ctrl-S sends the cancel.

use super::state::{CancelForm, ResponseDialog};
use super::text;
use crate::app::chrome::toasts::Level;
use crate::app::device::state::Asked;
use crate::app::dialogs::Dialog;
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::list::widths::short_host;
use crate::app::state::State;
use crossterm::event::KeyEvent;
use mde_model::protocol::Effect;

/// Opens the cancel of `action_id` (`label` on `device`).
pub(crate) fn open(state: &mut State, action_id: String, label: String, device: String) {
    let comment = format!("Cancelled from mde-triage by {}", state.config.identity);
    state
        .dialogs
        .push(Dialog::Response(Box::new(ResponseDialog::Cancel(
            Box::new(CancelForm {
                action_id,
                label,
                device,
                comment: text::area(&comment),
                error: None,
            }),
        ))));
}

fn form(state: &mut State) -> Option<&mut CancelForm> {
    match state.dialogs.last_mut() {
        Some(Dialog::Response(r)) => match &mut **r {
            ResponseDialog::Cancel(f) => Some(f),
            _ => None,
        },
        _ => None,
    }
}

/// An action while the cancel is on top.
pub(crate) fn on_action(state: &mut State, action: Action) -> Effects {
    match action {
        Action::SendAction => send(state),
        Action::Back => {
            state.dialogs.pop();
            state.notify(Level::Info, "The action goes on: nothing was cancelled");
            Effects::none()
        }
        _ => Effects::none(),
    }
}

/// Keys edit the comment.
pub(crate) fn on_key(state: &mut State, key: KeyEvent) {
    if let Some(f) = form(state) {
        text::input(&mut f.comment, key);
    }
}

/// Pasted text goes into the comment.
pub(crate) fn on_paste(state: &mut State, pasted: &str) {
    if let Some(f) = form(state) {
        text::paste(&mut f.comment, pasted);
    }
}

fn send(state: &mut State) -> Effects {
    let read_only = state.config.read_only;
    let Some(f) = form(state) else {
        return Effects::none();
    };
    let comment = text::text_of(&f.comment);
    if read_only {
        f.error = Some("Read-only mode: nothing can be cancelled".into());
        return Effects::none();
    }
    if comment.trim().is_empty() {
        f.error = Some("Write why: the service asks for a comment".into());
        return Effects::none();
    }
    let (action_id, label) = (
        f.action_id.clone(),
        format!("{} on {}", f.label, short_host(&f.device)),
    );
    state.dialogs.pop();
    let req = state.req();
    state.device.asked.insert(
        req,
        Asked::Cancel {
            action_id: action_id.clone(),
            label: label.clone(),
        },
    );
    state.notify(Level::Info, format!("Cancelling {label}…"));
    Effects::one(Effect::CancelAction {
        req,
        action_id,
        comment,
    })
}
