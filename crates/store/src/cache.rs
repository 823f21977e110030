//! The alert cache: compact row columns for the list, the raw JSON apart, and the sync watermark.

use super::error::StoreError;
use super::handle::Store;
use super::search_index;
use super::ticks::to_ticks;
use mde_model::{AlertRow, ParsedAlert, ParsedRow, Timestamp, parse_alert};
use rusqlite::{OptionalExtension, params};

const WATERMARK_KEY: &str = "watermark";

const UPSERT_ROW: &str =
    "INSERT INTO alerts (id, severity, status, classification, determination, title,
        device, user, assigned_to, category, detection_source, incident_id, rbac_group, created,
        last_update, evidence_count, comment_count, source)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
    ON CONFLICT(id) DO UPDATE SET severity = excluded.severity, status = excluded.status,
        classification = excluded.classification, determination = excluded.determination,
        title = excluded.title, device = excluded.device, user = excluded.user,
        assigned_to = excluded.assigned_to, category = excluded.category,
        detection_source = excluded.detection_source, incident_id = excluded.incident_id,
        rbac_group = excluded.rbac_group, created = excluded.created,
        last_update = excluded.last_update, evidence_count = excluded.evidence_count,
        comment_count = excluded.comment_count, source = excluded.source
    WHERE (alerts.last_update IS NULL OR excluded.last_update IS NULL
            OR excluded.last_update >= alerts.last_update)
        AND (alerts.severity, alerts.status, alerts.classification, alerts.determination,
            alerts.title, alerts.device, alerts.user, alerts.assigned_to, alerts.category,
            alerts.detection_source, alerts.incident_id, alerts.rbac_group, alerts.created,
            alerts.last_update, alerts.evidence_count, alerts.comment_count, alerts.source)
        IS NOT (excluded.severity, excluded.status, excluded.classification,
            excluded.determination, excluded.title, excluded.device, excluded.user,
            excluded.assigned_to, excluded.category, excluded.detection_source,
            excluded.incident_id, excluded.rbac_group, excluded.created, excluded.last_update,
            excluded.evidence_count, excluded.comment_count, excluded.source)";

/// An alert's key and `lastUpdateTime`, for a copy whose row did not change.
pub(crate) const KEY_OF: &str = "SELECT key, last_update FROM alerts WHERE id = ?1";

// The JSON is only written when it differs: an unchanged re-read costs a comparison, not a page.
const UPSERT_JSON: &str = "INSERT INTO alert_json (key, raw) VALUES (?1, ?2)
    ON CONFLICT(key) DO UPDATE SET raw = excluded.raw WHERE alert_json.raw IS NOT excluded.raw";

impl Store {
    /// Stores a batch of alerts in one transaction and returns the rows that are new or changed.
    /// A copy older than the cached one (by `lastUpdateTime`) is kept out, so a slow answer never
    /// undoes a fresher one. The watermark is not moved: the poller does that once a fetch is whole.
    pub fn upsert_alerts(&self, alerts: &[ParsedAlert]) -> Result<Vec<AlertRow>, StoreError> {
        self.upsert_each(
            alerts
                .iter()
                .map(|p| (AlertRow::from_alert(&p.alert), p.raw.as_str())),
        )
    }

    /// Like [`Store::upsert_alerts`] for rows already built beside the JSON each came from
    /// (`PageReader<ParsedRow>`): a sync reads the next batch while this one is written.
    pub fn upsert_rows(&self, rows: Vec<ParsedRow>) -> Result<Vec<AlertRow>, StoreError> {
        self.upsert_each(rows.into_iter().map(|p| (p.row, p.raw)))
    }

    fn upsert_each<R: AsRef<str>>(
        &self,
        items: impl Iterator<Item = (AlertRow, R)>,
    ) -> Result<Vec<AlertRow>, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let mut changed = Vec::new();
        {
            let mut row_stmt = tx.prepare_cached(UPSERT_ROW)?;
            let mut key_stmt = tx.prepare_cached(KEY_OF)?;
            let mut json_stmt = tx.prepare_cached(UPSERT_JSON)?;
            let mut text_stmt = tx.prepare_cached(search_index::UPSERT)?;
            for (r, raw) in items {
                let last_update = r.last_update.as_ref().map(to_ticks);
                // The key comes from the insert itself (no read); `RETURNING` would do the same
                // but opens a results table on every call, which cost more than it saved.
                let before = tx.last_insert_rowid();
                let written = row_stmt.execute(params![
                    r.id,
                    r.severity.as_str(),
                    r.status.as_str(),
                    r.classification.as_ref().map(|c| c.as_str()),
                    r.determination.as_ref().map(|d| d.as_str()),
                    r.title,
                    r.device,
                    r.user,
                    r.assigned_to,
                    r.category,
                    r.detection_source,
                    r.incident_id,
                    r.rbac_group,
                    r.created.as_ref().map(to_ticks),
                    last_update,
                    r.evidence_count,
                    r.comment_count,
                    r.source.as_ref().map(|s| s.as_str()),
                ])? > 0;
                let inserted = tx.last_insert_rowid();
                let key = if written && inserted != before {
                    inserted
                } else {
                    // An update, or the row was kept: either it is the same (the JSON may still
                    // differ, in a part the row does not show) or the cached copy is newer.
                    let (key, cached): (i64, Option<i64>) =
                        key_stmt.query_row([&r.id], |row| Ok((row.get(0)?, row.get(1)?)))?;
                    if !written && matches!((cached, last_update), (Some(c), Some(n)) if c > n) {
                        continue;
                    }
                    key
                };
                json_stmt.execute(params![key, raw.as_ref()])?;
                // A new searchable text is a change too (issue 9: the list filters on it).
                let searched = search_index::upsert(&mut text_stmt, key, &r)?;
                if written || searched {
                    changed.push(r);
                }
            }
        }
        tx.commit()?;
        drop(conn);
        self.wrote();
        Ok(changed)
    }

    /// One cached alert in full, parsed from its stored JSON.
    pub fn get(&self, id: &str) -> Result<Option<ParsedAlert>, StoreError> {
        let raw: Option<String> = self
            .lock()
            .query_row(
                "SELECT j.raw FROM alerts a JOIN alert_json j ON j.key = a.key WHERE a.id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        match raw {
            None => Ok(None),
            Some(raw) => parse_alert(&raw)
                .map(Some)
                .map_err(|e| StoreError::Corrupt(format!("cached alert {id:?}: {e}"))),
        }
    }

    /// Number of cached alerts.
    pub fn alert_count(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .lock()
            .query_row("SELECT count(*) FROM alerts", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// The newest `lastUpdateTime` stored so far: the next incremental fetch asks for later ones.
    pub fn watermark(&self) -> Result<Option<Timestamp>, StoreError> {
        let v: Option<String> = self
            .lock()
            .query_row(
                "SELECT value FROM sync_state WHERE key = ?1",
                [WATERMARK_KEY],
                |r| r.get(0),
            )
            .optional()?;
        v.map(|s| Timestamp::parse(&s).map_err(|e| StoreError::Corrupt(e.to_string())))
            .transpose()
    }

    /// Moves the watermark forward to `t` (never back).
    pub fn advance_watermark(&self, t: Timestamp) -> Result<(), StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        advance_watermark(&tx, t)?;
        tx.commit()?;
        Ok(())
    }

    /// Forgets the watermark, so the next fetch is a full one.
    pub fn reset_watermark(&self) -> Result<(), StoreError> {
        self.lock()
            .execute("DELETE FROM sync_state WHERE key = ?1", [WATERMARK_KEY])?;
        Ok(())
    }
}

fn advance_watermark(tx: &rusqlite::Transaction<'_>, t: Timestamp) -> Result<(), StoreError> {
    let current: Option<String> = tx
        .query_row(
            "SELECT value FROM sync_state WHERE key = ?1",
            [WATERMARK_KEY],
            |r| r.get(0),
        )
        .optional()?;
    let newer = match current.as_deref().map(Timestamp::parse) {
        Some(Ok(c)) => t > c,
        _ => true,
    };
    if newer {
        // The wire form keeps all 7 digits, so the next `gt` filter is exact.
        tx.execute(
            "INSERT INTO sync_state (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![WATERMARK_KEY, t.to_wire()],
        )?;
    }
    Ok(())
}
