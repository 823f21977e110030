//! The conflict prompt of an incident write (the alerts' prompt, over an incident): the
//! server's version beside the analyst's change; Enter or `d` keeps the server's, only `o`
//! overwrites it. Its keys are the conflict prompt's (`dialogs::conflict::keys`).

use mde_model::graph::{IncidentChange, IncidentRow};

/// An incident write met a change on the server.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentConflictPrompt {
    /// Outbox entry.
    pub outbox_id: i64,
    /// The incident as it is on the server now.
    pub server: Box<IncidentRow>,
    /// The analyst's change, when known.
    pub mine: Option<IncidentChange>,
}
