//! The confirmation before a write to several alerts: the count, the exact change, and the
//! write it will send.

use mde_model::protocol::TriageWrite;

/// A yes/no question before a write. Cancel is the default.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    /// Title, e.g. "Apply to 12 alerts?".
    pub title: String,
    /// The exact change, one line per field (e.g. `status → Resolved`).
    pub lines: Vec<String>,
    /// How many alerts the write touches.
    pub count: usize,
    /// The write to send on yes.
    pub write: TriageWrite,
    /// Whether "Apply" is highlighted (false = "Cancel", the default).
    pub yes_selected: bool,
}
