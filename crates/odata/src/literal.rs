//! OData literals: the only way a value enters a `$filter`. Strings and enum names are quoted
//! with `'` doubled; datetimes (ISO-8601 UTC, `Z`) and numbers are bare.

use mde_model::{Severity, Status, Timestamp};
use std::fmt::{self, Write};

/// A literal value. Strings and enum names are quoted; datetimes and numbers are bare.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// A string, quoted with `'` doubled.
    Str(String),
    /// A datetime, unquoted ISO-8601 UTC with `Z`.
    DateTime(Timestamp),
    /// A number.
    Int(i64),
    /// `null` (e.g. `assignedTo eq null` for unassigned alerts).
    Null,
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Str(s) => {
                f.write_char('\'')?;
                for part in s.split('\'').enumerate() {
                    if part.0 > 0 {
                        f.write_str("''")?;
                    }
                    f.write_str(part.1)?;
                }
                f.write_char('\'')
            }
            Literal::DateTime(t) => f.write_str(&t.to_wire()),
            Literal::Int(n) => write!(f, "{n}"),
            Literal::Null => f.write_str("null"),
        }
    }
}

impl From<&str> for Literal {
    fn from(s: &str) -> Self {
        Literal::Str(s.to_string())
    }
}
impl From<String> for Literal {
    fn from(s: String) -> Self {
        Literal::Str(s)
    }
}
impl From<&String> for Literal {
    fn from(s: &String) -> Self {
        Literal::Str(s.clone())
    }
}
impl From<Timestamp> for Literal {
    fn from(t: Timestamp) -> Self {
        Literal::DateTime(t)
    }
}
impl From<i64> for Literal {
    fn from(n: i64) -> Self {
        Literal::Int(n)
    }
}
impl From<Severity> for Literal {
    fn from(s: Severity) -> Self {
        Literal::Str(s.as_str().to_string())
    }
}
impl From<&Severity> for Literal {
    fn from(s: &Severity) -> Self {
        Literal::Str(s.as_str().to_string())
    }
}
impl From<Status> for Literal {
    fn from(s: Status) -> Self {
        Literal::Str(s.as_str().to_string())
    }
}
impl From<&Status> for Literal {
    fn from(s: &Status) -> Self {
        Literal::Str(s.as_str().to_string())
    }
}
