//! Spans of time as people write them in a config file: `90s`, `30m`, `2h`, `1h30m`, `1d`, `2w`.

use chrono::TimeDelta;

/// The longest span accepted anywhere (ten years): larger numbers are typos.
const MAX_DAYS: i64 = 3650;

/// Parses a span: one or more `<number><unit>` parts (`s`, `m`, `h`, `d`, `w`), e.g. `1h30m`.
pub fn parse_duration(text: &str) -> Result<TimeDelta, String> {
    let s = text.trim();
    if s.is_empty() {
        return Err("is empty (write e.g. 30m, 4h or 1d)".into());
    }
    let mut total = TimeDelta::zero();
    let mut rest = s;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if digits == 0 {
            return Err(format!("{s:?} must start with a number (e.g. 30m, 4h, 1d)"));
        }
        let n: i64 = rest[..digits]
            .parse()
            .map_err(|_| format!("{s:?} is out of range"))?;
        rest = &rest[digits..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let part = match unit {
            "s" | "sec" => TimeDelta::try_seconds(n),
            "m" | "min" => TimeDelta::try_minutes(n),
            "h" => TimeDelta::try_hours(n),
            "d" => TimeDelta::try_days(n),
            "w" => TimeDelta::try_weeks(n),
            "" => return Err(format!("{s:?} has no unit (use s, m, h, d or w, e.g. 30m)")),
            other => {
                return Err(format!(
                    "unknown unit {other:?} in {s:?} (use s, m, h, d or w)"
                ));
            }
        };
        total = part
            .and_then(|p| total.checked_add(&p))
            .ok_or_else(|| format!("{s:?} is out of range"))?;
    }
    if total <= TimeDelta::zero() {
        return Err(format!("{s:?} must be longer than zero"));
    }
    if total > TimeDelta::days(MAX_DAYS) {
        return Err(format!("{s:?} is longer than ten years"));
    }
    Ok(total)
}

/// Writes a span compactly, largest units first: `1h30m`, `2d`, `45s`, `0s`.
pub fn format_duration(d: TimeDelta) -> String {
    let mut secs = d.num_seconds();
    let negative = secs < 0;
    secs = secs.abs();
    if secs == 0 {
        return "0s".into();
    }
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    for (unit, len) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] {
        if secs >= len {
            out.push_str(&format!("{}{unit}", secs / len));
            secs %= len;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_and_compound_spans() {
        assert_eq!(parse_duration("30m").unwrap(), TimeDelta::minutes(30));
        assert_eq!(parse_duration(" 2h ").unwrap(), TimeDelta::hours(2));
        assert_eq!(parse_duration("1h30m").unwrap(), TimeDelta::minutes(90));
        assert_eq!(parse_duration("1w").unwrap(), TimeDelta::days(7));
        assert_eq!(parse_duration("90s").unwrap(), TimeDelta::seconds(90));
        for bad in [
            "",
            "30",
            "m",
            "-5m",
            "0m",
            "5y",
            "1h30",
            "99999999999999999999s",
            "4000d",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn formatting_round_trips() {
        for s in ["30m", "1h30m", "2d", "45s", "1d2h3m4s"] {
            assert_eq!(format_duration(parse_duration(s).unwrap()), s);
        }
        assert_eq!(format_duration(TimeDelta::zero()), "0s");
        assert_eq!(format_duration(TimeDelta::minutes(-5)), "-5m");
    }
}
