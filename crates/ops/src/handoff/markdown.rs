//! Markdown that attacker-controlled text cannot escape from: every string is sanitised to one
//! line, then every ASCII punctuation character is backslash-escaped (CommonMark allows it for
//! all of them), so no `[link](…)`, `<html>`, `|` cell break, heading, list, emphasis, or
//! autolink (`http:`, `www.`, `a@b`: their trigger characters are escaped) can start inside it.

use mde_text::{sanitize_line, sanitize_multiline};

/// One line of inline text, escaped.
pub fn md(s: &str) -> String {
    escape(&sanitize_line(s).text)
}

/// A multi-line text as a block quote, each line escaped.
pub fn md_quote(s: &str) -> String {
    let text = sanitize_multiline(s).text;
    let mut out = String::new();
    for line in text.lines() {
        out.push_str("> ");
        out.push_str(&escape(line));
        out.push('\n');
    }
    if out.is_empty() {
        out.push_str(">\n");
    }
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A table whose cells are already escaped (pass them through `md`).
pub struct Table {
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column titles.
    pub fn new(header: &[&'static str]) -> Self {
        Table {
            header: header.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Adds a row of escaped cells.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The table, or `_None._` when it has no rows.
    pub fn render(&self) -> String {
        if self.rows.is_empty() {
            return "_None._\n".into();
        }
        let mut out = format!("| {} |\n", self.header.join(" | "));
        out.push_str(&format!("|{}\n", "---|".repeat(self.header.len())));
        for r in &self.rows {
            out.push_str(&format!("| {} |\n", r.join(" | ")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_active_survives() {
        let evil = "[click](http://evil.example) <img src=x onerror=alert(1)> | ## x *b* www.evil.example a@b.example\x1b[31m";
        let s = md(evil);
        for active in ["](", " | ", "http://", "www.", "a@b", "\x1b"] {
            assert!(!s.contains(active), "{active:?} in {s:?}");
        }
        // Every punctuation character that reaches the output is escaped.
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                assert!(
                    chars.next().is_some_and(|n| n.is_ascii_punctuation()),
                    "{s}"
                );
            } else {
                assert!(!c.is_ascii_punctuation(), "unescaped {c:?} in {s}");
            }
        }
        assert!(
            s.starts_with(r"\[click\]\(http\:\/\/evil\.example\)"),
            "{s}"
        );
        let q = md_quote("line one\n# line two\n\x1b]52;c;x\x07");
        assert!(q.starts_with("> line one\n> \\# line two\n"), "{q:?}");
        assert!(!q.contains('\x1b') && !q.contains('\x07'));
    }

    #[test]
    fn tables_have_a_header_and_say_none_when_empty() {
        let mut t = Table::new(&["A", "B"]);
        assert_eq!(t.render(), "_None._\n");
        t.row(vec![md("x|y"), md("z")]);
        assert_eq!(t.render(), "| A | B |\n|---|---|\n| x\\|y | z |\n");
    }
}
