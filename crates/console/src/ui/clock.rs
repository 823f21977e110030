//! How times are written on screen: a compact age ("3m", "2h", "5d") and an absolute time in
//! UTC or local time that always shows its offset, so a screenshot is never ambiguous.

use crate::app::view::state::TimeMode;
use chrono::FixedOffset;
use mde_model::Timestamp;

/// The offset to show times in: `None` for UTC.
pub fn offset_of(mode: TimeMode) -> Option<FixedOffset> {
    match mode {
        TimeMode::Utc => None,
        TimeMode::Local(o) => Some(o),
    }
}

/// The age of `t` at `now`, in the largest whole unit: `<1m`, `3m`, `2h`, `5d`, `2y`.
/// A time in the future (clock skew) gets a `+` so it is not mistaken for an age. Never in
/// seconds: an idle screen is redrawn once a minute, so a count of seconds would be stale.
pub fn age(now: Timestamp, t: Timestamp) -> String {
    let secs = (now.0 - t.0).num_seconds();
    if secs.abs() < 60 {
        return "<1m".to_string();
    }
    let (sign, secs) = if secs < 0 { ("+", -secs) } else { ("", secs) };
    let (n, unit) = match secs {
        s if s < 3_600 => (s / 60, "m"),
        s if s < 86_400 => (s / 3_600, "h"),
        s if s < 365 * 86_400 => (s / 86_400, "d"),
        s => (s / (365 * 86_400), "y"),
    };
    format!("{sign}{n}{unit}")
}

/// The age of an optional time; `-` when unknown.
pub fn age_opt(now: Timestamp, t: Option<Timestamp>) -> String {
    t.map_or_else(|| "-".to_string(), |t| age(now, t))
}

/// An absolute time to the second: `2026-11-26 20:19:55 UTC` or, with a local offset,
/// `2026-11-26 21:19:55 +01:00`.
pub fn absolute(t: Timestamp, offset: Option<FixedOffset>) -> String {
    match offset {
        None => t.0.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
        Some(off) => {
            t.0.with_timezone(&off)
                .format("%Y-%m-%d %H:%M:%S %:z")
                .to_string()
        }
    }
}

/// An absolute time to the minute, without the year, for narrow panes: `12-02 11:26 UTC` or
/// `12-02 12:26 +01:00`.
pub fn compact(t: Timestamp, offset: Option<FixedOffset>) -> String {
    match offset {
        None => t.0.format("%m-%d %H:%M UTC").to_string(),
        Some(off) => {
            t.0.with_timezone(&off)
                .format("%m-%d %H:%M %:z")
                .to_string()
        }
    }
}

/// An absolute time followed by its age: `2026-11-26 20:19:55 UTC (3m ago)`.
pub fn absolute_with_age(now: Timestamp, t: Timestamp, offset: Option<FixedOffset>) -> String {
    let a = age(now, t);
    match a.strip_prefix('+') {
        Some(ahead) => format!("{} (in {ahead})", absolute(t, offset)),
        None => format!("{} ({a} ago)", absolute(t, offset)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    #[test]
    fn ages_use_the_largest_whole_unit() {
        let now = ts("2026-11-26T12:00:00Z");
        assert_eq!(age(now, ts("2026-11-26T11:59:15Z")), "<1m");
        assert_eq!(age(now, ts("2026-11-26T12:00:30Z")), "<1m");
        assert_eq!(age(now, ts("2026-11-26T11:57:00Z")), "3m");
        assert_eq!(age(now, ts("2026-11-26T09:30:00Z")), "2h");
        assert_eq!(age(now, ts("2026-11-21T12:00:00Z")), "5d");
        assert_eq!(age(now, ts("2024-11-01T12:00:00Z")), "2y");
        assert_eq!(age(now, ts("2026-11-26T12:03:00Z")), "+3m");
        assert_eq!(age_opt(now, None), "-");
    }

    #[test]
    fn absolute_times_show_their_offset() {
        let t = ts("2026-11-26T20:19:55.123Z");
        assert_eq!(absolute(t, None), "2026-11-26 20:19:55 UTC");
        let cet = FixedOffset::east_opt(3600).unwrap();
        assert_eq!(absolute(t, Some(cet)), "2026-11-26 21:19:55 +01:00");
        let now = ts("2026-11-26T20:22:56Z");
        assert_eq!(
            absolute_with_age(now, t, None),
            "2026-11-26 20:19:55 UTC (3m ago)"
        );
        assert_eq!(compact(t, None), "11-26 20:19 UTC");
        assert_eq!(compact(t, Some(cet)), "11-26 21:19 +01:00");
    }
}
