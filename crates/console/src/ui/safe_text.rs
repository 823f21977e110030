//! The only road from API text to a `Span`: sanitise first (`mde_text`), then fit to a
//! display width. ratatui's List/Table/Block paths pass bidi and zero-width characters to the
//! terminal, so nothing from an alert may skip this module.

use mde_text::Flags;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::borrow::Cow;

/// The badge shown on a row or node whose text carried a trick.
pub const BADGE: &str = "⚠";

/// A single-line API value made safe, with what the sanitiser found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafeLine {
    /// Printable text, fitted to the width asked for.
    pub text: String,
    /// The sanitiser's findings for the whole value.
    pub flags: Flags,
}

/// Sanitises a single-line value and fits it in `max_cols` columns, ending in `…` when cut.
/// Only the shown prefix is sanitised for display (`mde_text::width`); the findings cover
/// the whole value, so a trick past the cut still badges the row.
pub fn fit_line(raw: &str, max_cols: usize) -> SafeLine {
    SafeLine {
        text: mde_text::truncate(raw, max_cols).into_owned(),
        flags: mde_text::inspect(raw),
    }
}

/// Like [`fit_line`], but a cut value says how much was left out: `abc…(+99,950 chars)`.
/// Used for long values (command lines, registry data) in the tree and the detail.
pub fn bounded_line(raw: &str, max_cols: usize) -> SafeLine {
    SafeLine {
        text: mde_text::bounded(raw, max_cols).into_owned(),
        flags: mde_text::inspect(raw),
    }
}

/// Sanitises a multi-line value (description, comment) into owned lines, each bounded to
/// `max_cols` with its length shown: a pane never wraps a 100,000-character line (the value
/// view is there for that), and only the shown prefix of each line is sanitised.
pub fn safe_lines(raw: &str, max_cols: usize) -> (Vec<String>, Flags) {
    let lines = raw
        .split('\n')
        .map(|l| mde_text::bounded(l.strip_suffix('\r').unwrap_or(l), max_cols).into_owned())
        .collect();
    (lines, mde_text::inspect(raw))
}

/// A styled span of a sanitised, fitted value.
pub fn span(raw: &str, max_cols: usize, style: Style) -> Span<'static> {
    Span::styled(fit_line(raw, max_cols).text, style)
}

/// `label: value` as a line, value sanitised and bounded, with the badge when flagged.
pub fn field_line(
    label: &str,
    raw: Option<&str>,
    max_cols: usize,
    label_style: Style,
    warn_style: Style,
) -> Line<'static> {
    let label_cols = width(label) + 2;
    let mut spans = vec![Span::styled(format!("{label}: "), label_style)];
    match raw {
        Some(v) => {
            let room = max_cols.saturating_sub(label_cols + 2);
            let s = bounded_line(v, room);
            if s.flags.any() {
                spans.push(Span::styled(format!("{BADGE} "), warn_style));
            }
            spans.push(Span::raw(s.text));
        }
        None => spans.push(Span::styled("-", label_style)),
    }
    Line::from(spans)
}

/// Display width of already-safe text, by grapheme as ratatui's buffer measures it.
pub fn width(s: &str) -> usize {
    mde_text::width::width(s)
}

/// Fits already-safe text in `max_cols` columns; a cut ends in `…`. Wide characters and
/// grapheme clusters are never split, so borders and columns stay aligned.
pub fn fit(s: &str, max_cols: usize) -> Cow<'_, str> {
    mde_text::truncate(s, max_cols)
}

/// `99950` → `99,950`.
pub use mde_text::width::group_thousands;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_respects_display_width_and_never_splits_wide_chars() {
        assert_eq!(fit("hello", 5), "hello");
        assert_eq!(fit("hello world", 6), "hello…");
        // Each CJK char is two columns: 3 chars = 6 cols; fitting in 6 keeps them all,
        // in 5 keeps one char (2) + "…" since a second would overflow.
        assert_eq!(fit("漢字漢", 6), "漢字漢");
        assert_eq!(width(&fit("漢字漢字", 5)), 5);
        assert_eq!(fit("漢字漢字", 5), "漢字…");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn long_values_are_bounded_with_their_length() {
        let long = "A".repeat(100_000);
        let s = bounded_line(&long, 40);
        assert!(width(&s.text) <= 40, "{}", s.text);
        assert!(s.text.ends_with(" chars)"), "{}", s.text);
        let shown = s.text.chars().take_while(|c| *c == 'A').count();
        let expect = format!("…(+{} chars)", group_thousands(100_000 - shown));
        assert!(s.text.ends_with(&expect), "{}", s.text);
        assert_eq!(bounded_line("short", 40).text, "short");
    }

    #[test]
    fn control_characters_never_survive() {
        let s = fit_line("evil\x1b]52;c;aGk=\x07title\x1b[2J", 80);
        assert!(!s.text.chars().any(char::is_control), "{:?}", s.text);
        assert!(s.flags.any());
        let (lines, flags) = safe_lines("one\r\ntwo\x1b[31m", 80);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], "one");
        let (long, _) = safe_lines(&"x".repeat(100_000), 200);
        assert!(
            long[0].ends_with(" chars)") && width(&long[0]) <= 200,
            "{}",
            long[0]
        );
        assert!(flags.control);
        assert!(!lines.concat().chars().any(char::is_control));
    }
}
