//! Timestamps as the service writes them: RFC 3339 with 0 to 7 (or more) fractional digits,
//! `Z` or an offset; a missing zone is read as UTC, because every documented time is UTC.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A point in time from the API, always held in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub DateTime<Utc>);

/// A timestamp string that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an RFC 3339 timestamp: {0:?}")]
pub struct TimestampError(pub String);

impl Timestamp {
    /// Parses an API timestamp.
    pub fn parse(s: &str) -> Result<Self, TimestampError> {
        let t = s.trim();
        if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
            return Ok(Timestamp(dt.with_timezone(&Utc)));
        }
        // No zone at all: the service's times are UTC.
        for fmt in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
            if let Ok(n) = NaiveDateTime::parse_from_str(t, fmt) {
                return Ok(Timestamp(n.and_utc()));
            }
        }
        Err(TimestampError(s.chars().take(64).collect()))
    }

    /// The current time.
    pub fn now() -> Self {
        Timestamp(Utc::now())
    }

    /// The wire form: UTC, `Z`, up to 7 fractional digits (100 ns ticks), trailing zeros trimmed.
    pub fn to_wire(&self) -> String {
        let mut s = self.0.format("%Y-%m-%dT%H:%M:%S").to_string();
        let ticks = self.0.timestamp_subsec_nanos() / 100;
        if ticks > 0 {
            let frac = format!("{ticks:07}");
            s.push('.');
            s.push_str(frac.trim_end_matches('0'));
        }
        s.push('Z');
        s
    }

    /// Milliseconds since the Unix epoch, for compact storage and sorting.
    pub fn millis(&self) -> i64 {
        self.0.timestamp_millis()
    }

    /// From milliseconds since the epoch.
    pub fn from_millis(ms: i64) -> Option<Self> {
        DateTime::from_timestamp_millis(ms).map(Timestamp)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_wire())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_wire())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Timestamp::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fraction_width_and_zone_parses() {
        for s in [
            "2023-04-25T22:52:11Z",
            "2021-01-26T20:33:59.2Z",
            "2023-04-25T22:58:00.55Z",
            "2023-04-26T15:20:10.6946Z",
            "2023-04-19T13:30:57.913646Z",
            "2021-01-26T20:33:57.7220239Z",
            "2021-01-26T21:33:57.7220239+01:00",
            "2021-01-26T20:33:57.72202391Z",
            "2021-01-26T20:33:57",
        ] {
            let t = Timestamp::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(t.0.format("%Y-%m-%d").to_string()[..7], s[..7]);
        }
        let a = Timestamp::parse("2021-01-26T21:33:57.7220239+01:00").unwrap();
        let b = Timestamp::parse("2021-01-26T20:33:57.7220239Z").unwrap();
        assert_eq!(a, b);
        assert_eq!(b.to_wire(), "2021-01-26T20:33:57.7220239Z");
        assert!(Timestamp::parse("yesterday").is_err());
    }
}
