//! An append-only log of the analyst's own actions (queued, sent, failed, dropped writes): rows
//! are only ever inserted, never updated or deleted. Since issue 12 a row also names its outbox
//! entry and the identity that queued it, and can be read from a point in time on.

use super::error::StoreError;
use super::handle::Store;
use mde_model::Timestamp;
use rusqlite::params;

/// One logged action.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    /// When.
    pub at: Timestamp,
    /// What: queue, done, failed, conflict, overwrite, discard, drop.
    pub action: String,
    /// The alerts concerned.
    pub alert_ids: Vec<String>,
    /// The write as JSON, or the outbox id and reason.
    pub detail: String,
    /// The outbox entry it is about (rows written before issue 12 have none).
    pub outbox_id: Option<i64>,
    /// Who queued the write, when known.
    pub identity: Option<String>,
}

/// The migration that gives each row its outbox entry and identity (issue 12).
pub(super) const AUDIT_LINKS_MIGRATION: &str = "ALTER TABLE audit ADD COLUMN outbox_id INTEGER;
    ALTER TABLE audit ADD COLUMN identity TEXT;
    CREATE INDEX audit_at ON audit(at);";

/// Appends an entry inside the caller's transaction, so the log and the change commit together.
/// (Entries without an outbox entry, such as response actions, come through here.)
#[allow(dead_code)]
pub(super) fn append(
    tx: &rusqlite::Transaction<'_>,
    action: &str,
    alert_ids: &[String],
    detail: &str,
) -> Result<(), StoreError> {
    append_linked(tx, action, alert_ids, detail, None, None)
}

/// Appends an entry that belongs to an outbox entry, with the identity that queued it.
pub(super) fn append_linked(
    tx: &rusqlite::Transaction<'_>,
    action: &str,
    alert_ids: &[String],
    detail: &str,
    outbox_id: Option<i64>,
    identity: Option<&str>,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO audit (at, action, alert_ids, detail, outbox_id, identity)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            Timestamp::now().to_wire(),
            action,
            serde_json::to_string(alert_ids)?,
            detail,
            outbox_id,
            identity
        ],
    )?;
    Ok(())
}

const COLUMNS: &str = "at, action, alert_ids, detail, outbox_id, identity";

fn read_entry(r: &rusqlite::Row<'_>) -> Result<AuditEntry, StoreError> {
    let at: String = r.get(0)?;
    let ids: String = r.get(2)?;
    Ok(AuditEntry {
        at: Timestamp::parse(&at).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        action: r.get(1)?,
        alert_ids: serde_json::from_str(&ids)?,
        detail: r.get(3)?,
        outbox_id: r.get(4)?,
        identity: r.get(5)?,
    })
}

impl Store {
    /// The audit log, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM audit ORDER BY id"))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(read_entry(r)?);
        }
        Ok(out)
    }

    /// The entries written at or after `since`, oldest first.
    pub fn audit_since(&self, since: Timestamp) -> Result<Vec<AuditEntry>, StoreError> {
        // Wire times sort as text to the second (fractions are trimmed, so `…:05.5Z` sorts
        // before `…:05Z`): select by the second in SQL, then compare exactly.
        let second = since.0.format("%Y-%m-%dT%H:%M:%S").to_string();
        let conn = self.lock();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM audit WHERE substr(at, 1, 19) >= ?1 ORDER BY id"
        ))?;
        let mut rows = stmt.query([second])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let e = read_entry(r)?;
            if e.at >= since {
                out.push(e);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;
    use mde_model::Timestamp;
    use mde_model::protocol::{TriageChange, TriageWrite};

    fn write(id: &str) -> TriageWrite {
        TriageWrite {
            alert_ids: vec![id.into()],
            change: TriageChange {
                comment: Some("c".into()),
                ..TriageChange::default()
            },
            seen_last_update: vec![],
        }
    }

    #[test]
    fn rows_name_their_outbox_entry_and_identity_and_read_from_a_time() {
        let s = Store::open_in_memory().unwrap();
        let before = Timestamp::now();
        let a = s.enqueue(&write("da1"), Some("me@contoso.com")).unwrap();
        s.outbox_mark_sending(a, None).unwrap();
        s.outbox_mark_done(a).unwrap();
        let b = s.enqueue(&write("da2"), None).unwrap();
        assert!(s.outbox_drop(b).unwrap());
        let log = s.audit_log().unwrap();
        let got: Vec<(&str, Option<i64>, Option<&str>)> = log
            .iter()
            .map(|e| (e.action.as_str(), e.outbox_id, e.identity.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("queue", Some(a), Some("me@contoso.com")),
                ("done", Some(a), None),
                ("queue", Some(b), None),
                ("drop", Some(b), None)
            ]
        );
        assert_eq!(s.audit_since(before).unwrap().len(), 4);
        let later = Timestamp(log[3].at.0 + chrono::TimeDelta::milliseconds(1));
        assert!(s.audit_since(later).unwrap().is_empty());
        // Within one second: the exact comparison, not the text one, decides.
        let mid = log[1].at;
        assert!(s.audit_since(mid).unwrap().iter().all(|e| e.at >= mid));
    }
}
