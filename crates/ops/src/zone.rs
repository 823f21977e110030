//! The time zone a profile shows its times in: UTC, the machine's local zone, a fixed offset or
//! an IANA zone (`Europe/London`, with its daylight-saving rules). The console asks for the
//! offset at a given instant, so a shift that crosses a DST change shows both sides right.

use chrono::{FixedOffset, Offset, TimeZone, Utc};
use mde_model::Timestamp;
use std::fmt;

/// A time zone setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zone {
    /// UTC, the service's zone.
    #[default]
    Utc,
    /// The machine's local zone.
    Local,
    /// A fixed offset from UTC (`+05:30`).
    Fixed(FixedOffset),
    /// An IANA zone.
    Named(chrono_tz::Tz),
}

impl Zone {
    /// Parses `utc`, `local`, `+02:00` / `-0530` / `UTC+2`, or an IANA name (any case).
    pub fn parse(text: &str) -> Result<Zone, String> {
        let s = text.trim();
        if s.eq_ignore_ascii_case("utc") || s == "Z" || s.eq_ignore_ascii_case("gmt") {
            return Ok(Zone::Utc);
        }
        if s.eq_ignore_ascii_case("local") {
            return Ok(Zone::Local);
        }
        let offset = s
            .strip_prefix("UTC")
            .or_else(|| s.strip_prefix("utc"))
            .unwrap_or(s);
        if offset.starts_with(['+', '-']) {
            return parse_offset(offset)
                .map(Zone::Fixed)
                .ok_or_else(|| format!("{s:?} is not an offset like +02:00 or -05:30"));
        }
        if let Ok(tz) = s.parse::<chrono_tz::Tz>() {
            return Ok(Zone::Named(tz));
        }
        if let Some(tz) = chrono_tz::TZ_VARIANTS
            .iter()
            .find(|tz| tz.name().eq_ignore_ascii_case(s))
        {
            return Ok(Zone::Named(*tz));
        }
        Err(format!(
            "unknown time zone {s:?} (use utc, local, an offset like +02:00, or an IANA name like Europe/London)"
        ))
    }

    /// The offset from UTC at an instant.
    pub fn offset_at(&self, at: Timestamp) -> FixedOffset {
        match self {
            Zone::Utc => Utc.fix(),
            Zone::Local => chrono::Local
                .offset_from_utc_datetime(&at.0.naive_utc())
                .fix(),
            Zone::Fixed(o) => *o,
            Zone::Named(tz) => tz.offset_from_utc_datetime(&at.0.naive_utc()).fix(),
        }
    }

    /// The instant the calendar day containing `at` began, in this zone.
    pub fn start_of_day(&self, at: Timestamp) -> Timestamp {
        let offset = self.offset_at(at);
        let local = at.0.with_timezone(&offset);
        let midnight = local
            .date_naive()
            .and_hms_opt(0, 0, 0)
            .unwrap_or(local.naive_local());
        // The offset at midnight can differ from the offset now (a DST change this morning).
        let guess = Timestamp((midnight - offset).and_utc());
        let at_midnight = self.offset_at(guess);
        Timestamp((midnight - at_midnight).and_utc())
    }

    /// The names every IANA zone goes by, for suggestions.
    pub fn known_names() -> impl Iterator<Item = &'static str> {
        chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Zone::Utc => f.write_str("UTC"),
            Zone::Local => f.write_str("local"),
            Zone::Fixed(o) => write!(f, "{o}"),
            Zone::Named(tz) => f.write_str(tz.name()),
        }
    }
}

/// `+02:00`, `-0530`, `+2`.
fn parse_offset(s: &str) -> Option<FixedOffset> {
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let body = &s[1..];
    let (h, m) = match body.split_once(':') {
        Some((h, m)) => (h, m),
        None if body.len() == 4 => body.split_at(2),
        None => (body, "0"),
    };
    if h.is_empty() || h.len() > 2 || m.is_empty() || m.len() > 2 {
        return None;
    }
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if h > 14 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    #[test]
    fn every_spelling_parses() {
        assert_eq!(Zone::parse("UTC").unwrap(), Zone::Utc);
        assert_eq!(Zone::parse("local").unwrap(), Zone::Local);
        let plus = Zone::parse("+05:30").unwrap();
        assert_eq!(
            plus.offset_at(t("2024-01-01T00:00:00Z")).local_minus_utc(),
            19_800
        );
        assert_eq!(
            Zone::parse("UTC-2")
                .unwrap()
                .offset_at(t("2024-01-01T00:00:00Z"))
                .local_minus_utc(),
            -7_200
        );
        assert_eq!(
            Zone::parse("-0530").unwrap(),
            Zone::Fixed(FixedOffset::west_opt(19_800).unwrap())
        );
        assert_eq!(
            Zone::parse("europe/london").unwrap().to_string(),
            "Europe/London"
        );
        for bad in ["Mars/Olympus", "+25:00", "+1:2:3", "", "+"] {
            assert!(Zone::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn named_zones_follow_daylight_saving() {
        let london = Zone::parse("Europe/London").unwrap();
        assert_eq!(
            london
                .offset_at(t("2024-01-15T12:00:00Z"))
                .local_minus_utc(),
            0
        );
        assert_eq!(
            london
                .offset_at(t("2024-07-15T12:00:00Z"))
                .local_minus_utc(),
            3600
        );
    }

    #[test]
    fn start_of_day_is_local_midnight() {
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        // 00:30 in Berlin (summer, +2) is 22:30 UTC the day before.
        assert_eq!(
            berlin.start_of_day(t("2024-07-15T22:30:00Z")),
            t("2024-07-15T22:00:00Z")
        );
        assert_eq!(
            Zone::Utc.start_of_day(t("2024-07-15T22:30:00Z")),
            t("2024-07-15T00:00:00Z")
        );
        // The morning DST began (31 March 2024, 02:00 → 03:00): midnight was still at +1.
        assert_eq!(
            berlin.start_of_day(t("2024-03-31T12:00:00Z")),
            t("2024-03-30T23:00:00Z")
        );
    }
}
