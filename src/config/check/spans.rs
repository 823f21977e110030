//! From a key path to where it is written, and from a byte offset to line and column.

use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The span of the value at `path`, or of the deepest part of it that exists (a missing key is
/// reported where its table is).
pub fn span_of(doc: &Spanned<DeTable<'_>>, path: &[String]) -> Range<usize> {
    let mut table = doc.get_ref();
    let mut span = 0..0;
    for (i, seg) in path.iter().enumerate() {
        let Some((k, v)) = table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == seg.as_str())
        else {
            break;
        };
        // The last segment points at its value; a table header's value span is the header.
        span = if i + 1 == path.len() {
            v.span()
        } else {
            k.span()
        };
        match v.get_ref() {
            DeValue::Table(t) => table = t,
            _ => break,
        }
    }
    span
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// A key path as TOML writes it: `profiles.prod.sla`, quoting segments that need it.
pub fn dotted(path: &[String]) -> String {
    let mut out = String::new();
    for seg in path {
        if seg.starts_with('[') {
            out.push_str(seg);
            continue;
        }
        if !out.is_empty() {
            out.push('.');
        }
        let bare = !seg.is_empty()
            && seg
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if bare {
            out.push_str(seg);
        } else {
            out.push_str(&format!("{seg:?}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_columns_and_paths() {
        let text = "a = 1\n[profiles.\"prod.eu\"]\ntenant_id = \"t\"\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        let doc = DeTable::parse(text).unwrap();
        let path: Vec<String> = ["profiles", "prod.eu", "tenant_id"]
            .map(String::from)
            .to_vec();
        let span = span_of(&doc, &path);
        assert_eq!(line_col(text, span.start), (3, 13));
        assert_eq!(dotted(&path), "profiles.\"prod.eu\".tenant_id");
        let missing: Vec<String> = ["profiles", "prod.eu", "nope"].map(String::from).to_vec();
        assert_eq!(line_col(text, span_of(&doc, &missing).start).0, 2);
    }
}
