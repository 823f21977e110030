//! The emulator's clock: real time plus an offset that `/_emulator/clock` can move forward, so
//! clients can test token expiry and polling windows without waiting.

use chrono::{Duration, Utc};
use mde_model::Timestamp;
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
        let real = Utc::now();
        let offset = Duration::try_milliseconds(self.offset_ms.load(Ordering::Relaxed));
        let t = offset
            .and_then(|o| real.checked_add_signed(o))
            .unwrap_or(real);
        let extra = i64::from(t.timestamp_subsec_nanos() % 100);
        Timestamp(t - Duration::nanoseconds(extra))
    }

    /// Moves the clock forward (or back, for negative values) by `ms` milliseconds, at most about
    /// a century either way so that every later time stays representable.
    pub fn advance_ms(&self, ms: i64) {
        const LIMIT: i64 = 100 * 366 * 24 * 3600 * 1000;
        let _ = self
            .offset_ms
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |o| {
                Some(o.saturating_add(ms).clamp(-LIMIT, LIMIT))
            });
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
    fn absurd_advances_are_clamped() {
        let c = Clock::default();
        c.advance_ms(i64::MAX);
        c.advance_ms(i64::MAX);
        assert!(c.now().0.format("%Y").to_string().parse::<i32>().unwrap() < 2200);
    }

    #[test]
    fn now_round_trips_through_the_wire_form() {
        let c = Clock::default();
        for _ in 0..100 {
            let t = c.now();
            assert_eq!(Timestamp::parse(&t.to_wire()), Ok(t));
        }
    }
}
