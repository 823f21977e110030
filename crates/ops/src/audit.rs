//! Reading the local audit log: what each entry was (a triage write queued, its outcome, a
//! response action), what it changed, and how a queued write ended. The store keeps the log;
//! this is the shared reading of it for `mde-triage audit` and the shift handoff.

use mde_model::Timestamp;
use mde_model::protocol::{TriageChange, TriageWrite};
use std::collections::HashMap;

/// One audit entry, as the store hands it over.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    /// When.
    pub at: Timestamp,
    /// The kind: `queue`, `done`, `failed`, `conflict`, `overwrite`, `discard`, `drop`, or a
    /// response action's own kind.
    pub kind: String,
    /// The alerts (or devices) concerned.
    pub subjects: Vec<String>,
    /// The write as JSON (`queue`), the outbox id and reason, or the action's detail.
    pub detail: String,
    /// Who sent it (the signed-in identity), when known.
    pub identity: Option<String>,
    /// The outbox entry it belongs to, when it is a triage write.
    pub outbox_id: Option<i64>,
}

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditClass {
    /// A triage write committed to the outbox.
    Queued,
    /// What became of a queued write.
    Outcome,
    /// Anything else: a response action or another kind this build does not know.
    Action,
}

/// The outbox's own kinds after `queue`.
const OUTCOMES: &[&str] = &[
    "done",
    "failed",
    "conflict",
    "overwrite",
    "discard",
    "drop",
    "sending",
    "pending",
];

impl AuditRecord {
    /// What kind of entry this is.
    pub fn class(&self) -> AuditClass {
        if self.kind == "queue" {
            AuditClass::Queued
        } else if OUTCOMES.contains(&self.kind.as_str()) {
            AuditClass::Outcome
        } else {
            AuditClass::Action
        }
    }

    /// The triage write of a `queue` entry.
    pub fn write(&self) -> Option<TriageWrite> {
        (self.class() == AuditClass::Queued)
            .then(|| serde_json::from_str(&self.detail).ok())
            .flatten()
    }

    /// What the entry changed, in words (raw: the caller sanitises for its output).
    pub fn change(&self) -> String {
        match self.class() {
            AuditClass::Queued => self
                .write()
                .map(|w| describe_change(&w.change))
                .unwrap_or_else(|| self.detail.clone()),
            _ => self.detail.clone(),
        }
    }
}

/// A triage change in words: `status → Resolved, assigned → a@b, comment "…"`.
pub fn describe_change(c: &TriageChange) -> String {
    let mut parts = Vec::new();
    if let Some(s) = &c.status {
        parts.push(format!("status → {s}"));
    }
    if let Some(a) = &c.assigned_to {
        parts.push(format!("assigned → {a}"));
    }
    match (&c.classification, &c.determination) {
        (Some(cl), Some(d)) => parts.push(format!("classification → {cl} / {d}")),
        (Some(cl), None) => parts.push(format!("classification → {cl}")),
        (None, Some(d)) => parts.push(format!("determination → {d}")),
        (None, None) => {}
    }
    if let Some(text) = &c.comment {
        let short: String = text.chars().take(60).collect();
        let more = if text.chars().count() > 60 { "…" } else { "" };
        parts.push(format!("comment \"{short}{more}\""));
    }
    if parts.is_empty() {
        "no change".into()
    } else {
        parts.join(", ")
    }
}

/// The last outcome of every outbox entry (a queued write without one is still pending).
pub fn outcomes(records: &[AuditRecord]) -> HashMap<i64, &AuditRecord> {
    let mut out = HashMap::new();
    for r in records {
        if let (AuditClass::Outcome, Some(id)) = (r.class(), r.outbox_id) {
            out.insert(id, r);
        }
    }
    out
}

/// The result column for a record: a queued write's outcome, or the record's own kind.
pub fn result_of(record: &AuditRecord, outcomes: &HashMap<i64, &AuditRecord>) -> String {
    match record.class() {
        AuditClass::Queued => match record.outbox_id.and_then(|id| outcomes.get(&id)) {
            Some(o) => reason_of(o),
            None => "pending".into(),
        },
        AuditClass::Outcome => reason_of(record),
        AuditClass::Action => action_result(&record.detail).unwrap_or_else(|| "sent".into()),
    }
}

fn reason_of(r: &AuditRecord) -> String {
    // Outcome details read `outbox N` or `outbox N: reason`.
    match r.detail.split_once(": ") {
        Some((_, reason)) if !reason.is_empty() => format!("{}: {reason}", r.kind),
        _ => r.kind.clone(),
    }
}

/// A response action's detail may be JSON with a `result` or `status` field.
fn action_result(detail: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(detail).ok()?;
    ["result", "status", "outcome"]
        .iter()
        .find_map(|k| v.get(k).and_then(|x| x.as_str()).map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::{Classification, Determination, Status};

    fn rec(kind: &str, detail: &str, outbox_id: Option<i64>) -> AuditRecord {
        AuditRecord {
            at: Timestamp::parse("2024-05-01T10:00:00Z").unwrap(),
            kind: kind.into(),
            subjects: vec!["da1".into()],
            detail: detail.into(),
            identity: Some("me@contoso.com".into()),
            outbox_id,
        }
    }

    #[test]
    fn a_queued_write_reads_as_its_change_and_its_last_outcome() {
        let write = TriageWrite {
            alert_ids: vec!["da1".into()],
            change: TriageChange {
                status: Some(Status::Resolved),
                classification: Some(Classification::TruePositive),
                determination: Some(Determination::Malware),
                comment: Some("contained".into()),
                ..TriageChange::default()
            },
            seen_last_update: vec![],
        };
        let records = vec![
            rec("queue", &serde_json::to_string(&write).unwrap(), Some(7)),
            rec("failed", "outbox 7: 503 from the service", Some(7)),
            rec("done", "outbox 7", Some(7)),
            rec("queue", "{}", Some(8)),
            rec("isolate", r#"{"machine":"ws1","result":"Succeeded"}"#, None),
        ];
        let o = outcomes(&records);
        assert_eq!(records[0].class(), AuditClass::Queued);
        assert_eq!(
            records[0].change(),
            "status → Resolved, classification → TruePositive / Malware, comment \"contained\""
        );
        assert_eq!(result_of(&records[0], &o), "done");
        assert_eq!(result_of(&records[1], &o), "failed: 503 from the service");
        assert_eq!(result_of(&records[3], &o), "pending");
        assert_eq!(records[4].class(), AuditClass::Action);
        assert_eq!(result_of(&records[4], &o), "Succeeded");
        assert_eq!(describe_change(&TriageChange::default()), "no change");
    }
}
