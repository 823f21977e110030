//! Timestamps as SQLite integers: 100 ns ticks since the epoch, the service's full precision
//! (7 fractional digits), so `lastUpdateTime` comparisons never lose the digits that matter.

use chrono::DateTime;
use mde_model::Timestamp;

const TICKS_PER_SEC: i64 = 10_000_000;

/// A timestamp as 100 ns ticks since the Unix epoch.
pub fn to_ticks(t: &Timestamp) -> i64 {
    let secs = t.0.timestamp();
    let sub = i64::from(t.0.timestamp_subsec_nanos() / 100);
    secs.saturating_mul(TICKS_PER_SEC).saturating_add(sub)
}

/// Back from ticks; `None` when out of chrono's range.
pub fn from_ticks(ticks: i64) -> Option<Timestamp> {
    let secs = ticks.div_euclid(TICKS_PER_SEC);
    let sub = ticks.rem_euclid(TICKS_PER_SEC);
    let nanos = u32::try_from(sub * 100).ok()?;
    DateTime::from_timestamp(secs, nanos).map(Timestamp)
}

/// Milliseconds since the epoch, now.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_digits_survive_the_round_trip_and_order() {
        let a = Timestamp::parse("2021-01-26T20:33:57.7220239Z").unwrap();
        let b = Timestamp::parse("2021-01-26T20:33:57.722024Z").unwrap();
        assert_eq!(from_ticks(to_ticks(&a)), Some(a));
        assert!(to_ticks(&a) < to_ticks(&b));
        let old = Timestamp::parse("1969-12-31T23:59:59.9999999Z").unwrap();
        assert_eq!(from_ticks(to_ticks(&old)), Some(old));
    }
}
