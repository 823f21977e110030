//! The changes made in this session, newest last, as undo needs them: what was sent, to which
//! alerts, what they were before, and how far the write has come.

use mde_model::AlertRow;
use mde_model::protocol::{RequestId, TriageChange};

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
        matches!(self.stage, Stage::Queued | Stage::Delivered)
    }
}
