//! Times and ids in the service's own formats: 100 ns ticks, the mix of fractional-second
//! precisions the API really sends, and alert ids built from .NET ticks.

use crate::rng::Rng;
use chrono::DateTime;
use mde_model::Timestamp;

/// 100 ns ticks per second.
pub const TICKS_PER_SEC: i64 = 10_000_000;
/// Ticks per minute.
pub const MINUTE: i64 = 60 * TICKS_PER_SEC;
/// Ticks per hour.
pub const HOUR: i64 = 60 * MINUTE;
/// Ticks per day.
pub const DAY: i64 = 24 * HOUR;
/// .NET ticks (since 0001-01-01) at the Unix epoch; alert ids embed .NET ticks.
const DOTNET_EPOCH: i64 = 621_355_968_000_000_000;

/// Ticks since the Unix epoch of a timestamp.
pub fn ticks_of(t: &Timestamp) -> i64 {
    t.0.timestamp() * TICKS_PER_SEC + i64::from(t.0.timestamp_subsec_nanos() / 100)
}

/// The timestamp at `ticks` since the Unix epoch.
pub fn at(ticks: i64) -> Timestamp {
    let secs = ticks.div_euclid(TICKS_PER_SEC);
    let nanos = (ticks.rem_euclid(TICKS_PER_SEC) * 100) as u32;
    // Generated instants lie within days of the caller's `end`, which is a valid time.
    Timestamp(DateTime::from_timestamp(secs, nanos).unwrap_or_default())
}

/// How many fractional digits a stored time shows on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// All seven digits (`.7220239`): alertCreationTime, event and process times.
    Ticks,
    /// The mix `lastUpdateTime` and evidence times show: 1–3 digits, `.xxx3333`/`.xxx6667`
    /// (SQL `datetime` rounding), or none.
    Stored,
}

/// `ticks` shown at the given precision. `Ticks` moves the instant by at most one tick (so
/// order between distinct instants is kept); `Stored` redraws the sub-second part within the
/// same second, so callers keep such times at least a second away from times they must follow.
pub fn with_precision(rng: &mut Rng, ticks: i64, p: Precision) -> Timestamp {
    let sec = ticks - ticks.rem_euclid(TICKS_PER_SEC);
    let frac = match p {
        // A non-zero last digit keeps all seven digits after `to_wire` trims zeros.
        Precision::Ticks => {
            let f = ticks.rem_euclid(TICKS_PER_SEC);
            if f % 10 == 0 { f + 1 } else { f }
        }
        Precision::Stored => match rng.weighted(&[45, 40, 15]) {
            0 => {
                let digits = rng.range(1, 3) as u32;
                let scale = 10i64.pow(digits);
                let mut v = rng.range(1, scale as u64 - 1) as i64;
                if v % 10 == 0 {
                    v += 1;
                }
                v * (TICKS_PER_SEC / scale)
            }
            1 => rng.below(1000) as i64 * 10_000 + if rng.chance(0.5) { 3333 } else { 6667 },
            _ => 0,
        },
    };
    at(sec + frac)
}

/// An alert id in one of the service's formats, built from its creation time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdFormat {
    /// `da637472900382838869_1364969609` (suffix a signed 32-bit number).
    Detection,
    /// `ar638180599315648136_73827727` (automated investigation).
    Investigation,
    /// `da0c7e089d-5ff6-4e04-8000-17f4e35fa783_1`.
    Guid,
}

/// Formats an alert id created at `ticks`.
pub fn alert_id(rng: &mut Rng, format: IdFormat, ticks: i64) -> String {
    let dotnet = ticks + DOTNET_EPOCH;
    match format {
        IdFormat::Detection => format!("da{dotnet:018}_{}", rng.next_u64() as u32 as i32),
        IdFormat::Investigation => {
            format!("ar{dotnet:018}_{}", (rng.next_u64() as u32 & 0x7FFF_FFFF))
        }
        IdFormat::Guid => format!("da{}_1", rng.guid()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(t: &Timestamp) -> usize {
        let w = t.to_wire();
        w.split_once('.')
            .map_or(0, |(_, f)| f.trim_end_matches('Z').len())
    }

    #[test]
    fn ticks_round_trip() {
        let t = Timestamp::parse("2021-01-26T20:33:57.7220239Z").expect("valid");
        assert_eq!(at(ticks_of(&t)), t);
    }

    #[test]
    fn precisions_match_the_service_mix() {
        let mut rng = Rng::new(9);
        let base = ticks_of(&Timestamp::parse("2026-11-01T10:00:00Z").expect("valid"));
        for _ in 0..200 {
            assert_eq!(digits(&with_precision(&mut rng, base, Precision::Ticks)), 7);
        }
        let mut seen = [0usize; 8];
        for _ in 0..2000 {
            let t = with_precision(&mut rng, base + 12_345_678, Precision::Stored);
            assert_eq!(
                t.0.timestamp(),
                (base + 12_345_678) / TICKS_PER_SEC,
                "same second"
            );
            let d = digits(&t);
            seen[d] += 1;
            if d == 7 {
                let w = t.to_wire();
                assert!(w.ends_with("3333Z") || w.ends_with("6667Z"), "{w}");
            }
        }
        assert!(seen[0] > 0 && seen[1] > 0 && seen[2] > 0 && seen[3] > 0 && seen[7] > 0);
        assert_eq!(seen[4] + seen[5] + seen[6], 0, "{seen:?}");
    }

    #[test]
    fn id_formats() {
        let mut rng = Rng::new(2);
        let t = ticks_of(&Timestamp::parse("2021-01-26T20:33:58.2838869Z").expect("valid"));
        let id = alert_id(&mut rng, IdFormat::Detection, t);
        assert!(id.starts_with("da637472900382838869_"), "{id}");
        let suffix: i64 = id
            .rsplit('_')
            .next()
            .and_then(|s| s.parse().ok())
            .expect("n");
        assert!(i64::from(i32::MIN) <= suffix && suffix <= i64::from(i32::MAX));
        assert!(alert_id(&mut rng, IdFormat::Investigation, t).starts_with("ar6374729"));
        let g = alert_id(&mut rng, IdFormat::Guid, t);
        assert!(
            g.starts_with("da") && g.ends_with("_1") && g.len() == 2 + 36 + 2,
            "{g}"
        );
    }
}
