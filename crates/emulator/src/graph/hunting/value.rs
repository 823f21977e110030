//! Runtime values of the KQL subset and their types: table cells plus timespans (which exist
//! only inside expressions), compared the way KQL compares them.

use mde_model::Timestamp;
use mde_model::graph::{Cell, ColumnType};
use std::cmp::Ordering;

/// A value.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// No value.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Long(i64),
    /// A real.
    Real(f64),
    /// A string.
    Str(String),
    /// A time.
    Time(Timestamp),
    /// A timespan, in 100 ns ticks.
    Span(i64),
    /// A dynamic (JSON) value.
    Json(serde_json::Value),
}

/// A value's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// `bool`.
    Bool,
    /// `long`.
    Long,
    /// `real`.
    Real,
    /// `string`.
    Str,
    /// `datetime`.
    Time,
    /// `timespan`.
    Span,
    /// `dynamic`.
    Dynamic,
}

impl Ty {
    /// KQL's name for it (in error messages).
    pub fn name(self) -> &'static str {
        match self {
            Ty::Bool => "bool",
            Ty::Long => "long",
            Ty::Real => "real",
            Ty::Str => "string",
            Ty::Time => "datetime",
            Ty::Span => "timespan",
            Ty::Dynamic => "dynamic",
        }
    }

    /// The type of a column.
    pub fn of_column(c: &ColumnType) -> Ty {
        match c {
            ColumnType::DateTime => Ty::Time,
            ColumnType::Long => Ty::Long,
            ColumnType::Real => Ty::Real,
            ColumnType::Bool => Ty::Bool,
            ColumnType::Dynamic => Ty::Dynamic,
            ColumnType::Timespan => Ty::Span,
            _ => Ty::Str,
        }
    }

    /// The column type a projected value of this type gets.
    pub fn column(self) -> ColumnType {
        match self {
            Ty::Bool => ColumnType::Bool,
            Ty::Long => ColumnType::Long,
            Ty::Real => ColumnType::Real,
            Ty::Str => ColumnType::String,
            Ty::Time => ColumnType::DateTime,
            Ty::Span => ColumnType::Timespan,
            Ty::Dynamic => ColumnType::Dynamic,
        }
    }

    /// True when values of the two types can be compared.
    pub fn comparable(self, other: Ty) -> bool {
        self == other || (self.numeric() && other.numeric())
    }

    /// `long` or `real`.
    pub fn numeric(self) -> bool {
        matches!(self, Ty::Long | Ty::Real)
    }
}

impl Val {
    /// A table cell as a value.
    pub fn from_cell(c: &Cell) -> Val {
        match c {
            Cell::Null => Val::Null,
            Cell::Bool(b) => Val::Bool(*b),
            Cell::Long(n) => Val::Long(*n),
            Cell::Real(r) => Val::Real(*r),
            Cell::Str(s) => Val::Str(s.clone()),
            Cell::Time(t) => Val::Time(*t),
            Cell::Json(v) => Val::Json(v.clone()),
        }
    }

    /// The value as a result cell (a timespan is written as its .NET text, `01:00:00`).
    pub fn into_cell(self) -> Cell {
        match self {
            Val::Null => Cell::Null,
            Val::Bool(b) => Cell::Bool(b),
            Val::Long(n) => Cell::Long(n),
            Val::Real(r) => Cell::Real(r),
            Val::Str(s) => Cell::Str(s),
            Val::Time(t) => Cell::Time(t),
            Val::Span(t) => Cell::Str(span_text(t)),
            Val::Json(v) => Cell::Json(v),
        }
    }

    /// The text, for string operators (null is the empty string, as KQL strings have no null).
    pub fn text(&self) -> Option<&str> {
        match self {
            Val::Str(s) => Some(s),
            Val::Null => Some(""),
            _ => None,
        }
    }
}

/// `[-][d.]hh:mm:ss[.fffffff]`.
pub fn span_text(ticks: i64) -> String {
    let sign = if ticks < 0 { "-" } else { "" };
    let t = ticks.unsigned_abs();
    let secs = t / 10_000_000;
    let frac = t % 10_000_000;
    let (d, h, m, s) = (secs / 86_400, secs / 3600 % 24, secs / 60 % 60, secs % 60);
    let mut out = String::from(sign);
    if d > 0 {
        out.push_str(&format!("{d}."));
    }
    out.push_str(&format!("{h:02}:{m:02}:{s:02}"));
    if frac > 0 {
        out.push_str(&format!(".{frac:07}"));
    }
    out
}

/// Orders two values of comparable types; None when either is null or they cannot be compared.
pub fn compare(a: &Val, b: &Val) -> Option<Ordering> {
    match (a, b) {
        (Val::Long(x), Val::Long(y)) => Some(x.cmp(y)),
        (Val::Long(x), Val::Real(y)) => (*x as f64).partial_cmp(y),
        (Val::Real(x), Val::Long(y)) => x.partial_cmp(&(*y as f64)),
        (Val::Real(x), Val::Real(y)) => x.partial_cmp(y),
        (Val::Str(x), Val::Str(y)) => Some(x.cmp(y)),
        (Val::Time(x), Val::Time(y)) => Some(x.cmp(y)),
        (Val::Span(x), Val::Span(y)) => Some(x.cmp(y)),
        (Val::Bool(x), Val::Bool(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

/// Orders two result cells for `order by` (nulls sort first).
pub fn compare_cells(a: &Cell, b: &Cell) -> Ordering {
    match (a, b) {
        (Cell::Null, Cell::Null) => Ordering::Equal,
        (Cell::Null, _) => Ordering::Less,
        (_, Cell::Null) => Ordering::Greater,
        _ => compare(&Val::from_cell(a), &Val::from_cell(b)).unwrap_or(Ordering::Equal),
    }
}

/// KQL's `has`: `needle` is a whole term of `hay` (bounded by non-alphanumerics), any case.
pub fn has_term(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let h = hay.to_lowercase();
    let n = needle.to_lowercase();
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    let mut from = 0;
    while let Some(at) = h[from..].find(&n) {
        let start = from + at;
        let end = start + n.len();
        if boundary(h[..start].chars().next_back()) && boundary(h[end..].chars().next()) {
            return true;
        }
        from = start + h[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_matches_whole_terms_only() {
        assert!(has_term("powershell.exe -enc AAA", "powershell"));
        assert!(has_term("C:\\Windows\\System32\\cmd.exe", "System32"));
        assert!(has_term("a b", ""));
        assert!(!has_term("powershell.exe", "power"));
        assert!(!has_term("xpowershell", "powershell"));
        assert!(has_term("Ünïcode wörd", "WÖRD"));
    }

    #[test]
    fn spans_print_like_dotnet() {
        assert_eq!(span_text(36_000_000_000), "01:00:00");
        assert_eq!(
            span_text(864_000_000_000 + 10_000_001),
            "1.00:00:01.0000001"
        );
        assert_eq!(span_text(-10_000_000), "-00:00:01");
    }

    #[test]
    fn comparisons_follow_types() {
        assert_eq!(
            compare(&Val::Long(2), &Val::Real(1.5)),
            Some(Ordering::Greater)
        );
        assert_eq!(compare(&Val::Str("a".into()), &Val::Long(1)), None);
        assert_eq!(compare(&Val::Null, &Val::Null), None);
        assert_eq!(compare_cells(&Cell::Null, &Cell::Long(1)), Ordering::Less);
    }
}
