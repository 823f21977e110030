//! `--since 24h`: a relative age, turned into the creation time it starts at.

use mde_model::Timestamp;

/// Parses `30m`, `24h`, `7d`, `2w` (or plain seconds with `s`) into a duration.
pub fn parse_age(s: &str) -> Result<chrono::Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !c.is_ascii_digit())
        .ok_or_else(|| format!("{s:?} has no unit (use s, m, h, d or w, e.g. 24h)"))?;
    let (num, unit) = s.split_at(split);
    let n: i64 = num
        .parse()
        .map_err(|_| format!("{s:?} does not start with a number"))?;
    let d = match unit {
        "s" => chrono::Duration::try_seconds(n),
        "m" | "min" => chrono::Duration::try_minutes(n),
        "h" => chrono::Duration::try_hours(n),
        "d" => chrono::Duration::try_days(n),
        "w" => chrono::Duration::try_weeks(n),
        other => {
            return Err(format!(
                "unknown unit {other:?} in {s:?} (use s, m, h, d or w)"
            ));
        }
    };
    d.filter(|d| *d > chrono::Duration::zero() && *d <= chrono::Duration::days(3650))
        .ok_or_else(|| format!("{s:?} is out of range"))
}

/// The instant `age` before `now`.
pub fn since(now: Timestamp, age: chrono::Duration) -> Timestamp {
    Timestamp(now.0 - age)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_and_mistakes() {
        assert_eq!(parse_age("24h").unwrap(), chrono::Duration::hours(24));
        assert_eq!(parse_age("7d").unwrap(), chrono::Duration::days(7));
        assert_eq!(parse_age("30m").unwrap(), chrono::Duration::minutes(30));
        assert_eq!(parse_age("2w").unwrap(), chrono::Duration::weeks(2));
        for bad in [
            "24",
            "h",
            "-1h",
            "0h",
            "5y",
            "99999999999999999999d",
            "100000d",
        ] {
            assert!(parse_age(bad).is_err(), "{bad}");
        }
        let now = Timestamp::parse("2024-05-02T00:00:00Z").unwrap();
        assert_eq!(
            since(now, parse_age("1d").unwrap()),
            Timestamp::parse("2024-05-01T00:00:00Z").unwrap()
        );
    }
}
