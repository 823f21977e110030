//! Display-width-aware truncation and padding. Every function here sanitises too, so a raw API
//! value can be handed straight in; only a prefix of a long value is ever examined, so a
//! 100,000-character command line costs what is shown, not what it holds.

use super::sanitize::{is_clean_ascii, sanitize_line, sanitize_prefix};
use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The ellipsis that marks a cut.
pub const ELLIPSIS: char = '…';

/// Display width in terminal columns, measured the way ratatui's buffer measures it.
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Sanitised single-line text, at most `max_cols` wide, ending in `…` when cut.
pub fn truncate(s: &str, max_cols: usize) -> Cow<'_, str> {
    cut(s, max_cols, false)
}

/// Like [`truncate`] but a cut shows how much is hidden: `powershell -enc SQB…(+49,980 chars)`.
pub fn bounded(s: &str, max_cols: usize) -> Cow<'_, str> {
    cut(s, max_cols, true)
}

/// Sanitised single-line text exactly `cols` wide: truncated, then padded with spaces.
pub fn fit(s: &str, cols: usize) -> Cow<'_, str> {
    let t = truncate(s, cols);
    let w = width(&t);
    if w >= cols {
        return t;
    }
    let mut owned = t.into_owned();
    owned.extend(std::iter::repeat_n(' ', cols - w));
    Cow::Owned(owned)
}

/// Pads (never truncates) already-safe text on the left to `cols` (numbers in columns).
pub fn pad_left(s: &str, cols: usize) -> String {
    let w = width(s);
    let mut out = String::with_capacity(s.len() + cols.saturating_sub(w));
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out.push_str(s);
    out
}

fn cut(s: &str, max_cols: usize, with_count: bool) -> Cow<'_, str> {
    if s.len() <= max_cols && is_clean_ascii(s) {
        return Cow::Borrowed(s);
    }
    if max_cols == 0 {
        return Cow::Borrowed("");
    }
    // Sanitise somewhat more than fits: widths of sequences can differ from their parts.
    let prefix = sanitize_prefix(s, max_cols.saturating_mul(2).saturating_add(8));
    if prefix.complete && width(&prefix.text) <= max_cols {
        return match sanitize_line(s).text {
            Cow::Borrowed(b) => Cow::Borrowed(b),
            Cow::Owned(_) => Cow::Owned(prefix.text),
        };
    }
    // Budget for the suffix from the largest count it could show (the byte length); the real
    // count is smaller, so its suffix is never wider.
    let mut suffix_budget = 1;
    if with_count {
        let widest = count_suffix(s.len());
        if widest.chars().count() < max_cols {
            suffix_budget = widest.chars().count();
        }
    }
    let budget = max_cols - suffix_budget;
    let mut end = 0;
    let mut used = 0;
    for (i, g) in prefix.text.grapheme_indices(true) {
        let w = UnicodeWidthStr::width(g);
        if used + w > budget {
            break;
        }
        used += w;
        end = i + g.len();
    }
    // Cut on a raw-character boundary so the hidden count is exact.
    let mut cps = prefix.checkpoints.iter().rev().filter(|(o, _)| *o <= end);
    let (mut out_len, mut raw) = cps.next().copied().unwrap_or((0, 0));
    while width(&prefix.text[..out_len]) > budget {
        match cps.next() {
            Some(&(o, r)) => (out_len, raw) = (o, r),
            None => (out_len, raw) = (0, 0),
        }
    }
    let mut out = String::with_capacity(out_len + 24);
    out.push_str(&prefix.text[..out_len]);
    if suffix_budget > 1 {
        // std counts characters a word at a time: the one O(length) step, microseconds at 100k.
        out.push_str(&count_suffix(s[raw..].chars().count()));
    } else {
        out.push(ELLIPSIS);
    }
    Cow::Owned(out)
}

fn count_suffix(hidden: usize) -> String {
    format!("{ELLIPSIS}(+{} chars)", group_thousands(hidden))
}

/// `49980` → `49,980`.
pub fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ascii_is_borrowed() {
        assert!(matches!(truncate("cmd.exe", 10), Cow::Borrowed("cmd.exe")));
        assert!(matches!(fit("cmd.exe", 7), Cow::Borrowed("cmd.exe")));
    }

    #[test]
    fn ascii_cut_with_ellipsis() {
        assert_eq!(truncate("powershell.exe", 8), "powersh…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("abcdef", 1), "…");
    }

    #[test]
    fn cjk_never_overflows_the_column() {
        let t = truncate("東京都庁舎サーバー", 7);
        assert_eq!(t, "東京都…");
        assert!(width(&t) <= 7);
        assert_eq!(width(&fit("東京都庁舎サーバー", 8)), 8);
        assert_eq!(fit("東", 4), "東  ");
    }

    #[test]
    fn emoji_sequences_measured_whole() {
        let family = "👨\u{200d}👩\u{200d}👧 team";
        let t = truncate(family, 10);
        assert!(width(&t) <= 10, "{t}");
        assert!(!t.contains('\u{200d}'));
        let thumbs = "👍🏽👍🏽👍🏽👍🏽";
        assert!(width(&truncate(thumbs, 5)) <= 5);
    }

    #[test]
    fn hostile_text_is_sanitised_while_cut() {
        let t = truncate("a\x1b]52;c;SGVsbG8=\x07 and more", 12);
        assert_eq!(t, "a␛]52;c;SGV…");
    }

    #[test]
    fn long_value_shows_hidden_count() {
        let long = format!("powershell -enc {}", "A".repeat(49_996));
        let b = bounded(&long, 40);
        assert!(b.starts_with("powershell -enc AAAA"), "{b}");
        assert!(b.ends_with(" chars)"));
        assert!(width(&b) <= 40);
        let shown = b.split('…').next().unwrap_or("").chars().count();
        assert_eq!(
            b,
            format!(
                "{}…(+{} chars)",
                &long[..shown],
                group_thousands(50_012 - shown)
            )
        );
    }

    #[test]
    fn bounded_falls_back_to_plain_ellipsis_when_narrow() {
        assert_eq!(bounded(&"x".repeat(1000), 5), "xxxx…");
    }

    #[test]
    fn thousands() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(49_980), "49,980");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
    }
}
