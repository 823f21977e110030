//! The request's `Timespan` (ISO 8601): `start/end`, `P30D/end`, `start/P30D`, `P30D`, or a
//! single start time; absent means the last 30 days. Hunting keeps 30 days, so the window never
//! reaches further back.

use mde_model::Timestamp;

/// How far back hunting data reaches.
pub const LOOKBACK_DAYS: i64 = 30;

/// A `Timespan` that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadTimespan(pub String);

/// An ISO 8601 duration (`P30D`, `PT1H`, `P1DT12H30M`, `P2W`) in seconds.
fn duration(s: &str) -> Option<i64> {
    let rest = s.strip_prefix('P').or_else(|| s.strip_prefix('p'))?;
    let (date, time) = match rest.split_once(['T', 't']) {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let mut total: i64 = 0;
    let mut any = false;
    let mut read = |part: &str, units: &[(char, i64)]| -> Option<()> {
        let mut num = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() {
                num.push(c);
                continue;
            }
            let (_, secs) = units.iter().find(|(u, _)| u.eq_ignore_ascii_case(&c))?;
            let n: i64 = num.parse().ok()?;
            total = total.checked_add(n.checked_mul(*secs)?)?;
            num.clear();
            any = true;
        }
        num.is_empty().then_some(())
    };
    read(
        date,
        &[
            ('Y', 365 * 86_400),
            ('M', 30 * 86_400),
            ('W', 7 * 86_400),
            ('D', 86_400),
        ],
    )?;
    if let Some(t) = time {
        read(t, &[('H', 3600), ('M', 60), ('S', 1)])?;
    }
    any.then_some(total)
}

fn time(s: &str) -> Option<Timestamp> {
    if s.len() == 10 {
        Timestamp::parse(&format!("{s}T00:00:00Z")).ok()
    } else {
        Timestamp::parse(s).ok()
    }
}

fn minus(t: Timestamp, secs: i64) -> Timestamp {
    Timestamp(t.0 - chrono::Duration::seconds(secs))
}

fn plus(t: Timestamp, secs: i64) -> Timestamp {
    Timestamp(t.0 + chrono::Duration::seconds(secs))
}

/// The query window at `now` for an optional `Timespan`, clamped to the 30 days hunting keeps.
pub fn window(
    timespan: Option<&str>,
    now: Timestamp,
) -> Result<(Timestamp, Timestamp), BadTimespan> {
    let bad = |s: &str| {
        BadTimespan(format!(
            "'{}' is not a valid ISO 8601 Timespan (start/end, duration/end, start/duration, duration or start)",
            s.chars().take(60).collect::<String>()
        ))
    };
    let (from, to) = match timespan.map(str::trim).filter(|s| !s.is_empty()) {
        None => (minus(now, LOOKBACK_DAYS * 86_400), now),
        Some(s) => match s.split_once('/') {
            Some((a, b)) => match (duration(a), time(a), duration(b), time(b)) {
                (_, Some(start), _, Some(end)) => (start, end),
                (Some(d), None, _, Some(end)) => (minus(end, d), end),
                (_, Some(start), Some(d), None) => (start, plus(start, d)),
                _ => return Err(bad(s)),
            },
            None => match (duration(s), time(s)) {
                (Some(d), _) => (minus(now, d), now),
                (None, Some(start)) => (start, now),
                _ => return Err(bad(s)),
            },
        },
    };
    if from > to {
        return Err(BadTimespan("the Timespan ends before it starts".into()));
    }
    let oldest = minus(now, LOOKBACK_DAYS * 86_400);
    Ok((from.max(oldest), to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    #[test]
    fn every_documented_form() {
        let now = ts("2024-02-15T08:00:00Z");
        assert_eq!(
            window(None, now).unwrap(),
            (ts("2024-01-16T08:00:00Z"), now)
        );
        assert_eq!(
            window(Some("2024-02-01T08:00:00Z/2024-02-15T08:00:00Z"), now).unwrap(),
            (ts("2024-02-01T08:00:00Z"), now)
        );
        assert_eq!(
            window(Some("P7D/2024-02-10T08:00:00Z"), now).unwrap(),
            (ts("2024-02-03T08:00:00Z"), ts("2024-02-10T08:00:00Z"))
        );
        assert_eq!(
            window(Some("2024-02-01T08:00:00Z/PT12H"), now).unwrap(),
            (ts("2024-02-01T08:00:00Z"), ts("2024-02-01T20:00:00Z"))
        );
        assert_eq!(
            window(Some("PT1H"), now).unwrap().0,
            ts("2024-02-15T07:00:00Z")
        );
        assert_eq!(
            window(Some("P1DT2H30M"), now).unwrap().0,
            ts("2024-02-14T05:30:00Z")
        );
        assert_eq!(
            window(Some("2024-02-14T00:00:00Z"), now).unwrap(),
            (ts("2024-02-14T00:00:00Z"), now)
        );
        // Ninety days asked, thirty kept.
        assert_eq!(
            window(Some("P90D"), now).unwrap().0,
            ts("2024-01-16T08:00:00Z")
        );
        for bad in [
            "P",
            "30D",
            "P3X",
            "yesterday",
            "2024-02-15T08:00:00Z/2024-02-01T00:00:00Z",
            "a/b",
        ] {
            assert!(window(Some(bad), now).is_err(), "{bad}");
        }
    }
}
