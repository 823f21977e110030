//! `u` on the incident list, as on the alert list: the newest incident change of the session is
//! taken back (the alert list's `u` takes back alert changes; each acts on what its list shows). A write still in the outbox is dropped
//! before it is sent (`Effect::CancelWrite`, the same outbox); a delivered one is reversed by a
//! new write that puts back the fields it changed, and the message says which it was. Graph
//! cannot delete a comment or clear an owner or a classification, and the message says so.

use super::feed::revert;
use super::pending::IncidentDone;
use super::subject::incident_name;
use super::triage::{seen, send_writes};
use crate::app::chrome::toasts::Level;
use crate::app::effects::Effects;
use crate::app::state::State;
use crate::app::triage::history::{Dropped, Stage, UndoStep};
use mde_model::graph::{IncidentChange, IncidentWrite};
use mde_model::protocol::RequestId;

/// `u` on the incident list: the newest incident change that can still be undone.
pub(crate) fn undo(state: &mut State) -> Effects {
    let newest = state
        .incidents
        .history
        .iter()
        .rev()
        .find(|d| d.stage.undoable())
        .map(|d| d.req);
    match newest {
        Some(req) => undo_now(state, req),
        None => {
            state.notify(
                Level::Info,
                "No incident change to undo in this session (u on the alert list undoes alert changes)",
            );
            Effects::none()
        }
    }
}

fn entry(state: &mut State, req: RequestId) -> Option<&mut IncidentDone> {
    state.incidents.history.iter_mut().find(|d| d.req == req)
}

fn undo_now(state: &mut State, req: RequestId) -> Effects {
    let Some(d) = entry(state, req) else {
        return Effects::none();
    };
    let id = d.incident_id.clone();
    let step = d.stage.undo(d.outbox_id);
    match step {
        UndoStep::Drop(effects) => {
            let name = incident_name(state, &id);
            state.notify(
                Level::Info,
                format!("Undo: dropping the queued change to {name}…"),
            );
            effects
        }
        UndoStep::Reverse => reverse(state, req),
        UndoStep::Nothing => Effects::none(),
    }
}

/// The outbox holds the write of `req`: a drop asked before now goes out.
pub(crate) fn on_queued(state: &mut State, req: RequestId, outbox_id: i64) -> Effects {
    let Some(d) = entry(state, req) else {
        return Effects::none();
    };
    d.outbox_id = Some(outbox_id);
    d.stage.queued(outbox_id)
}

fn by_outbox(state: &mut State, outbox_id: i64) -> Option<&mut IncidentDone> {
    state
        .incidents
        .history
        .iter_mut()
        .find(|d| d.outbox_id == Some(outbox_id))
}

/// The service confirmed the write in `outbox_id`; a change undo could not drop is reversed now.
pub(crate) fn on_delivered(state: &mut State, outbox_id: i64) -> Effects {
    let Some(d) = by_outbox(state, outbox_id) else {
        return Effects::none();
    };
    if !d.stage.delivered() {
        return Effects::none();
    }
    let req = d.req;
    reverse(state, req)
}

/// The write in `outbox_id` failed or was discarded: nothing to undo.
pub(crate) fn on_settled_without_change(state: &mut State, outbox_id: i64) {
    if let Some(d) = by_outbox(state, outbox_id) {
        d.stage = Stage::Failed;
    }
}

/// The sync task's answer to a drop; false when it is not about an incident write.
pub(crate) fn on_cancelled(state: &mut State, outbox_id: i64, dropped: bool, reason: &str) -> bool {
    let Some(d) = by_outbox(state, outbox_id) else {
        return false;
    };
    let id = d.incident_id.clone();
    let answer = d.stage.cancelled(dropped);
    let name = incident_name(state, &id);
    match answer {
        Dropped::Yes => {
            let inc = &mut state.incidents;
            if let Some(i) = inc
                .pending
                .iter()
                .position(|p| p.outbox_id == Some(outbox_id))
            {
                let p = inc.pending.remove(i);
                revert(state, &p.incident_id, p.before);
            }
            state.notify(
                Level::Info,
                format!("Undone: the change to {name} was dropped before it was sent"),
            );
        }
        Dropped::ReverseLater => state.notify(
            Level::Warn,
            format!("Could not drop the change to {name} ({reason}): it is reversed once the service confirms it"),
        ),
        Dropped::Stale => {}
    }
    true
}

/// The fields of `change` put back as `before` had them, and what cannot be.
fn reversal(d: &IncidentDone) -> (IncidentChange, Vec<&'static str>) {
    let mut back = IncidentChange::default();
    let mut cannot = Vec::new();
    let Some(before) = &d.before else {
        return (back, vec!["the incident as it was"]);
    };
    let c = &d.change;
    if c.status.is_some() {
        back.status = Some(before.status.clone());
    }
    if c.assigned_to.is_some() {
        match &before.assigned_to {
            Some(a) => back.assigned_to = Some(a.clone()),
            None => cannot.push("the empty owner"),
        }
    }
    if c.classification.is_some() {
        match &before.classification {
            Some(v) => back.classification = Some(v.clone()),
            None => cannot.push("the empty classification"),
        }
    }
    if c.determination.is_some() {
        match &before.determination {
            Some(v) => back.determination = Some(v.clone()),
            None => cannot.push("the empty determination"),
        }
    }
    if c.custom_tags.is_some() {
        back.custom_tags = Some(before.tags.clone());
    }
    if c.comment.is_some() || c.resolving_comment.is_some() {
        cannot.push("the comment (Graph cannot delete one)");
    }
    (back, cannot)
}

/// Reverses a delivered incident change with a new write.
fn reverse(state: &mut State, req: RequestId) -> Effects {
    let Some(d) = entry(state, req) else {
        return Effects::none();
    };
    let (back, cannot) = reversal(d);
    d.stage = Stage::Undone;
    let id = d.incident_id.clone();
    let name = incident_name(state, &id);
    let kept = if cannot.is_empty() {
        String::new()
    } else {
        format!("; not put back: {}", cannot.join(", "))
    };
    if back.is_empty() {
        state.notify(
            Level::Warn,
            format!("The change to {name} was delivered and cannot be reversed{kept}"),
        );
        return Effects::none();
    }
    let write = IncidentWrite {
        incident_id: id.clone(),
        change: back,
        seen_last_update: seen(state, &id),
    };
    let fx = send_writes(state, vec![write], &name, false);
    state.notify(
        Level::Info,
        format!("Undo: the change to {name} was delivered, so a new write reverses it{kept}"),
    );
    fx
}
