//! An append-only log of the analyst's own actions (queued, sent, failed, dropped writes).

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
}

/// Appends an entry inside the caller's transaction, so the log and the change commit together.
pub(super) fn append(
    tx: &rusqlite::Transaction<'_>,
    action: &str,
    alert_ids: &[String],
    detail: &str,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO audit (at, action, alert_ids, detail) VALUES (?1, ?2, ?3, ?4)",
        params![
            Timestamp::now().to_wire(),
            action,
            serde_json::to_string(alert_ids)?,
            detail
        ],
    )?;
    Ok(())
}

impl Store {
    /// The audit log, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>, StoreError> {
        let conn = self.lock();
        let mut stmt =
            conn.prepare("SELECT at, action, alert_ids, detail FROM audit ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let at: String = r.get(0)?;
            let ids: String = r.get(2)?;
            out.push(AuditEntry {
                at: Timestamp::parse(&at).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                action: r.get(1)?,
                alert_ids: serde_json::from_str(&ids)?,
                detail: r.get(3)?,
            });
        }
        Ok(out)
    }
}
