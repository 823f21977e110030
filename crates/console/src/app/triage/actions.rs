//! Triage actions: assign, status, classify — on the subject (`app::subject`), named in every
//! message. One alert is written at once; several (or a marked one the list does not show) go
//! through one write after a confirmation that shows the count and the first titles.

use super::history::{Done, Stage};
use super::write::{apply_optimistic, build_write, count_label, describe};
use crate::app::chrome::toasts::Level;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::confirm::state::{Confirm, Confirmed};
use crate::app::effects::Effects;
use crate::app::state::State;
use crate::app::subject::rule::{first_names, subject};
use crate::app::subject::state::Subject;
use mde_model::protocol::{Effect, TriageChange, TriageWrite};
use mde_model::{Classification, Determination, Status};

/// Longest owner name accepted (UPNs are at most 113 characters).
const MAX_OWNER: usize = 256;
/// Alerts named one by one in a confirmation.
const NAMED: usize = 5;

/// The subject of a triage action now, or a message saying there is none.
pub(crate) fn subject_or_say(state: &mut State) -> Option<Subject> {
    let s = subject(state);
    if s.is_none() {
        state.notify(Level::Info, "No alert selected");
    }
    s
}

/// Sends a change for a subject: at once for one alert on screen, after a confirmation that
/// names the alerts otherwise.
pub(crate) fn submit(state: &mut State, subject: &Subject, change: TriageChange) -> Effects {
    if change.is_empty() || subject.ids.is_empty() {
        return Effects::none();
    }
    // Issue 11: an incident subject is written as incidents.
    if subject.is_incident() {
        let change = crate::app::incidents::triage::from_triage(change);
        return crate::app::incidents::triage::submit(state, subject, change);
    }
    let write = build_write(&state.list.rows, &subject.ids, change);
    if subject.needs_confirmation() {
        let count = subject.ids.len();
        let alerts = first_names(state, &subject.ids, NAMED);
        state.dialogs.push(Dialog::Confirm(Confirm {
            title: format!("Change {}?", subject.name),
            lines: describe(&write.change),
            alerts,
            more: count.saturating_sub(NAMED),
            hidden: subject.hidden,
            count,
            action: Confirmed::Write(write, subject.name.clone()),
            yes_selected: false,
        }));
        return Effects::none();
    }
    send(state, write, &subject.name)
}

/// Queues a write: the rows change at once with a pending marker, and the change is kept for
/// undo.
pub(crate) fn send(state: &mut State, write: TriageWrite, name: &str) -> Effects {
    let effects = send_write(state, write.clone(), name);
    if let Some(Effect::Write { req, .. }) = effects.first() {
        let before = state
            .triage
            .pending
            .iter()
            .find(|p| p.req == *req)
            .map(|p| p.before.clone())
            .unwrap_or_default();
        state.triage.history.push(Done {
            req: *req,
            outbox_id: None,
            alert_ids: write.alert_ids,
            change: write.change,
            before,
            name: name.to_string(),
            stage: Stage::Queued,
        });
    }
    effects
}

/// Queues a write without keeping it for undo (undo's own reversals).
pub(crate) fn send_write(state: &mut State, write: TriageWrite, name: &str) -> Effects {
    let req = state.req();
    let pending = apply_optimistic(&mut state.list.rows, req, &write);
    state.triage.pending.push(pending);
    state.list.marks.end_range();
    if write.change.comment.is_some() && write.alert_ids.len() > 1 {
        state.triage.bulk_draft = None;
    }
    state.list.rebuild(&state.config.identity);
    let what = describe(&write.change).join(", ");
    let text = if state.connection.offline() {
        format!("Queued while offline: {what} for {name}; sent when the service answers")
    } else {
        format!(
            "Sending {what} for {name} ({})",
            count_label(write.alert_ids.len())
        )
    };
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
    let Some(subject) = subject_or_say(state) else {
        return Effects::none();
    };
    let change = TriageChange {
        assigned_to: Some(state.config.identity.clone()),
        ..Default::default()
    };
    submit(state, &subject, change)
}

/// The owner typed (or the highlighted suggestion), checked, for a subject.
pub(crate) fn assign_to(
    state: &mut State,
    subject: Option<Subject>,
    typed: &str,
    suggestion: Option<String>,
) -> Effects {
    let owner = match suggestion {
        Some(s) => s,
        None => typed.trim().to_string(),
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
    let Some(subject) = subject.or_else(|| subject_or_say(state)) else {
        return Effects::none();
    };
    let change = TriageChange {
        assigned_to: Some(owner),
        ..Default::default()
    };
    submit(state, &subject, change)
}

/// Status chosen for a subject (the one its menu named, or the current one).
pub(crate) fn set_status(state: &mut State, subject: Option<Subject>, s: Status) -> Effects {
    let Some(subject) = subject.or_else(|| subject_or_say(state)) else {
        return Effects::none();
    };
    let change = TriageChange {
        status: Some(s),
        ..Default::default()
    };
    submit(state, &subject, change)
}

/// Classification and determination chosen for a subject.
pub(crate) fn classify(
    state: &mut State,
    subject: Option<Subject>,
    c: Classification,
    d: Determination,
) -> Effects {
    let Some(subject) = subject.or_else(|| subject_or_say(state)) else {
        return Effects::none();
    };
    let change = TriageChange {
        classification: Some(c),
        determination: Some(d),
        ..Default::default()
    };
    submit(state, &subject, change)
}
