//! The conflict prompt: a queued write met a change on the server.

use mde_model::AlertRow;
use mde_model::protocol::TriageChange;

/// The write hit a change on the server: ask the analyst.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictPrompt {
    /// Outbox entry.
    pub outbox_id: i64,
    /// Alert.
    pub alert_id: String,
    /// The alert as it is on the server now.
    pub server: Box<AlertRow>,
    /// The analyst's change, when known.
    pub mine: Option<TriageChange>,
}

/// The choices the prompt shows, with their keys: Discard is Enter, Overwrite only `o`.
pub const CHOICES: [&str; 2] = ["Discard mine (Enter/d)", "Overwrite (o)"];
