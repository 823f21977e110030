//! Column widths: each column as wide as its content; when that is wider than the screen, the
//! columns that may give way are cut in stages: names (device, user, owner…) to a comfortable
//! width first, then the title to a readable one, then names to their floor, then the title to
//! its floor. Within a stage the widest are cut first, to one common width. Columns that never
//! give way keep their width, so a too-narrow screen gets a long line rather than a cut id.

use super::columns::Give;

/// One stage: the columns of kind `give` may be cut down to `floor`.
const STAGES: [(Give, usize); 4] = [
    (Give::Name, 16),
    (Give::Title, 24),
    (Give::Name, 8),
    (Give::Title, 12),
];

/// The sum of widths plus one space between columns.
pub fn total(widths: &[usize]) -> usize {
    widths.iter().sum::<usize>() + widths.len().saturating_sub(1)
}

/// The widths of columns whose content needs `natural` cells, fitted into `limit` columns
/// when there is one (as far as the stages allow).
pub fn widths(natural: &[usize], give: &[Give], limit: Option<usize>) -> Vec<usize> {
    staged(natural, give, limit, &STAGES)
}

/// True when the columns fit without cutting names below 16 or the title below 24: when they
/// do not, a column that may be left out is better left out.
pub fn fits_comfortably(natural: &[usize], give: &[Give], limit: Option<usize>) -> bool {
    limit.is_none_or(|l| total(&staged(natural, give, Some(l), &STAGES[..2])) <= l)
}

fn staged(
    natural: &[usize],
    give: &[Give],
    limit: Option<usize>,
    stages: &[(Give, usize)],
) -> Vec<usize> {
    let mut out = natural.to_vec();
    let Some(limit) = limit else {
        return out;
    };
    for &(kind, floor) in stages {
        if total(&out) <= limit {
            break;
        }
        let members: Vec<usize> = (0..out.len()).filter(|&i| give[i] == kind).collect();
        let excess = total(&out) - limit;
        cut(&mut out, &members, floor, excess);
    }
    out
}

/// Cuts the `members` of `w` by `excess` cells in all, none below `floor`, the widest first
/// (down to one common cap; the last cell of remainder comes off the leftmost widest).
fn cut(w: &mut [usize], members: &[usize], floor: usize, excess: usize) {
    let room = |w: &[usize]| -> usize { members.iter().map(|&i| w[i].saturating_sub(floor)).sum() };
    let excess = excess.min(room(w));
    if excess == 0 {
        return;
    }
    let before: usize = members.iter().map(|&i| w[i]).sum();
    // The largest cap whose cut is at least `excess`: binary search (the cut shrinks as the cap grows).
    let cut_at = |cap: usize, w: &[usize]| -> usize {
        members
            .iter()
            .map(|&i| w[i].saturating_sub(cap.max(floor)))
            .sum()
    };
    let (mut lo, mut hi) = (floor, members.iter().map(|&i| w[i]).max().unwrap_or(floor));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if cut_at(mid, w) >= excess {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let original: Vec<usize> = members.iter().map(|&i| w[i]).collect();
    for &i in members {
        w[i] = w[i].min(lo.max(floor));
    }
    // The cap may cut a little more than needed (fewer than one cell per cut column): give the
    // surplus back one cell each, left to right.
    let mut surplus =
        (before - members.iter().map(|&i| w[i]).sum::<usize>()).saturating_sub(excess);
    for (&i, orig) in members.iter().zip(original) {
        if surplus == 0 {
            break;
        }
        if orig > w[i] {
            w[i] += 1;
            surplus -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const N: Give = Give::Never;
    const S: Give = Give::Name;
    const T: Give = Give::Title;

    #[test]
    fn content_decides_until_the_screen_is_too_narrow() {
        let give = [N, N, S, T];
        assert_eq!(widths(&[20, 4, 10, 30], &give, None), [20, 4, 10, 30]);
        assert_eq!(widths(&[20, 4, 10, 30], &give, Some(200)), [20, 4, 10, 30]);
        assert_eq!(widths(&[20, 4, 10, 30], &give, Some(67)), [20, 4, 10, 30]);
        // 50 columns: 23 cells left for device (10) and title (30): the title to 24, the device
        // to 8, then the title again.
        assert_eq!(widths(&[20, 4, 10, 30], &give, Some(50)), [20, 4, 8, 15]);
        assert!(!fits_comfortably(&[20, 4, 10, 30], &give, Some(50)));
        assert!(fits_comfortably(&[20, 4, 10, 30], &give, Some(61)));
        // Too narrow for the floors: ids are kept, the rest sits at its floor, the line overflows.
        assert_eq!(widths(&[40, 4, 20, 60], &give, Some(30)), [40, 4, 8, 12]);
    }

    #[test]
    fn names_give_way_before_the_title() {
        // 120 columns, a 40-column id: device and user go to 16 before the title is cut.
        let give = [N, N, N, N, S, S, T];
        let w = widths(&[40, 6, 10, 3, 29, 15, 62], &give, Some(120));
        assert_eq!(total(&w), 120, "{w:?}");
        assert_eq!(w, [40, 6, 10, 3, 16, 15, 24]);
        // Room to spare after the names: the title takes all of it.
        // 160 columns: the device alone gives way, no further than needed.
        let w = widths(&[40, 6, 10, 3, 29, 15, 62], &give, Some(160));
        assert_eq!(w, [40, 6, 10, 3, 18, 15, 62], "{w:?}");
    }

    #[test]
    fn the_cut_is_exact() {
        let give = [S, S, S];
        for limit in 26..=90 {
            let w = widths(&[30, 30, 30], &give, Some(limit));
            assert_eq!(total(&w), limit.max(26), "{limit}: {w:?}");
            let (min, max) = (w.iter().min().unwrap(), w.iter().max().unwrap());
            assert!(max - min <= 1, "{limit}: {w:?}");
        }
    }
}
