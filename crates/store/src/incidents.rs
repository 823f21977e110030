//! The incident cache: each incident's compact row and JSON, the links from incidents to their
//! alerts, and the incident sync watermark. Also the migration that adds these tables, the hunt
//! cache and the alerts' source product.

use super::error::StoreError;
use super::handle::Store;
use super::ticks::to_ticks;
use mde_model::Timestamp;
use mde_model::graph::page::{Parsed, parse_item};
use mde_model::graph::{Incident, IncidentRow};
use rusqlite::{OptionalExtension, params};

/// Migration: incidents and their alert links, the hunt cache, the alerts' source product.
pub const MIGRATION: &str = "
    ALTER TABLE alerts ADD COLUMN source TEXT;
    CREATE TABLE incidents (
        id TEXT PRIMARY KEY NOT NULL,
        row TEXT NOT NULL,
        raw TEXT NOT NULL,
        last_update INTEGER
    );
    CREATE INDEX incidents_last_update ON incidents(last_update);
    CREATE TABLE incident_alerts (
        incident_id TEXT NOT NULL,
        alert_id TEXT NOT NULL,
        PRIMARY KEY (incident_id, alert_id)
    );
    CREATE INDEX incident_alerts_alert ON incident_alerts(alert_id);
    CREATE TABLE hunts (
        query_key TEXT PRIMARY KEY NOT NULL,
        result TEXT NOT NULL,
        ran_at TEXT NOT NULL,
        ran_ms INTEGER NOT NULL
    );";

const WATERMARK_KEY: &str = "incident_watermark";

impl Store {
    /// Stores incidents in one transaction and returns the rows that are new or changed. An
    /// older copy (by `lastUpdateDateTime`) than the cached one is kept out; an incident read
    /// with its alerts expanded replaces its alert links.
    pub fn upsert_incidents(
        &self,
        incidents: &[Parsed<Incident>],
    ) -> Result<Vec<IncidentRow>, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let mut changed = Vec::new();
        {
            let mut upsert = tx.prepare_cached(
                "INSERT INTO incidents (id, row, raw, last_update) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(id) DO UPDATE SET row = excluded.row, raw = excluded.raw,
                     last_update = excluded.last_update
                 WHERE (incidents.last_update IS NULL OR excluded.last_update IS NULL
                        OR excluded.last_update >= incidents.last_update)
                   AND incidents.row IS NOT excluded.row",
            )?;
            let mut unlink =
                tx.prepare_cached("DELETE FROM incident_alerts WHERE incident_id = ?1")?;
            let mut link = tx.prepare_cached(
                "INSERT OR IGNORE INTO incident_alerts (incident_id, alert_id) VALUES (?1, ?2)",
            )?;
            for p in incidents {
                let row = match &p.item.alerts {
                    Some(_) => IncidentRow::from_incident(&p.item),
                    // Without its alerts the counts are unknown: keep the cached ones.
                    None => keep_counts(&tx, &p.item)?,
                };
                let json = serde_json::to_string(&row)?;
                let last = row.last_update.as_ref().map(to_ticks);
                let written = upsert.execute(params![row.id, json, p.raw, last])?;
                if let Some(alerts) = &p.item.alerts {
                    unlink.execute([&row.id])?;
                    for a in alerts {
                        link.execute(params![row.id, a.id])?;
                    }
                }
                if written > 0 {
                    changed.push(row);
                }
            }
        }
        tx.commit()?;
        drop(conn);
        self.wrote();
        Ok(changed)
    }

    /// Every cached incident as a compact row.
    pub fn incident_rows(&self) -> Result<Vec<IncidentRow>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached("SELECT row FROM incidents ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let json: String = r.get(0)?;
            out.push(serde_json::from_str(&json)?);
        }
        Ok(out)
    }

    /// One cached incident's row.
    pub fn incident_row(&self, id: &str) -> Result<Option<IncidentRow>, StoreError> {
        let json: Option<String> = self
            .lock()
            .query_row("SELECT row FROM incidents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(json.map(|j| serde_json::from_str(&j)).transpose()?)
    }

    /// One cached incident in full, from its stored JSON.
    pub fn incident(&self, id: &str) -> Result<Option<Parsed<Incident>>, StoreError> {
        let raw: Option<String> = self
            .lock()
            .query_row("SELECT raw FROM incidents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        match raw {
            None => Ok(None),
            Some(raw) => parse_item(&raw)
                .map(Some)
                .map_err(|e| StoreError::Corrupt(format!("cached incident {id:?}: {e}"))),
        }
    }

    /// The alert ids of a cached incident, in id order.
    pub fn incident_alert_ids(&self, id: &str) -> Result<Vec<String>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(
            "SELECT alert_id FROM incident_alerts WHERE incident_id = ?1 ORDER BY alert_id",
        )?;
        let ids = stmt
            .query_map([id], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ids)
    }

    /// The incident an alert belongs to, when known.
    pub fn incident_of_alert(&self, alert_id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .lock()
            .query_row(
                "SELECT incident_id FROM incident_alerts WHERE alert_id = ?1",
                [alert_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The newest `lastUpdateDateTime` of a whole incident fetch.
    pub fn incident_watermark(&self) -> Result<Option<Timestamp>, StoreError> {
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

    /// Moves the incident watermark forward to `t` (never back).
    pub fn advance_incident_watermark(&self, t: Timestamp) -> Result<(), StoreError> {
        if self.incident_watermark()?.is_some_and(|w| w >= t) {
            return Ok(());
        }
        self.lock().execute(
            "INSERT INTO sync_state (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![WATERMARK_KEY, t.to_wire()],
        )?;
        Ok(())
    }
}

/// The incident's row with the alert counts, devices, users and products of the cached row.
fn keep_counts(tx: &rusqlite::Transaction<'_>, i: &Incident) -> Result<IncidentRow, StoreError> {
    let mut row = IncidentRow::from_incident(i);
    let cached: Option<String> = tx
        .query_row("SELECT row FROM incidents WHERE id = ?1", [&i.id], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(json) = cached {
        let old: IncidentRow = serde_json::from_str(&json)?;
        row.alert_count = old.alert_count;
        row.devices = old.devices;
        row.device_count = old.device_count;
        row.users = old.users;
        row.user_count = old.user_count;
        row.sources = old.sources;
    }
    Ok(row)
}
