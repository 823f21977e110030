//! Where each `alerts watch` feed stands, kept in the profile's store so a restarted watch
//! resumes without repeating or skipping: the newest change it delivered, the start it never
//! reports before, and the versions it delivered in the overlap window it reads again.

use super::error::StoreError;
use super::handle::Store;
use mde_model::Timestamp;
use rusqlite::{OptionalExtension, params};
use std::collections::BTreeMap;

/// The saved position of one named feed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WatchPosition {
    /// Changes at or before this were never to be reported (where the feed first started).
    pub floor: Timestamp,
    /// The newest `lastUpdateTime` delivered.
    pub mark: Timestamp,
    /// Alert id → the `lastUpdateTime` of the version delivered, for the recent ones.
    pub seen: BTreeMap<String, Timestamp>,
}

impl WatchPosition {
    /// A feed that starts at `floor`.
    pub fn starting_at(floor: Timestamp) -> Self {
        WatchPosition {
            floor,
            mark: floor,
            seen: BTreeMap::new(),
        }
    }
}

fn key(name: &str) -> String {
    format!("watch:{name}")
}

impl Store {
    /// The saved position of feed `name`, if it ran before.
    pub fn watch_position(&self, name: &str) -> Result<Option<WatchPosition>, StoreError> {
        let v: Option<String> = self
            .lock()
            .query_row(
                "SELECT value FROM sync_state WHERE key = ?1",
                [key(name)],
                |r| r.get(0),
            )
            .optional()?;
        v.map(|s| serde_json::from_str(&s).map_err(|e| StoreError::Corrupt(e.to_string())))
            .transpose()
    }

    /// Saves the position of feed `name`.
    pub fn save_watch_position(&self, name: &str, p: &WatchPosition) -> Result<(), StoreError> {
        self.lock().execute(
            "INSERT INTO sync_state (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key(name), serde_json::to_string(p)?],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_kept_per_name_and_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.sqlite3");
        let t = Timestamp::parse("2024-05-01T10:00:00.1234567Z").unwrap();
        let mut p = WatchPosition::starting_at(t);
        p.seen.insert("da1".into(), t);
        {
            let s = Store::open(&path).unwrap();
            assert_eq!(s.watch_position("sev:high").unwrap(), None);
            s.save_watch_position("sev:high", &p).unwrap();
            s.save_watch_position("other", &WatchPosition::starting_at(t))
                .unwrap();
        }
        let s = Store::open(&path).unwrap();
        assert_eq!(s.watch_position("sev:high").unwrap(), Some(p));
        assert!(s.watch_position("other").unwrap().unwrap().seen.is_empty());
        assert_eq!(
            s.watermark().unwrap(),
            None,
            "the cache's watermark is its own"
        );
    }
}
