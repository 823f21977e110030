//! What the sync task says about incidents: rows (cache first, then what changed), one
//! incident's detail with its alerts, and the fate of incident writes (queued, confirmed,
//! failed, in conflict). Answers to an old request are dropped.

use super::conflict::IncidentConflictPrompt;
use super::state::IncidentLoad;
use super::subject::incident_name;
use crate::app::chrome::toasts::Level;
use crate::app::dialogs::Dialog;
use crate::app::effects::Effects;
use crate::app::state::State;
use crate::app::triage::write::ingest;
use mde_model::AlertRow;
use mde_model::graph::{IncidentDetail, IncidentRow};
use mde_model::protocol::RequestId;
use std::collections::HashSet;

/// Incident rows from the cache or the service.
pub(crate) fn on_updated(
    state: &mut State,
    req: RequestId,
    rows: Vec<IncidentRow>,
    complete: bool,
) {
    let inc = &mut state.incidents;
    if complete && req < inc.complete_applied {
        return;
    }
    if complete {
        let keep: HashSet<String> = rows
            .iter()
            .map(|r| r.id.clone())
            .chain(inc.pending.iter().map(|p| p.incident_id.clone()))
            .collect();
        inc.rows.retain(|id, _| keep.contains(id));
        inc.marks.retain(|id| keep.contains(id));
        inc.complete_applied = req;
    }
    if inc.req == Some(req) {
        inc.error = None;
    }
    for row in rows {
        inc.ingest(row, complete);
    }
    inc.loaded = true;
    inc.rebuild(&state.config.identity);
    settle_jump(state);
}

/// Fetching incidents failed: the rows held stay.
pub(crate) fn on_failed(state: &mut State, req: RequestId, error: String) {
    if state.incidents.req.is_some_and(|r| r > req) {
        return;
    }
    state.incidents.error = Some(error.clone());
    if state.incidents.active {
        state.notify(Level::Warn, format!("Incidents: {error}"));
    }
}

/// One incident's detail (from the cache, then from the service, under one request).
pub(crate) fn on_loaded(state: &mut State, req: RequestId, detail: Box<IncidentDetail>) {
    let id = detail.incident.id.clone();
    let asked = matches!(state.incidents.details.get(&id), Some(IncidentLoad::Loading(r)) if *r == req)
        || state.incidents.jump.as_deref() == Some(id.as_str())
        || matches!(
            state.incidents.details.get(&id),
            Some(IncidentLoad::Loaded(_))
        );
    if !asked {
        return;
    }
    let row = IncidentRow::from_incident(&detail.incident);
    let inc = &mut state.incidents;
    inc.ingest(row, false);
    inc.details.insert(id, IncidentLoad::Loaded(detail));
    inc.loaded = true;
    inc.rebuild(&state.config.identity);
    settle_jump(state);
}

/// One incident could not be loaded.
pub(crate) fn on_incident_failed(state: &mut State, req: RequestId, error: String) {
    let inc = &mut state.incidents;
    let Some(id) = inc
        .details
        .iter()
        .find(|(_, l)| matches!(l, IncidentLoad::Loading(r) if *r == req))
        .map(|(id, _)| id.clone())
    else {
        return;
    };
    inc.details
        .insert(id.clone(), IncidentLoad::Failed(error.clone()));
    if inc.jump.as_deref() == Some(id.as_str()) {
        inc.jump = None;
        state.notify(Level::Warn, format!("Incident {id}: {error}"));
    }
    state.incidents.relayout();
}

/// An incident `i` jumped to has arrived: the cursor goes to it, the scope and the filter
/// widened if they hide it.
pub(crate) fn settle_jump(state: &mut State) {
    let Some(id) = state.incidents.jump.clone() else {
        return;
    };
    if !state.incidents.rows.contains_key(&id) {
        return;
    }
    state.incidents.jump = None;
    let page = state.page_size();
    if !state.incidents.select_incident(&id, page) {
        let inc = &mut state.incidents;
        inc.scope = super::state::Scope::All;
        inc.filter_text.clear();
        inc.filter = mde_query::Query::default();
        inc.filter_error = None;
        inc.rebuild(&state.config.identity);
        state.incidents.select_incident(&id, page);
        state.notify(
            Level::Info,
            format!("Showing all incidents: incident {id} was hidden by the view or filter"),
        );
    }
}

/// The outbox holds the incident write of request `req`.
pub(crate) fn on_queued(state: &mut State, req: RequestId, outbox_id: i64) {
    if let Some(p) = state.incidents.pending.iter_mut().find(|p| p.req == req) {
        p.outbox_id = Some(outbox_id);
    }
}

/// The service confirmed an incident write: its row is the truth, and so are the alerts it
/// re-read (resolving an incident resolves them).
pub(crate) fn on_confirmed(
    state: &mut State,
    outbox_id: i64,
    row: IncidentRow,
    alerts: Vec<AlertRow>,
) -> Effects {
    let inc = &mut state.incidents;
    if let Some(i) = inc
        .pending
        .iter()
        .position(|p| p.outbox_id == Some(outbox_id))
    {
        inc.pending.remove(i);
    }
    let id = row.id.clone();
    inc.ingest(row, true);
    for a in &alerts {
        if let Some(IncidentLoad::Loaded(d)) = inc.details.get_mut(&id)
            && let Some(held) = d.alerts.iter_mut().find(|x| x.id == a.id)
        {
            *held = a.clone();
        }
    }
    inc.rebuild(&state.config.identity);
    for a in alerts {
        if state.list.rows.get(&a.id).is_some() {
            state.list.rows.replace(a.clone());
        }
        ingest(&mut state.list.rows, &mut state.triage.pending, a);
    }
    state.list.rebuild(&state.config.identity);
    state.connection.on_service_answered();
    let name = incident_name(state, &id);
    state.notify(Level::Info, format!("Saved {name}"));
    Effects::none()
}

/// An incident write failed for good: its change is reverted.
pub(crate) fn on_write_failed(
    state: &mut State,
    outbox_id: i64,
    incident_id: String,
    reason: String,
) {
    let inc = &mut state.incidents;
    // A write the outbox never took has no outbox id: the oldest such write on the incident.
    let found = inc
        .pending
        .iter()
        .position(|p| p.outbox_id == Some(outbox_id))
        .or_else(|| {
            inc.pending
                .iter()
                .position(|p| p.outbox_id.is_none() && p.incident_id == incident_id)
        });
    if let Some(i) = found {
        let p = inc.pending.remove(i);
        revert(state, &p.incident_id, p.before);
    }

    state.notify(
        Level::Error,
        format!("Write failed for incident {incident_id}, change reverted: {reason}"),
    );
}

/// Puts the server's row back, with the other writes still pending on top.
pub(crate) fn revert(state: &mut State, id: &str, before: Option<IncidentRow>) {
    let inc = &mut state.incidents;
    match before {
        Some(row) => inc.ingest(row, true),
        None => {
            inc.rows.remove(id);
        }
    }
    inc.rebuild(&state.config.identity);
}

/// The incident changed on the server since the analyst saw it: ask which version wins.
pub(crate) fn on_conflict(state: &mut State, outbox_id: i64, server: Box<IncidentRow>) {
    let mine = state
        .incidents
        .pending
        .iter()
        .find(|p| p.outbox_id == Some(outbox_id))
        .map(|p| p.change.clone());
    state
        .dialogs
        .push(Dialog::IncidentConflict(Box::new(IncidentConflictPrompt {
            outbox_id,
            server,
            mine,
        })));
}

/// The analyst settled an incident conflict: discarding puts the server's version back.
pub(crate) fn on_settled(state: &mut State, c: &IncidentConflictPrompt, discard: bool) {
    if !discard {
        return;
    }
    let inc = &mut state.incidents;
    if let Some(i) = inc
        .pending
        .iter()
        .position(|p| p.outbox_id == Some(c.outbox_id))
    {
        inc.pending.remove(i);
    }
    inc.ingest((*c.server).clone(), true);
    inc.rebuild(&state.config.identity);
}
