//! The alerts the emulator serves, behind one lock so concurrent requests never lose an update.
//! Every mutation bumps a version; `persist` writes the state file when the version moved.

use super::clock::Clock;
use super::errors::EmulatorError;
use super::record::Record;
use super::selected::Selected;
use super::shape::Shaped;
use mde_model::{Alert, Timestamp};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// The mutable part, reached through `AlertStore::write`.
#[derive(Debug, Default)]
pub struct Alerts {
    /// Alerts by id; id order is the unsorted list order (as observed on the service).
    pub by_id: BTreeMap<String, Record>,
    last_stamp: Option<Timestamp>,
    version: u64,
    /// A list query's ids, kept for its later pages; forgotten on every write access.
    pub selected: Selected,
}

impl Alerts {
    /// A `lastUpdateTime` for a change made now: strictly later than every earlier one, even
    /// within the same millisecond (steps of one 100 ns tick, the wire's resolution).
    pub fn stamp(&mut self, now: Timestamp) -> Timestamp {
        let next = match self.last_stamp {
            Some(last) if now <= last => Timestamp(last.0 + chrono::Duration::nanoseconds(100)),
            _ => now,
        };
        self.last_stamp = Some(next);
        self.version += 1;
        next
    }

    /// Inserts or replaces an alert.
    pub fn upsert(&mut self, rec: Record) {
        self.version += 1;
        self.by_id.insert(rec.alert().id.clone(), rec);
    }
}

/// The shared store.
#[derive(Debug)]
pub struct AlertStore {
    alerts: RwLock<Alerts>,
    state_file: Option<PathBuf>,
    saved_version: tokio::sync::Mutex<u64>,
    /// The emulator clock (also used for token expiry).
    pub clock: Arc<Clock>,
}

impl AlertStore {
    /// A store holding `records`, persisted to `state_file` when given.
    pub fn new(records: Vec<Record>, state_file: Option<PathBuf>, clock: Arc<Clock>) -> Self {
        let mut alerts = Alerts::default();
        for mut r in records {
            if !at_wire_precision(r.alert()) {
                r.edit(wire_precision);
            }
            if let Some(t) = r.alert().last_update_time {
                alerts.last_stamp = alerts.last_stamp.max(Some(t));
            }
            alerts.by_id.insert(r.alert().id.clone(), r);
        }
        AlertStore {
            alerts: RwLock::new(alerts),
            state_file,
            saved_version: tokio::sync::Mutex::new(0),
            clock,
        }
    }

    /// Shared read access. A poisoned lock is recovered: every mutation leaves the map valid.
    pub fn read(&self) -> RwLockReadGuard<'_, Alerts> {
        self.alerts.read().unwrap_or_else(|p| p.into_inner())
    }

    /// Exclusive write access. A list query's kept selection is forgotten first: whatever the
    /// writer changes, the next page is selected afresh.
    pub fn write(&self) -> RwLockWriteGuard<'_, Alerts> {
        let mut alerts = self.alerts.write().unwrap_or_else(|p| p.into_inner());
        alerts.selected.forget();
        alerts
    }

    /// Number of alerts.
    pub fn len(&self) -> usize {
        self.read().by_id.len()
    }

    /// True when there are no alerts.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Writes the state file if anything changed since the last write (atomically: temp + rename).
    pub async fn persist(&self) -> Result<(), EmulatorError> {
        let Some(path) = self.state_file.clone() else {
            return Ok(());
        };
        let mut saved = self.saved_version.lock().await;
        let (version, bytes) = {
            let a = self.read();
            if a.version == *saved {
                return Ok(());
            }
            // An API page, written as the list answer is: each alert's stored JSON copied out.
            let mut bytes = b"{\"value\":[".to_vec();
            for (i, rec) in a.by_id.values().enumerate() {
                if i > 0 {
                    bytes.push(b',');
                }
                let shaped = Shaped {
                    rec,
                    expand: true,
                    select: None,
                };
                shaped.write_json(&mut bytes)?;
            }
            bytes.extend_from_slice(b"]}");
            (a.version, bytes)
        };
        let tmp = path.with_extension("tmp");
        let (p2, t2) = (path.clone(), tmp.clone());
        tokio::task::spawn_blocking(move || {
            std::fs::write(&t2, &bytes)?;
            std::fs::rename(&t2, &p2)
        })
        .await
        .map_err(|e| EmulatorError::Serve(std::io::Error::other(e)))?
        .map_err(|source| EmulatorError::File { path, source })?;
        *saved = version;
        Ok(())
    }

    /// Marks the loaded data as needing a first save (a fresh state file gets written at start).
    pub fn mark_dirty(&self) {
        self.write().version += 1;
    }
}

/// True when the alert's times are whole 100 ns ticks already (then it need not be packed again).
fn at_wire_precision(a: &Alert) -> bool {
    [
        a.alert_creation_time,
        a.first_event_time,
        a.last_event_time,
        a.last_update_time,
        a.resolved_time,
    ]
    .iter()
    .flatten()
    .all(|t| t.0.timestamp_subsec_nanos() % 100 == 0)
}

/// Truncates an alert's times to 100 ns ticks (generated data may carry nanoseconds), so the
/// served text and the stored value compare the same way.
fn wire_precision(a: &mut Alert) {
    let trunc = |t: &mut Option<Timestamp>| {
        if let Some(ts) = t {
            let extra = i64::from(ts.0.timestamp_subsec_nanos() % 100);
            ts.0 -= chrono::Duration::nanoseconds(extra);
        }
    };
    trunc(&mut a.alert_creation_time);
    trunc(&mut a.first_event_time);
    trunc(&mut a.last_event_time);
    trunc(&mut a.last_update_time);
    trunc(&mut a.resolved_time);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_strictly_increase_within_one_instant() {
        let mut a = Alerts::default();
        let now = Timestamp::parse("2026-01-01T00:00:00Z").unwrap();
        let s1 = a.stamp(now);
        let s2 = a.stamp(now);
        let s3 = a.stamp(now);
        assert!(s1 < s2 && s2 < s3);
        assert_ne!(s2.to_wire(), s3.to_wire());
    }

    #[test]
    fn loaded_times_are_cut_to_wire_precision() {
        let mut a = Alert::new("a", "t");
        a.last_update_time = Some(Timestamp(
            Timestamp::parse("2026-01-01T00:00:00Z").unwrap().0
                + chrono::Duration::nanoseconds(123),
        ));
        let store = AlertStore::new(vec![Record::new(a)], None, Arc::new(Clock::default()));
        let t = store.read().by_id["a"].alert().last_update_time.unwrap();
        assert_eq!(t.to_wire(), "2026-01-01T00:00:00.0000001Z");
        assert_eq!(Timestamp::parse(&t.to_wire()), Ok(t));
        let mut served = Vec::new();
        assert!(store.read().by_id["a"].write_json(&mut served, true));
        let served: serde_json::Value = serde_json::from_slice(&served).unwrap();
        assert_eq!(
            served["lastUpdateTime"], "2026-01-01T00:00:00.0000001Z",
            "the stored JSON is the truncated alert"
        );
    }
}
