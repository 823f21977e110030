//! Triage of whole incidents, on the subject (`app::subject`) like alerts: assign, status,
//! classify with a determination, tags, comments, the resolving comment. One incident with one
//! alert is written at once; an incident of several alerts, or several marked incidents,
//! confirms first with the count and the names. Every write goes through the outbox
//! (`Effect::WriteIncident`) and shows at once with a pending marker.

use super::pending::{IncidentDone, IncidentPending, apply_change, count_label, describe};
use super::subject::incident_name;
use crate::app::chrome::toasts::Level;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::confirm::state::{Confirm, Confirmed};
use crate::app::dialogs::editor::state::{Editor, EditorPurpose};
use crate::app::effects::Effects;
use crate::app::state::State;
use crate::app::subject::rule::first_names;
use crate::app::subject::state::Subject;
use crate::app::triage::history::Stage;
use mde_model::Status;
use mde_model::graph::{IncidentChange, IncidentStatus, IncidentWrite};
use mde_model::protocol::{Effect, TriageChange};
use ratatui_textarea::TextArea;

/// Names listed one by one in a confirmation.
const NAMED: usize = 5;
/// Most tags an incident write carries, and the longest tag.
const MAX_TAGS: usize = 50;
const MAX_TAG: usize = 128;

/// The incident form of an alert triage change (the alert statuses map to the incident ones).
pub(crate) fn from_triage(c: TriageChange) -> IncidentChange {
    IncidentChange {
        status: c.status.map(|s| match s {
            Status::InProgress => IncidentStatus::InProgress,
            Status::Resolved => IncidentStatus::Resolved,
            _ => IncidentStatus::Active,
        }),
        assigned_to: c.assigned_to,
        classification: c.classification,
        determination: c.determination,
        comment: c.comment,
        ..IncidentChange::default()
    }
}

/// Sends a change to the subject's incidents: at once for one incident of at most one alert,
/// after a confirmation naming the incident(s) and the alerts reached otherwise.
pub(crate) fn submit(state: &mut State, subject: &Subject, change: IncidentChange) -> Effects {
    if change.is_empty() || subject.ids.is_empty() {
        return Effects::none();
    }
    let writes: Vec<IncidentWrite> = subject
        .ids
        .iter()
        .map(|id| IncidentWrite {
            incident_id: id.clone(),
            change: change.clone(),
            seen_last_update: seen(state, id),
        })
        .collect();
    let alerts: usize = subject
        .ids
        .iter()
        .map(|id| state.incidents.alert_count(id))
        .sum();
    if subject.ids.len() > 1 || subject.hidden > 0 || alerts > 1 {
        let (names, total) = match subject.ids.as_slice() {
            [one] => {
                let ids: Vec<String> = state
                    .incidents
                    .detail(one)
                    .map(|d| d.alerts.iter().map(|a| a.id.clone()).collect())
                    .unwrap_or_default();
                (first_names(state, &ids, NAMED), ids.len())
            }
            many => (
                many.iter()
                    .take(NAMED)
                    .map(|id| incident_name(state, id))
                    .collect(),
                many.len(),
            ),
        };
        state.dialogs.push(Dialog::Confirm(Confirm {
            title: format!("Change {}?", subject.name),
            lines: describe(&change),
            more: total.saturating_sub(names.len()),
            alerts: names,
            hidden: subject.hidden,
            count: alerts,
            action: Confirmed::Incidents(writes, subject.name.clone()),
            yes_selected: false,
        }));
        return Effects::none();
    }
    send_all(state, writes, &subject.name)
}

/// What the analyst saw of the incident: the server's `lastUpdateDateTime` of the row.
pub(crate) fn seen(state: &State, id: &str) -> Option<mde_model::Timestamp> {
    let inc = &state.incidents;
    inc.pending
        .iter()
        .find(|p| p.incident_id == id)
        .and_then(|p| p.before.as_ref())
        .or_else(|| inc.rows.get(id))
        .and_then(|r| r.last_update)
}

/// Queues incident writes: each row changes at once with a pending marker; each is kept for
/// undo.
pub(crate) fn send_all(state: &mut State, writes: Vec<IncidentWrite>, name: &str) -> Effects {
    send_writes(state, writes, name, true)
}

/// `send_all`, kept for undo or not (an undo's own reversing write is not undone by `u`).
pub(crate) fn send_writes(
    state: &mut State,
    writes: Vec<IncidentWrite>,
    name: &str,
    record: bool,
) -> Effects {
    let mut effects = Effects::none();
    let Some(first) = writes.first() else {
        return effects;
    };
    let what = describe(&first.change).join(", ");
    let n = writes.len();
    for write in writes {
        let req = state.req();
        let inc = &mut state.incidents;
        let id = write.incident_id.clone();
        // A revert restores the server's version, not another pending write's.
        let before = inc
            .pending
            .iter()
            .find(|p| p.incident_id == id)
            .and_then(|p| p.before.clone())
            .or_else(|| inc.rows.get(&id).cloned());
        if let Some(row) = inc.rows.get_mut(&id) {
            apply_change(row, &write.change);
        }
        if record {
            inc.history.push(IncidentDone {
                req,
                outbox_id: None,
                incident_id: id.clone(),
                change: write.change.clone(),
                before: before.clone(),
                stage: Stage::Queued,
            });
        }
        inc.pending.push(IncidentPending {
            req,
            outbox_id: None,
            incident_id: id,
            change: write.change.clone(),
            before,
        });
        effects.push(Effect::WriteIncident { req, write });
    }
    state.incidents.rebuild(&state.config.identity);
    let text = if state.connection.offline() {
        format!("Queued while offline: {what} for {name}; sent when the service answers")
    } else {
        format!("Sending {what} for {name} ({})", count_label(n))
    };
    state.notify(Level::Info, text);
    effects
}

/// A status picked for incidents: resolving asks for the resolving comment first.
pub(crate) fn set_status(state: &mut State, subject: Subject, s: IncidentStatus) -> Effects {
    if s == IncidentStatus::Resolved {
        open_resolve(state, subject);
        return Effects::none();
    }
    let change = IncidentChange {
        status: Some(s),
        ..IncidentChange::default()
    };
    submit(state, &subject, change)
}

/// The comment editor, as the resolving comment of the subject (sent with the resolution;
/// empty resolves without one).
pub(crate) fn open_resolve(state: &mut State, subject: Subject) {
    let keys = draft_keys(&subject);
    let draft = match keys.as_slice() {
        [one] => state.triage.drafts.get(one).cloned(),
        _ => None,
    };
    let textarea = match draft {
        Some(text) => TextArea::from(text.split('\n')),
        None => TextArea::default(),
    };
    state.dialogs.push(Dialog::Editor(Box::new(Editor {
        alert_ids: keys,
        subject: Some(subject),
        textarea,
        purpose: EditorPurpose::Resolve,
    })));
}

/// Ctrl-S in the resolving editor: status resolved, with the text as the resolving comment.
pub(crate) fn resolve(state: &mut State, subject: &Subject, text: &str) -> Effects {
    let text = text.trim_end();
    let change = IncidentChange {
        status: Some(IncidentStatus::Resolved),
        resolving_comment: (!text.trim().is_empty()).then(|| text.to_string()),
        ..IncidentChange::default()
    };
    submit(state, subject, change)
}

/// The keys drafts of an incident subject are kept under (`incident:1101`).
pub(crate) fn draft_keys(subject: &Subject) -> Vec<String> {
    subject
        .ids
        .iter()
        .map(|id| format!("incident:{id}"))
        .collect()
}

/// The tags typed for the subject (comma-separated; empty clears them), checked.
pub(crate) fn set_tags(state: &mut State, subject: Option<Subject>, typed: &str) -> Effects {
    let Some(subject) = subject.filter(Subject::is_incident) else {
        return Effects::none();
    };
    let mut tags: Vec<String> = Vec::new();
    for t in typed.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if t.chars().count() > MAX_TAG || t.chars().any(char::is_control) {
            state.notify(
                Level::Error,
                "Not a valid tag (at most 128 printable characters)",
            );
            return Effects::none();
        }
        if !tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
            tags.push(t.to_string());
        }
    }
    if tags.len() > MAX_TAGS {
        state.notify(Level::Error, format!("At most {MAX_TAGS} tags"));
        return Effects::none();
    }
    let same = subject
        .ids
        .iter()
        .all(|id| state.incidents.rows.get(id).is_some_and(|r| r.tags == tags));
    if same {
        state.notify(Level::Info, "The tags are unchanged");
        return Effects::none();
    }
    let change = IncidentChange {
        custom_tags: Some(tags),
        ..IncidentChange::default()
    };
    submit(state, &subject, change)
}
