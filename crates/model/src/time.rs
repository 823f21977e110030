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
        // The service's own form (`2024-05-01T10:00:00.1234567Z`) is read without chrono's
        // general parser: a page carries several per alert and per evidence item.
        if let Some(t) = parse_utc(s.as_bytes()) {
            return Ok(t);
        }
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
        let mut buf = [0u8; 40];
        let n = self.write_wire(&mut buf);
        String::from_utf8_lossy(&buf[..n]).into_owned()
    }

    /// Writes the wire form into `buf` and returns its length. Digits are written by hand:
    /// chrono's `format` parses its pattern on every call, and an emulator page serialises
    /// several timestamps per alert and per evidence item.
    fn write_wire(&self, buf: &mut [u8; 40]) -> usize {
        use chrono::{Datelike, Timelike};
        let year = self.0.year();
        if !(0..=9999).contains(&year) {
            // Outside four digits: chrono's own form (never sent by the service).
            let s = self.0.format("%Y-%m-%dT%H:%M:%S").to_string();
            let n = s.len().min(30);
            buf[..n].copy_from_slice(&s.as_bytes()[..n]);
            return self.write_fraction(buf, n);
        }
        let mut put = |at: usize, v: u32, width: usize| {
            let mut v = v;
            for i in (0..width).rev() {
                buf[at + i] = b'0' + (v % 10) as u8;
                v /= 10;
            }
        };
        put(0, year as u32, 4);
        put(5, self.0.month(), 2);
        put(8, self.0.day(), 2);
        put(11, self.0.hour(), 2);
        put(14, self.0.minute(), 2);
        put(17, self.0.second().min(59), 2);
        buf[4] = b'-';
        buf[7] = b'-';
        buf[10] = b'T';
        buf[13] = b':';
        buf[16] = b':';
        self.write_fraction(buf, 19)
    }

    /// The 100 ns ticks (trailing zeros trimmed) and the `Z`, from `at`; the length written.
    fn write_fraction(&self, buf: &mut [u8; 40], mut at: usize) -> usize {
        let mut ticks = self.0.timestamp_subsec_nanos() / 100;
        // A leap second (nanos ≥ 1e9) keeps chrono's spelling of the fraction.
        ticks = ticks.min(9_999_999);
        if ticks > 0 {
            buf[at] = b'.';
            let mut digits = [0u8; 7];
            for d in digits.iter_mut().rev() {
                *d = b'0' + (ticks % 10) as u8;
                ticks /= 10;
            }
            let keep = 7 - digits.iter().rev().take_while(|&&d| d == b'0').count();
            buf[at + 1..at + 1 + keep].copy_from_slice(&digits[..keep]);
            at += 1 + keep;
        }
        buf[at] = b'Z';
        at + 1
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

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|nothing)`, or None for anything else (offsets, spaces,
/// lower case, leap seconds: the general parser reads those).
fn parse_utc(s: &[u8]) -> Option<Timestamp> {
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let mut n = 0u32;
        for &b in s.get(r)? {
            if !b.is_ascii_digit() {
                return None;
            }
            n = n * 10 + u32::from(b - b'0');
        }
        Some(n)
    };
    let sep = |i: usize, c: u8| s.get(i) == Some(&c);
    if !(sep(4, b'-') && sep(7, b'-') && sep(10, b'T') && sep(13, b':') && sep(16, b':')) {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, min, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut i = 19;
    let mut nanos = 0u32;
    if sep(i, b'.') {
        i += 1;
        let start = i;
        while let Some(b) = s.get(i).filter(|b| b.is_ascii_digit()) {
            // Digits past the ninth are below a nanosecond: dropped, as chrono does.
            if i - start < 9 {
                nanos = nanos * 10 + u32::from(b - b'0');
            }
            i += 1;
        }
        let digits = i - start;
        if digits == 0 {
            return None;
        }
        for _ in digits..9 {
            nanos *= 10;
        }
    }
    match &s[i..] {
        b"Z" | b"" => {}
        _ => return None,
    }
    let date = chrono::NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let time = chrono::NaiveTime::from_hms_nano_opt(hour, min, sec, nanos)?;
    Some(Timestamp(date.and_time(time).and_utc()))
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_wire())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; 40];
        let n = self.write_wire(&mut buf);
        s.serialize_str(std::str::from_utf8(&buf[..n]).unwrap_or_default())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::lenient::with_str(d, Timestamp::parse)?.map_err(serde::de::Error::custom)
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

    #[test]
    fn the_wire_form_is_chronos() {
        let chrono_form = |t: &Timestamp| {
            let mut s = t.0.format("%Y-%m-%dT%H:%M:%S").to_string();
            let ticks = t.0.timestamp_subsec_nanos() / 100;
            if ticks > 0 {
                s.push('.');
                s.push_str(format!("{ticks:07}").trim_end_matches('0'));
            }
            s + "Z"
        };
        for s in [
            "2023-04-25T22:52:11Z",
            "2021-01-26T20:33:59.2Z",
            "2021-01-26T20:33:57.7220239Z",
            "2021-01-26T20:33:57.0000001Z",
            "2021-01-26T20:33:57.123456789Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.9999999Z",
            "1969-12-31T23:59:59.9999999Z",
        ] {
            let t = Timestamp::parse(s).unwrap();
            assert_eq!(t.to_wire(), chrono_form(&t), "{s}");
            assert_eq!(
                serde_json::to_string(&t).unwrap(),
                format!("\"{}\"", chrono_form(&t))
            );
        }
    }

    #[test]
    fn the_quick_path_agrees_with_chrono() {
        for s in [
            "2023-04-25T22:52:11Z",
            "2021-01-26T20:33:59.2Z",
            "2021-01-26T20:33:57.7220239Z",
            "2021-01-26T20:33:57.72202391Z",
            "2021-01-26T20:33:57.123456789123Z",
            "2021-01-26T20:33:57",
            "1969-12-31T23:59:59.9999999Z",
            "2024-02-29T00:00:00Z",
        ] {
            let quick = parse_utc(s.as_bytes()).unwrap_or_else(|| panic!("{s}: quick path"));
            let general = DateTime::parse_from_rfc3339(s)
                .map(|d| d.with_timezone(&Utc))
                .or_else(|_| {
                    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f").map(|n| n.and_utc())
                })
                .unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(quick.0, general, "{s}");
        }
        // Left to the general parser (or refused).
        for s in [
            "2023-02-30T00:00:00Z",
            "2023-04-25T22:52:11+01:00",
            "2023-04-25T22:52:11z",
            "2023-04-25T22:52:11.Z",
            "2023-04-25 22:52:11Z",
            "2023-4-25T22:52:11Z",
            "2023-04-25T22:52:11Zjunk",
            " 2023-04-25T22:52:11Z",
            "2023-04-25T24:00:00Z",
        ] {
            assert!(parse_utc(s.as_bytes()).is_none(), "{s}");
        }
        assert!(Timestamp::parse("2023-02-30T00:00:00Z").is_err());
        assert!(Timestamp::parse(" 2023-04-25T22:52:11Z ").is_ok());
    }
}
