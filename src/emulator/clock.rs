//! The emulator's clock: real time plus an offset that `/_emulator/clock` can move forward, so
//! clients can test token expiry and polling windows without waiting.

use crate::model::Timestamp;
use chrono::{Duration, Utc};
use std::sync::atomic::{AtomicI64, Ordering};

/// Wall-clock time shifted by a settable offset.
#[derive(Debug, Default)]
pub struct Clock {
    offset_ms: AtomicI64,
}

impl Clock {
    /// The emulator's "now".
    pub fn now(&self) -> Timestamp {
        Timestamp(Utc::now() + Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed)))
    }

    /// Moves the clock forward (or back, for negative values) by `ms` milliseconds.
    pub fn advance_ms(&self, ms: i64) {
        self.offset_ms.fetch_add(ms, Ordering::Relaxed);
    }

    /// The current offset from real time.
    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::Relaxed)
    }
}
