//! Incident writes shown at once: the change applied to the row with a pending marker, kept on
//! top of fresher rows from the service, reverted when the service refuses; and the change in
//! words for confirmations and toasts.

use mde_model::graph::{IncidentChange, IncidentRow};
use mde_model::protocol::RequestId;

/// An incident write sent but not yet confirmed, with the row as it was before it.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentPending {
    /// The request that queued it.
    pub req: RequestId,
    /// Its outbox entry, once the store answered.
    pub outbox_id: Option<i64>,
    /// The incident.
    pub incident_id: String,
    /// The change.
    pub change: IncidentChange,
    /// The row before the change (the newest server version: what a failure restores).
    pub before: Option<IncidentRow>,
}

/// An incident write of this session, as undo needs it (the alerts' `Done` for incidents).
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentDone {
    /// The request that sent it: newer requests are newer changes, alerts' and incidents' alike.
    pub req: RequestId,
    /// Its outbox entry, once known.
    pub outbox_id: Option<i64>,
    /// The incident.
    pub incident_id: String,
    /// The change.
    pub change: IncidentChange,
    /// The row before it (what undo puts back).
    pub before: Option<IncidentRow>,
    /// How far it has come.
    pub stage: crate::app::triage::history::Stage,
}

/// Applies a change to a row as the service would.
pub fn apply_change(row: &mut IncidentRow, c: &IncidentChange) {
    if let Some(s) = &c.status {
        row.status = s.clone();
    }
    if let Some(a) = &c.assigned_to {
        row.assigned_to = Some(a.clone());
    }
    if let Some(v) = &c.classification {
        row.classification = Some(v.clone());
    }
    if let Some(v) = &c.determination {
        row.determination = Some(v.clone());
    }
    if let Some(t) = &c.custom_tags {
        row.tags = t.clone();
    }
    if c.comment.is_some() {
        row.comment_count = row.comment_count.saturating_add(1);
    }
}

/// The exact change, one line per field.
pub fn describe(c: &IncidentChange) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(s) = &c.status {
        out.push(format!("status → {}", s.label()));
    }
    if let Some(a) = &c.assigned_to {
        out.push(format!("assigned to → {a}"));
    }
    if let Some(v) = &c.classification {
        out.push(format!("classification → {}", v.label()));
    }
    if let Some(v) = &c.determination {
        out.push(format!("determination → {}", v.label()));
    }
    if let Some(t) = &c.custom_tags {
        let tags = if t.is_empty() {
            "(none)".to_string()
        } else {
            t.join(", ")
        };
        out.push(format!("tags → {tags}"));
    }
    for (what, text) in [
        ("resolving comment", &c.resolving_comment),
        ("comment", &c.comment),
    ] {
        if let Some(text) = text {
            let first: String = text.lines().next().unwrap_or("").chars().take(60).collect();
            let more = if text.lines().count() > 1 || first.chars().count() < text.chars().count() {
                "…"
            } else {
                ""
            };
            out.push(format!("{what}: \"{first}{more}\""));
        }
    }
    out
}

/// "incident 1101" / "3 incidents".
pub fn count_label(n: usize) -> String {
    if n == 1 {
        "1 incident".to_string()
    } else {
        format!("{n} incidents")
    }
}
