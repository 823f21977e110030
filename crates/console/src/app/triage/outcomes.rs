//! What the sync task says about writes: queued in the outbox, confirmed by the service (its
//! answer becomes the row), failed (the optimistic change is reverted), or in conflict with a
//! change on the server (the analyst chooses).

use super::undo;
use super::write::{ingest, revert};
use crate::app::chrome::toasts::Level;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::conflict::state::ConflictPrompt;
use crate::app::effects::Effects;
use crate::app::state::State;
use mde_model::AlertRow;
use mde_model::protocol::RequestId;

/// The outbox holds the write of request `req` (an undo asked before now goes out).
pub(crate) fn on_queued(state: &mut State, req: RequestId, outbox_id: i64) -> Effects {
    if let Some(p) = state.triage.pending.iter_mut().find(|p| p.req == req) {
        p.outbox_id = Some(outbox_id);
    }
    undo::on_queued(state, req, outbox_id)
}

/// The service confirmed a write; its answer is the truth for the rows it names. An undo that
/// came too late to drop it reverses it now.
pub(crate) fn on_confirmed(state: &mut State, outbox_id: i64, rows: Vec<AlertRow>) -> Effects {
    let n = rows.len();
    let pending = &mut state.triage.pending;
    if let Some(i) = pending.iter().position(|p| p.outbox_id == Some(outbox_id)) {
        pending.remove(i);
    }
    for row in rows {
        // The service's answer is the truth for this write; later writes stay on top.
        state.list.rows.replace(row.clone());
        ingest(&mut state.list.rows, &mut state.triage.pending, row);
    }
    state.list.rebuild(&state.config.identity);
    state.connection.on_service_answered();
    let s = if n == 1 { "" } else { "s" };
    state.notify(Level::Info, format!("Saved ({n} alert{s})"));
    undo::on_delivered(state, outbox_id)
}

/// A write failed: its change is reverted on the alerts it names (all of them when none).
pub(crate) fn on_failed(state: &mut State, outbox_id: i64, alert_ids: Vec<String>, reason: String) {
    let pending = &mut state.triage.pending;
    // A write that failed before the outbox answered has no outbox id yet: fall back to the
    // oldest such write on these alerts.
    let found = pending
        .iter()
        .position(|p| p.outbox_id == Some(outbox_id))
        .or_else(|| {
            pending
                .iter()
                .position(|p| p.outbox_id.is_none() && alert_ids.iter().any(|id| p.covers(id)))
        });
    let failed_req = found.map(|i| pending[i].req);
    if let Some(i) = found {
        let only = (!alert_ids.is_empty()).then_some(alert_ids.as_slice());
        revert(&mut state.list.rows, &pending[i], only);
        let p = &mut pending[i];
        if let Some(ids) = only {
            p.before.retain(|b| !ids.contains(&b.id));
        }
        if only.is_none() || p.before.is_empty() {
            pending.remove(i);
        }
        state.list.rebuild(&state.config.identity);
    }
    if let Some(d) = failed_req.and_then(|r| state.triage.done_mut(r)) {
        d.stage = super::history::Stage::Failed;
    }
    let n = alert_ids.len();
    let s = if n == 1 { "" } else { "s" };
    state.notify(
        Level::Error,
        format!("Write failed for {n} alert{s}, change reverted: {reason}"),
    );
}

/// The alert changed on the server since the analyst saw it: ask which version wins.
pub(crate) fn on_conflict(
    state: &mut State,
    outbox_id: i64,
    alert_id: String,
    server: Box<AlertRow>,
) {
    let mine = state
        .triage
        .pending
        .iter()
        .find(|p| p.outbox_id == Some(outbox_id))
        .map(|p| p.change.clone());
    state.dialogs.push(Dialog::Conflict(ConflictPrompt {
        outbox_id,
        alert_id,
        server,
        mine,
    }));
}
