//! CSV export cells: sanitised, quoted per RFC 4180, and neutralised against spreadsheet
//! formula injection (a cell starting with `=`, `+`, `-`, `@`, tab or CR runs as a formula).

use super::sanitize::sanitize_line;
use std::borrow::Cow;

/// Characters that make a spreadsheet read a cell as a formula (full-width forms included:
/// some spreadsheet programs normalise them).
fn is_formula_start(c: char) -> bool {
    matches!(
        c,
        '=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠'
    )
}

/// One CSV cell: the value sanitised to one line (controls and tricks made visible), prefixed
/// with `'` when it would start a formula, quoted when it needs to be.
pub fn csv_cell(raw: &str) -> Cow<'_, str> {
    let neutralise = raw.chars().next().is_some_and(is_formula_start)
        || raw
            .trim_start()
            .chars()
            .next()
            .is_some_and(is_formula_start);
    let text = sanitize_line(raw).text;
    let needs_quotes =
        text.contains([',', '"', ';']) || text.starts_with(' ') || text.ends_with(' ');
    if !neutralise && !needs_quotes {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 4);
    out.push('"');
    if neutralise {
        out.push('\'');
    }
    out.push_str(&text.replace('"', "\"\""));
    out.push('"');
    Cow::Owned(out)
}

/// One CSV record (cells joined by commas, ending in CRLF as RFC 4180 asks).
pub fn csv_row<S: AsRef<str>>(fields: &[S]) -> String {
    let mut out = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&csv_cell(f.as_ref()));
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(csv_cell("=cmd|' /C calc'!A0"), "\"'=cmd|' /C calc'!A0\"");
        assert_eq!(csv_cell("@SUM(1+1)"), "\"'@SUM(1+1)\"");
        assert_eq!(csv_cell("+1"), "\"'+1\"");
        assert_eq!(csv_cell("-2+3"), "\"'-2+3\"");
        assert_eq!(csv_cell("\t=1"), "\"'    =1\"");
        assert_eq!(csv_cell("  =1"), "\"'  =1\"");
        assert_eq!(csv_cell("＝1"), "\"'＝1\"");
    }

    #[test]
    fn quoting() {
        assert!(matches!(csv_cell("plain"), Cow::Borrowed("plain")));
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(
            csv_row(&["a", "b,c", "line1\nline2"]),
            "a,\"b,c\",line1⏎line2\r\n"
        );
    }

    #[test]
    fn escapes_never_reach_the_file() {
        assert_eq!(csv_cell("x\x1b[2Jy"), "x␛[2Jy");
    }
}
