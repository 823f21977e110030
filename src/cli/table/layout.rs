//! Column widths: each column as wide as its content, then, if the table is wider than the
//! screen, the columns that may give way are capped at one common width (the widest cut first)
//! until it fits. Columns that never give way keep their width, so the table overflows rather
//! than cut an id.

use super::columns::Give;

/// The widths of columns whose content needs `natural` cells, separated by one space, fitted
/// into `limit` columns when there is one.
pub fn widths(natural: &[usize], give: &[Give], limit: Option<usize>) -> Vec<usize> {
    let gaps = natural.len().saturating_sub(1);
    let total = |w: &[usize]| w.iter().sum::<usize>() + gaps;
    let Some(limit) = limit else {
        return natural.to_vec();
    };
    if total(natural) <= limit {
        return natural.to_vec();
    }
    // The least column width each may keep, and what every cap gives.
    let floor: Vec<usize> = natural
        .iter()
        .zip(give)
        .map(|(n, g)| match g {
            Give::Never => *n,
            Give::Down(min) => (*min).min(*n),
        })
        .collect();
    let capped = |cap: usize| -> Vec<usize> {
        natural
            .iter()
            .zip(&floor)
            .map(|(n, f)| (*n).min(cap.max(*f)))
            .collect()
    };
    // The largest cap that fits (binary search: the total only grows with the cap).
    let (mut lo, mut hi) = (0, natural.iter().copied().max().unwrap_or(0));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if total(&capped(mid)) <= limit {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let mut out = capped(lo);
    // What the common cap leaves over goes to the cut columns, the one with most to show
    // (usually the title) first.
    let mut spare = limit.saturating_sub(total(&out));
    let mut order: Vec<usize> = (0..out.len()).filter(|&i| out[i] < natural[i]).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(natural[i]));
    for i in order {
        let add = spare.min(natural[i] - out[i]);
        out[i] += add;
        spare -= add;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const N: Give = Give::Never;

    #[test]
    fn content_decides_until_the_screen_is_too_narrow() {
        let give = [N, N, Give::Down(8), Give::Down(12)];
        assert_eq!(widths(&[20, 4, 10, 30], &give, None), [20, 4, 10, 30]);
        assert_eq!(widths(&[20, 4, 10, 30], &give, Some(200)), [20, 4, 10, 30]);
        // 80 columns: 20+4+3 gaps leaves 53 for device and title; both fit.
        assert_eq!(widths(&[20, 4, 10, 30], &give, Some(80)), [20, 4, 10, 30]);
        // 50 columns: 23 left for device (10) and title (30); the title gives way.
        let w = widths(&[20, 4, 10, 30], &give, Some(50));
        assert_eq!(w.iter().sum::<usize>() + 3, 50, "{w:?}");
        assert_eq!(&w[..2], [20, 4]);
        assert_eq!(w, [20, 4, 10, 13]);
        // Too narrow for the floors: ids are kept, the rest sits at its floor, the line overflows.
        assert_eq!(widths(&[40, 4, 20, 60], &give, Some(30)), [40, 4, 8, 12]);
    }

    #[test]
    fn the_widest_cut_column_gets_the_spare_room() {
        let give = [Give::Down(8), Give::Down(8), Give::Down(12)];
        let w = widths(&[30, 30, 60], &give, Some(71));
        assert_eq!(w.iter().sum::<usize>() + 2, 71, "{w:?}");
        assert!(w[2] >= w[0] && w[0] == w[1], "{w:?}");
    }
}
