//! Triage actions: assign, status, classify — on the marks or the selected alert. One alert is
//! written at once; several go through one batch write after a confirmation.

use super::write::{apply_optimistic, build_write, count_label, describe};
use crate::app::chrome::toasts::Level;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::confirm::state::Confirm;
use crate::app::effects::Effects;
use crate::app::state::State;
use mde_model::protocol::{Effect, TriageChange, TriageWrite};
use mde_model::{Classification, Determination, Status};

/// Longest owner name accepted (UPNs are at most 113 characters).
const MAX_OWNER: usize = 256;

/// The alerts an action applies to, or a message saying there are none.
pub(crate) fn targets_or_say(state: &mut State) -> Option<Vec<String>> {
    let ids = state.list.targets();
    if ids.is_empty() {
        state.notify(Level::Info, "No alert selected");
        return None;
    }
    Some(ids)
}

/// Sends a change for some alerts: at once for one, after a confirmation for several.
pub(crate) fn submit(state: &mut State, ids: Vec<String>, change: TriageChange) -> Effects {
    if change.is_empty() || ids.is_empty() {
        return Effects::none();
    }
    let write = build_write(&state.list.rows, &ids, change);
    if ids.len() > 1 {
        let count = ids.len();
        state.dialogs.push(Dialog::Confirm(Confirm {
            title: format!("Apply to {}?", count_label(count)),
            lines: describe(&write.change),
            count,
            write,
            yes_selected: false,
        }));
        return Effects::none();
    }
    send(state, write)
}

/// Queues a write: the rows change at once with a pending marker.
pub(crate) fn send(state: &mut State, write: TriageWrite) -> Effects {
    let req = state.req();
    let pending = apply_optimistic(&mut state.list.rows, req, &write);
    state.triage.pending.push(pending);
    state.list.marks.end_range();
    if write.change.comment.is_some() && write.alert_ids.len() > 1 {
        state.triage.bulk_draft = None;
    }
    state.list.rebuild(&state.config.identity);
    let text = format!(
        "Sending {} ({})",
        describe(&write.change).join(", "),
        count_label(write.alert_ids.len())
    );
    state.notify(Level::Info, text);
    Effects::one(Effect::Write { req, write })
}

/// `a`.
pub(crate) fn assign_me(state: &mut State) -> Effects {
    if state.config.identity.is_empty() {
        state.notify(
            Level::Warn,
            "No identity configured: use 'A' to assign to someone",
        );
        return Effects::none();
    }
    let Some(ids) = targets_or_say(state) else {
        return Effects::none();
    };
    let change = TriageChange {
        assigned_to: Some(state.config.identity.clone()),
        ..Default::default()
    };
    submit(state, ids, change)
}

/// The owner typed (or the highlighted suggestion when nothing was typed), checked.
pub(crate) fn assign_to(state: &mut State, typed: &str, suggestion: Option<String>) -> Effects {
    let owner = match typed.trim() {
        "" => suggestion.unwrap_or_default(),
        t => t.to_string(),
    };
    if owner.is_empty() {
        state.notify(Level::Warn, "Type an owner (UPN)");
        return Effects::none();
    }
    if owner.chars().count() > MAX_OWNER || owner.chars().any(char::is_control) {
        state.notify(Level::Error, "Not a valid owner name");
        return Effects::none();
    }
    state.triage.remember_owner(&owner);
    let Some(ids) = targets_or_say(state) else {
        return Effects::none();
    };
    let change = TriageChange {
        assigned_to: Some(owner),
        ..Default::default()
    };
    submit(state, ids, change)
}

/// Status chosen.
pub(crate) fn set_status(state: &mut State, s: Status) -> Effects {
    let Some(ids) = targets_or_say(state) else {
        return Effects::none();
    };
    let change = TriageChange {
        status: Some(s),
        ..Default::default()
    };
    submit(state, ids, change)
}

/// Classification and determination chosen.
pub(crate) fn classify(state: &mut State, c: Classification, d: Determination) -> Effects {
    let Some(ids) = targets_or_say(state) else {
        return Effects::none();
    };
    let change = TriageChange {
        classification: Some(c),
        determination: Some(d),
        ..Default::default()
    };
    submit(state, ids, change)
}
