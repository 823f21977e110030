//! The confirmation before a change to several alerts (or a marked one the list does not show)
//! and before undoing one: the count, the exact change, the first alerts by name.

use mde_model::graph::IncidentWrite;
use mde_model::protocol::{RequestId, TriageWrite};

/// What yes does.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirmed {
    /// Send this write to the subject named.
    Write(TriageWrite, String),
    /// Undo the change sent by this request.
    Undo(RequestId),
    /// Send these incident writes to the subject named (issue 11).
    Incidents(Vec<IncidentWrite>, String),
}

/// A yes/no question before a write. Cancel is the default.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    /// Title naming the subject, e.g. "Change 12 marked alerts?".
    pub title: String,
    /// The exact change, one line per field (e.g. `status → Resolved`).
    pub lines: Vec<String>,
    /// The first alerts, by name.
    pub alerts: Vec<String>,
    /// How many more there are.
    pub more: usize,
    /// How many of them the view or filter hides.
    pub hidden: usize,
    /// How many alerts the change touches.
    pub count: usize,
    /// What yes does.
    pub action: Confirmed,
    /// Whether "Apply" is highlighted (false = "Cancel", the default).
    pub yes_selected: bool,
}

/// The choices, Cancel first (the default).
pub const CHOICES: [&str; 2] = ["Cancel", "Apply"];
