//! `u`: the last change of this session is taken back. A write still in the outbox is dropped
//! before it is sent (the sync task answers whether it could be); a delivered one is reversed
//! by a new write that puts the fields it changed back, and the message says which it was.
//! The API cannot delete a comment or clear a field, and the message says that too.

use super::actions::send_write;
use super::history::{Dropped, Stage, UndoStep};
use super::write::{count_label, describe, revert};
use crate::app::chrome::toasts::Level;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::confirm::state::{Confirm, Confirmed};
use crate::app::effects::Effects;
use crate::app::state::State;
use crate::app::subject::rule::first_names;
use mde_model::protocol::{RequestId, TriageChange, TriageWrite};
use mde_model::{AlertRow, Status};

/// `u`: undo the newest change that can still be undone (several alerts: after a confirmation).
pub(crate) fn undo(state: &mut State) -> Effects {
    let Some(done) = state.triage.history.iter().rev().find(|d| d.undoable()) else {
        state.notify(Level::Info, "Nothing to undo in this session");
        return Effects::none();
    };
    if done.alert_ids.len() > 1 {
        let (req, ids, count) = (done.req, done.alert_ids.clone(), done.alert_ids.len());
        let mut lines = vec![format!("put back: {}", describe(&done.change).join(", "))];
        if done.stage == Stage::Delivered {
            lines.push("it was delivered: a new write reverses it".to_string());
        }
        let alerts = first_names(state, &ids, 5);
        state.dialogs.push(Dialog::Confirm(Confirm {
            title: format!("Undo the change to {}?", count_label(count)),
            lines,
            alerts,
            more: count.saturating_sub(5),
            hidden: 0,
            count,
            action: Confirmed::Undo(req),
            yes_selected: false,
        }));
        return Effects::none();
    }
    let req = done.req;
    undo_now(state, req)
}

/// Undoes the change sent by request `req`.
pub(crate) fn undo_now(state: &mut State, req: RequestId) -> Effects {
    let Some(done) = state.triage.done_mut(req) else {
        return Effects::none();
    };
    let name = done.name.clone();
    match done.stage.undo(done.outbox_id) {
        UndoStep::Drop(effects) => {
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
    let Some(done) = state.triage.done_mut(req) else {
        return Effects::none();
    };
    done.outbox_id = Some(outbox_id);
    done.stage.queued(outbox_id)
}

/// The service confirmed the write in `outbox_id`; a change undo could not drop is reversed now.
pub(crate) fn on_delivered(state: &mut State, outbox_id: i64) -> Effects {
    let Some(done) = state.triage.done_by_outbox(outbox_id) else {
        return Effects::none();
    };
    if !done.stage.delivered() {
        return Effects::none();
    }
    let req = done.req;
    reverse(state, req)
}

/// The write in `outbox_id` was discarded: there is nothing left to undo.
pub(crate) fn on_settled_without_change(state: &mut State, outbox_id: i64) {
    if let Some(done) = state.triage.done_by_outbox(outbox_id) {
        done.stage = Stage::Failed;
    }
}

/// The sync task's answer to a drop.
pub(crate) fn on_cancelled(state: &mut State, outbox_id: i64, dropped: bool, reason: &str) {
    let Some(done) = state.triage.done_by_outbox(outbox_id) else {
        return;
    };
    let name = done.name.clone();
    match done.stage.cancelled(dropped) {
        Dropped::Yes => {
            let pending = &mut state.triage.pending;
            if let Some(i) = pending.iter().position(|p| p.outbox_id == Some(outbox_id)) {
                let p = pending.remove(i);
                revert(&mut state.list.rows, &p, None);
                state.list.rebuild(&state.config.identity);
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
}

/// Reverses a delivered change with new writes (one per group of alerts with the same earlier
/// values).
fn reverse(state: &mut State, req: RequestId) -> Effects {
    let Some(done) = state.triage.done_mut(req) else {
        return Effects::none();
    };
    done.stage = Stage::Undone;
    let (change, before, name) = (done.change.clone(), done.before.clone(), done.name.clone());
    let mut groups: Vec<(TriageChange, Vec<String>)> = Vec::new();
    let mut lost: Vec<&str> = Vec::new();
    for b in &before {
        let back = put_back(&change, b, &mut lost);
        if back.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|(c, _)| *c == back) {
            Some((_, ids)) => ids.push(b.id.clone()),
            None => groups.push((back, vec![b.id.clone()])),
        }
    }
    lost.sort_unstable();
    lost.dedup();
    let note = if lost.is_empty() {
        String::new()
    } else {
        format!(
            " ({} cannot be taken back through the API)",
            lost.join(", ")
        )
    };
    if groups.is_empty() {
        state.notify(
            Level::Warn,
            format!("Cannot undo the change to {name}{note}"),
        );
        return Effects::none();
    }
    let mut effects = Effects::none();
    let mut what = Vec::new();
    for (back, ids) in groups {
        what.extend(describe(&back));
        let write = TriageWrite {
            seen_last_update: ids
                .iter()
                .map(|id| {
                    (
                        id.clone(),
                        state.list.rows.get(id).and_then(|r| r.last_update),
                    )
                })
                .collect(),
            alert_ids: ids,
            change: back,
        };
        effects.extend(send_write(state, write, &name));
    }
    what.dedup();
    state.notify(
        Level::Info,
        format!(
            "Undo: the delivered change to {name} is reversed by a new write ({}){note}",
            what.join(", ")
        ),
    );
    effects
}

/// The change that puts `before`'s values back for the fields `change` set; what cannot be put
/// back is named in `lost`.
fn put_back(change: &TriageChange, before: &AlertRow, lost: &mut Vec<&str>) -> TriageChange {
    let mut back = TriageChange::default();
    if change.status.is_some() {
        if Status::SETTABLE.contains(&before.status) {
            back.status = Some(before.status.clone());
        } else {
            lost.push("the earlier status");
        }
    }
    if change.assigned_to.is_some() {
        match &before.assigned_to {
            Some(a) if !a.trim().is_empty() => back.assigned_to = Some(a.clone()),
            _ => lost.push("an empty owner"),
        }
    }
    if change.classification.is_some() || change.determination.is_some() {
        match (&before.classification, &before.determination) {
            (Some(c), Some(d)) => {
                back.classification = Some(c.clone());
                back.determination = Some(d.clone());
            }
            (Some(c), None) => back.classification = Some(c.clone()),
            _ => lost.push("an empty classification"),
        }
    }
    if change.comment.is_some() {
        lost.push("a comment");
    }
    // Putting back what is already there changes nothing: leave those fields out.
    if back.status.as_ref() == change.status.as_ref() && change.status.is_some() {
        back.status = None;
    }
    back
}
