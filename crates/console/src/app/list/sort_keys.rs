//! Sorting the list without re-reading the rows per comparison: each row's key is read once
//! into a compact array — the primary key (for text, the rank of its value among the distinct
//! values, which are few: titles, devices, owners repeat), the creation time, the severity
//! rank — and that is sorted; only rows whose keys all tie go back to the rows for the id
//! (`SortSpec::compare` order exactly). A sort of 100,000 rows by title used to compare
//! lower-cased characters one by one through the rows, seconds per sort.

use super::sort::{SortKey, SortSpec, cmp_ci};
use mde_model::{AlertRow, Timestamp};
use std::cmp::Ordering;
use std::collections::HashMap;

#[derive(Clone, Copy)]
struct Keyed {
    primary: (u64, u64),
    created: (u64, u64),
    rank: u8,
    idx: u32,
}

/// Sorts `order` (indices into `rows`) in `spec` order.
pub(super) fn sort(spec: &SortSpec, rows: &[AlertRow], order: &mut [u32]) {
    let ranks = text_ranks(spec.key, rows);
    let mut keyed: Vec<Keyed> = order
        .iter()
        .map(|&idx| {
            let r = &rows[idx as usize];
            Keyed {
                primary: match &ranks {
                    Some(ranks) => ranks[idx as usize],
                    None => primary(spec.key, r),
                },
                created: time_key(r.created),
                rank: r.severity.rank(),
                idx,
            }
        })
        .collect();
    keyed.sort_unstable_by(|x, y| {
        let o = x.primary.cmp(&y.primary);
        let o = if spec.descending { o.reverse() } else { o };
        o.then(y.created.cmp(&x.created))
            .then(y.rank.cmp(&x.rank))
            .then_with(|| rows[x.idx as usize].id.cmp(&rows[y.idx as usize].id))
    });
    for (slot, k) in order.iter_mut().zip(keyed) {
        *slot = k.idx;
    }
}

/// The key of a numeric primary (text keys are ranked by `text_ranks`).
fn primary(key: SortKey, r: &AlertRow) -> (u64, u64) {
    match key {
        SortKey::Severity => (u64::from(r.severity.rank()), 0),
        SortKey::Created => time_key(r.created),
        SortKey::Updated => time_key(r.last_update),
        SortKey::Incident => r
            .incident_id
            .map_or((0, 0), |n| (1, (n as u64) ^ (1 << 63))),
        _ => (0, 0),
    }
}

/// For a text key, per row: `(0, 0)` when absent, else `(1, rank)` where equal texts (case
/// aside; the status compares as spelled) share a rank. None for a numeric key.
fn text_ranks(key: SortKey, rows: &[AlertRow]) -> Option<Vec<(u64, u64)>> {
    let get: fn(&AlertRow) -> Option<&str> = match key {
        SortKey::Status => |r| Some(r.status.as_str()),
        SortKey::Title => |r| Some(r.title.as_str()),
        SortKey::Device => |r| r.device.as_deref(),
        SortKey::User => |r| r.user.as_deref(),
        SortKey::AssignedTo => |r| r.assigned_to.as_deref(),
        SortKey::Category => |r| r.category.as_deref(),
        _ => return None,
    };
    let mut slot: HashMap<&str, u32> = HashMap::new();
    let per_row: Vec<Option<u32>> = rows
        .iter()
        .map(|r| {
            get(r).map(|v| {
                let n = slot.len() as u32;
                *slot.entry(v).or_insert(n)
            })
        })
        .collect();
    let mut distinct: Vec<(&str, u32)> = slot.into_iter().collect();
    let cmp = |a: &str, b: &str| {
        if key == SortKey::Status {
            a.cmp(b)
        } else {
            cmp_ci(a, b)
        }
    };
    distinct.sort_unstable_by(|a, b| cmp(a.0, b.0));
    let mut rank_of = vec![0u64; distinct.len()];
    let mut rank = 0u64;
    for (i, (v, s)) in distinct.iter().enumerate() {
        if i > 0 && cmp(distinct[i - 1].0, v) != Ordering::Equal {
            rank += 1;
        }
        rank_of[*s as usize] = rank;
    }
    Some(
        per_row
            .into_iter()
            .map(|s| s.map_or((0, 0), |s| (1, rank_of[s as usize])))
            .collect(),
    )
}

/// Absent first, then by time (seconds, then nanoseconds).
fn time_key(t: Option<Timestamp>) -> (u64, u64) {
    t.map_or((0, 0), |t| {
        (
            (t.0.timestamp() as u64) ^ (1 << 63),
            u64::from(t.0.timestamp_subsec_nanos()) + 1,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::{Alert, Severity, Status};

    fn rows() -> Vec<AlertRow> {
        let titles = [
            "b",
            "A",
            "alpha beta gamma",
            "Alpha beta delta",
            "Ärger",
            "ärger2",
            "",
            "zeta",
        ];
        (0..64)
            .map(|i| {
                let mut a = Alert::new(format!("da{:02}", 63 - i), titles[i % titles.len()]);
                a.severity = [Severity::High, Severity::Low, Severity::Medium][i % 3].clone();
                a.status = [
                    Status::New,
                    Status::InProgress,
                    Status::Unrecognized("zz".into()),
                ][i % 3]
                    .clone();
                a.alert_creation_time = (i % 5 != 0).then(|| {
                    Timestamp::parse(&format!("2024-01-0{}T00:00:00.{}Z", 1 + i % 4, i % 2))
                        .unwrap()
                });
                a.computer_dns_name = (i % 4 != 0).then(|| format!("WS-{}", i % 6));
                a.incident_id = (i % 7 != 0).then_some((i as i64 % 5) - 2);
                AlertRow::from_alert(&a)
            })
            .collect()
    }

    #[test]
    fn the_keyed_sort_is_the_compare_order() {
        let rows = rows();
        for &key in SortKey::ALL {
            for descending in [false, true] {
                let spec = SortSpec { key, descending };
                let mut fast: Vec<u32> = (0..rows.len() as u32).collect();
                sort(&spec, &rows, &mut fast);
                let mut slow: Vec<u32> = (0..rows.len() as u32).collect();
                slow.sort_by(|&a, &b| spec.compare(&rows[a as usize], &rows[b as usize]));
                assert_eq!(fast, slow, "{key:?} descending={descending}");
            }
        }
    }
}
