//! The changes made in this session, newest last, as undo needs them: what was sent, to which
//! alerts, what they were before, and how far the write has come.

use crate::app::effects::Effects;
use mde_model::AlertRow;
use mde_model::protocol::{Effect, RequestId, TriageChange};

/// Where a change of this session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Sent to the sync task, not yet confirmed by the service.
    Queued,
    /// Confirmed by the service.
    Delivered,
    /// Undo asked before the outbox answered; the drop goes out with the outbox id.
    CancelWanted,
    /// Undo asked the sync task to drop the queued write.
    CancelAsked,
    /// It could not be dropped (it may have been sent): reverse it once it is confirmed.
    ReverseWhenDelivered,
    /// Undone: dropped before sending, or reversed by a new write.
    Undone,
    /// Refused by the service or discarded in a conflict: nothing to undo.
    Failed,
}

/// What undo does with a change, decided by its stage.
#[derive(Debug, PartialEq)]
pub enum UndoStep {
    /// Drop the queued write: now (the effect), or once the outbox names it (none yet).
    Drop(Effects),
    /// Reverse the delivered write with a new one.
    Reverse,
    /// Nothing is left to undo.
    Nothing,
}

/// The sync task's answer to a drop, read against the stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dropped {
    /// Dropped before it was sent: put the rows back.
    Yes,
    /// It could not be dropped (it may have been sent): it is reversed once confirmed.
    ReverseLater,
    /// Settled another way while the answer was on its way.
    Stale,
}

/// The undo mechanism, shared by alert and incident changes: each event moves the stage and
/// says what follows.
impl Stage {
    /// True while undo can still act on it.
    pub fn undoable(self) -> bool {
        matches!(self, Stage::Queued | Stage::Delivered)
    }

    /// Undo asked, for a change whose outbox entry is `outbox_id` (once known).
    pub fn undo(&mut self, outbox_id: Option<i64>) -> UndoStep {
        match (*self, outbox_id) {
            (Stage::Queued, Some(outbox_id)) => {
                *self = Stage::CancelAsked;
                UndoStep::Drop(Effects::one(Effect::CancelWrite { outbox_id }))
            }
            (Stage::Queued, None) => {
                // The outbox has not answered yet; the drop goes out with its answer.
                *self = Stage::CancelWanted;
                UndoStep::Drop(Effects::none())
            }
            (Stage::Delivered, _) => UndoStep::Reverse,
            _ => UndoStep::Nothing,
        }
    }

    /// The outbox named the write: a drop asked before now goes out.
    pub fn queued(&mut self, outbox_id: i64) -> Effects {
        if *self != Stage::CancelWanted {
            return Effects::none();
        }
        *self = Stage::CancelAsked;
        Effects::one(Effect::CancelWrite { outbox_id })
    }

    /// The service confirmed the write; true when undo could not drop it and it must be
    /// reversed now.
    pub fn delivered(&mut self) -> bool {
        match *self {
            Stage::Queued => {
                *self = Stage::Delivered;
                false
            }
            Stage::CancelAsked | Stage::CancelWanted | Stage::ReverseWhenDelivered => {
                *self = Stage::Delivered;
                true
            }
            _ => false,
        }
    }

    /// The sync task answered a drop.
    pub fn cancelled(&mut self, dropped: bool) -> Dropped {
        if dropped {
            *self = Stage::Undone;
            Dropped::Yes
        } else if *self == Stage::CancelAsked {
            *self = Stage::ReverseWhenDelivered;
            Dropped::ReverseLater
        } else {
            Dropped::Stale
        }
    }
}

/// One change of this session.
#[derive(Debug, Clone, PartialEq)]
pub struct Done {
    /// The request that sent it.
    pub req: RequestId,
    /// Its outbox entry, once known.
    pub outbox_id: Option<i64>,
    /// The alerts it changed.
    pub alert_ids: Vec<String>,
    /// The change.
    pub change: TriageChange,
    /// The alerts as they were before it (what undo puts back).
    pub before: Vec<AlertRow>,
    /// How it was named when sent.
    pub name: String,
    /// How far it has come.
    pub stage: Stage,
}

impl Done {
    /// True while undo can still act on it.
    pub fn undoable(&self) -> bool {
        self.stage.undoable()
    }
}
