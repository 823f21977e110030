//! Reading the cache's compact rows back: all of them, a few by id, or the first screen of the
//! open queue. Each row comes with its searchable text in one query (a join), read in place
//! rather than through an intermediate map of strings.

use super::error::StoreError;
use super::handle::Store;
use super::ticks::from_ticks;
use mde_model::{AlertRow, Classification, Determination, SearchText, Severity, Status, Timestamp};
use rusqlite::{OptionalExtension, Row};

const SELECT_ROWS: &str = "SELECT a.id, a.severity, a.status, a.classification, a.determination,
    a.title, a.device, a.user, a.assigned_to, a.category, a.detection_source, a.incident_id,
    a.rbac_group, a.created, a.last_update, a.evidence_count, a.comment_count, a.source, s.text
    FROM alerts a LEFT JOIN alert_text s ON s.key = a.key";

/// The severity's rank, as the list's default order uses it (High first).
const RANK: &str = "CASE severity WHEN 'High' THEN 4 WHEN 'Medium' THEN 3 WHEN 'Low' THEN 2
    WHEN 'Informational' THEN 1 ELSE 0 END";

/// The migration (scale issue) that keeps the open queue in its first-screen order, so
/// `first_rows` reads its few rows from this index instead of sorting every alert.
pub(crate) const FIRST_SCREEN_INDEX: &str =
    "CREATE INDEX IF NOT EXISTS alerts_first_screen ON alerts(
        (CASE severity WHEN 'High' THEN 4 WHEN 'Medium' THEN 3 WHEN 'Low' THEN 2
            WHEN 'Informational' THEN 1 ELSE 0 END) DESC, created DESC)
        WHERE status IN ('New', 'InProgress');";

/// `first_rows`'s query (the index above must match its expression and condition).
pub(crate) fn first_rows_sql() -> String {
    format!(
        "{SELECT_ROWS} WHERE a.status IN ('New', 'InProgress')
         ORDER BY {RANK} DESC, a.created DESC LIMIT ?1"
    )
}

impl Store {
    /// Every cached alert as a compact row (the JSON is not read).
    pub fn rows(&self) -> Result<Vec<AlertRow>, StoreError> {
        let conn = self.lock();
        let count: i64 = conn.query_row("SELECT count(*) FROM alerts", [], |r| r.get(0))?;
        let mut out = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
        let mut stmt = conn.prepare_cached(SELECT_ROWS)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            out.push(read_row(row)?);
        }
        Ok(out)
    }

    /// The first `limit` rows of the open queue (New or InProgress) in the list's default
    /// order — most severe, then newest: what the first screen of a warm start shows while
    /// [`Store::rows`] reads the rest.
    pub fn first_rows(&self, limit: usize) -> Result<Vec<AlertRow>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&first_rows_sql())?;
        let mut rows = stmt.query([i64::try_from(limit).unwrap_or(i64::MAX)])?;
        let mut out = Vec::with_capacity(limit.min(4096));
        while let Some(row) = rows.next()? {
            out.push(read_row(row)?);
        }
        Ok(out)
    }

    /// The compact rows of the given alerts that are cached.
    pub fn rows_for(&self, ids: &[String]) -> Result<Vec<AlertRow>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&format!("{SELECT_ROWS} WHERE a.id = ?1"))?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(r) = stmt.query_row([id], |row| Ok(read_row(row))).optional()? {
                out.push(r?);
            }
        }
        Ok(out)
    }
}

fn read_row(row: &Row<'_>) -> Result<AlertRow, StoreError> {
    let time = |i: usize| -> Result<Option<Timestamp>, StoreError> {
        Ok(row.get::<_, Option<i64>>(i)?.and_then(from_ticks))
    };
    let text = |i: usize| -> Result<Option<&str>, StoreError> {
        Ok(row
            .get_ref(i)?
            .as_str_or_null()
            .map_err(rusqlite::Error::from)?)
    };
    Ok(AlertRow {
        id: row.get(0)?,
        severity: Severity::parse(text(1)?.unwrap_or_default()),
        status: Status::parse(text(2)?.unwrap_or_default()),
        classification: text(3)?.map(Classification::parse),
        determination: text(4)?.map(Determination::parse),
        title: row.get(5)?,
        device: row.get(6)?,
        user: row.get(7)?,
        assigned_to: row.get(8)?,
        category: row.get(9)?,
        detection_source: row.get(10)?,
        incident_id: row.get(11)?,
        rbac_group: row.get(12)?,
        created: time(13)?,
        last_update: time(14)?,
        evidence_count: row.get(15)?,
        comment_count: row.get(16)?,
        source: text(17)?.map(mde_model::graph::ServiceSource::parse),
        // Alerts cached before the searchable text existed have none (the next sync fills it).
        search: text(18)?.map(SearchText::from_stored).unwrap_or_default(),
        // One store is one profile; the multi-tenant runtime tags rows itself.
        tenant: None,
    })
}
