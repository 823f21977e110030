//! Triage writes: building them, showing them at once (optimistic, with a pending marker),
//! keeping them on top of fresher rows from the service, reverting them when the service
//! refuses, and describing them for confirmations.

use crate::app::list::rows::{Rows, Upsert};
use mde_model::AlertRow;
use mde_model::protocol::{RequestId, TriageChange, TriageWrite};

/// A write sent but not yet confirmed, with the rows as they were before it.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// The request that queued it.
    pub req: RequestId,
    /// Its outbox entry, once the store answered.
    pub outbox_id: Option<i64>,
    /// The change.
    pub change: TriageChange,
    /// The rows before the change (what a failure restores).
    pub before: Vec<AlertRow>,
}

impl Pending {
    /// True when the write touches this alert.
    pub fn covers(&self, id: &str) -> bool {
        self.before.iter().any(|r| r.id == id)
    }
}

/// Builds the write for some alerts, with the `lastUpdateTime` the analyst saw on each.
pub fn build_write(rows: &Rows, ids: &[String], change: TriageChange) -> TriageWrite {
    TriageWrite {
        alert_ids: ids.to_vec(),
        seen_last_update: ids
            .iter()
            .map(|id| (id.clone(), rows.get(id).and_then(|r| r.last_update)))
            .collect(),
        change,
    }
}

/// Applies a change to a row as the service would.
pub fn apply_change(row: &mut AlertRow, change: &TriageChange) {
    if let Some(s) = &change.status {
        row.status = s.clone();
    }
    if let Some(a) = &change.assigned_to {
        row.assigned_to = Some(a.clone());
    }
    if let Some(c) = &change.classification {
        row.classification = Some(c.clone());
    }
    if let Some(d) = &change.determination {
        row.determination = Some(d.clone());
    }
    if change.comment.is_some() {
        row.comment_count = row.comment_count.saturating_add(1);
    }
}

/// Applies a write to the rows at once and returns what to remember for a revert.
pub fn apply_optimistic(rows: &mut Rows, req: RequestId, write: &TriageWrite) -> Pending {
    let mut before = Vec::with_capacity(write.alert_ids.len());
    for id in &write.alert_ids {
        if let Some(row) = rows.get(id) {
            before.push(row.clone());
            let mut shown = row.clone();
            apply_change(&mut shown, &write.change);
            rows.replace(shown);
        }
    }
    Pending {
        req,
        outbox_id: None,
        change: write.change.clone(),
        before,
    }
}

/// Inserts or updates a row from the service, keeping any optimistic change on top of it.
/// Returns true when the id was new.
pub fn ingest(rows: &mut Rows, pending: &mut [Pending], row: AlertRow) -> bool {
    // Most rows have no pending write: no copies to keep (a sync brings 100k rows).
    if !pending.iter().any(|p| p.covers(&row.id)) {
        return rows.upsert(row) == Upsert::Inserted;
    }
    let id = row.id.clone();
    let outcome = rows.upsert(row);
    if outcome == Upsert::Stale {
        return false;
    }
    let Some(server) = rows.get(&id).cloned() else {
        return false;
    };
    let mut shown = server.clone();
    for p in pending.iter_mut().filter(|p| p.covers(&id)) {
        // A revert must restore the newest server version, not the one seen before the write.
        for b in p.before.iter_mut().filter(|b| b.id == id) {
            *b = server.clone();
        }
        apply_change(&mut shown, &p.change);
    }
    if shown != server {
        rows.replace(shown);
    }
    outcome == Upsert::Inserted
}

/// Puts back the rows a pending write changed (only the given ids, or all when `None`).
pub fn revert(rows: &mut Rows, pending: &Pending, only: Option<&[String]>) {
    for row in &pending.before {
        if only.is_none_or(|ids| ids.contains(&row.id)) {
            rows.replace(row.clone());
        }
    }
}

/// The exact change, one line per field, for confirmations and toasts.
pub fn describe(change: &TriageChange) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(s) = &change.status {
        out.push(format!("status → {}", s.as_str()));
    }
    if let Some(a) = &change.assigned_to {
        out.push(format!("assigned to → {a}"));
    }
    if let Some(c) = &change.classification {
        out.push(format!("classification → {}", c.as_str()));
    }
    if let Some(d) = &change.determination {
        out.push(format!("determination → {}", d.as_str()));
    }
    if let Some(c) = &change.comment {
        let first: String = c.lines().next().unwrap_or("").chars().take(60).collect();
        let more = if c.lines().count() > 1 || first.chars().count() < c.chars().count() {
            "…"
        } else {
            ""
        };
        out.push(format!("comment: \"{first}{more}\""));
    }
    out
}

/// "3 alerts" / "1 alert".
pub fn count_label(n: usize) -> String {
    if n == 1 {
        "1 alert".to_string()
    } else {
        format!("{n} alerts")
    }
}
