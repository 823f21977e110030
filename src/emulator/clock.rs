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
    /// The emulator's "now", truncated to the wire's 100 ns resolution so that what is stored
    /// is exactly what clients see (a `gt` poll on a served value must not match it again).
    pub fn now(&self) -> Timestamp {
        let t = Utc::now() + Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed));
        let extra = i64::from(t.timestamp_subsec_nanos() % 100);
        Timestamp(t - Duration::nanoseconds(extra))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_round_trips_through_the_wire_form() {
        let c = Clock::default();
        for _ in 0..100 {
            let t = c.now();
            assert_eq!(Timestamp::parse(&t.to_wire()), Ok(t));
        }
    }
}
