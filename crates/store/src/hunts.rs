//! The hunt cache: each hunting query's answer, keyed by the query, with when it ran. Hunting
//! is slow and rationed (45 calls a minute), and what happened on a device does not change.

use super::error::StoreError;
use super::handle::Store;
use super::ticks::now_ms;
use mde_model::Timestamp;
use mde_model::graph::HuntingResult;
use rusqlite::{OptionalExtension, params};

impl Store {
    /// Keeps a hunting answer under `key` (replacing an older one).
    pub fn save_hunt(
        &self,
        key: &str,
        result: &HuntingResult,
        ran_at: Timestamp,
    ) -> Result<(), StoreError> {
        let json = serde_json::to_string(result)?;
        self.lock().execute(
            "INSERT INTO hunts (query_key, result, ran_at, ran_ms) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(query_key) DO UPDATE SET result = excluded.result,
                 ran_at = excluded.ran_at, ran_ms = excluded.ran_ms",
            params![key, json, ran_at.to_wire(), ran_at.millis()],
        )?;
        Ok(())
    }

    /// The answer kept under `key`, with when it ran.
    pub fn load_hunt(&self, key: &str) -> Result<Option<(HuntingResult, Timestamp)>, StoreError> {
        let row: Option<(String, String)> = self
            .lock()
            .query_row(
                "SELECT result, ran_at FROM hunts WHERE query_key = ?1",
                [key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match row {
            None => Ok(None),
            Some((json, at)) => {
                let result = serde_json::from_str(&json)?;
                let at = Timestamp::parse(&at).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                Ok(Some((result, at)))
            }
        }
    }

    /// Forgets answers that ran more than `max_age_ms` ago; returns how many.
    pub fn purge_hunts(&self, max_age_ms: i64) -> Result<usize, StoreError> {
        Ok(self.lock().execute(
            "DELETE FROM hunts WHERE ran_ms < ?1",
            [now_ms() - max_age_ms],
        )?)
    }
}
