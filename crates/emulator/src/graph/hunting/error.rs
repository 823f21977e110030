//! Why a hunting query gets no answer: the service's 400s ("Fix syntax errors in your query"
//! for what does not parse — including everything outside the emulator's KQL subset — and a
//! semantic error for a name or type that does not resolve), or a limit.

use std::fmt;

/// A refused query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KqlError {
    /// The text does not parse (or uses a construct the emulator does not run).
    Syntax {
        /// Character offset of the offending token.
        pos: usize,
        /// What was wrong there.
        what: String,
    },
    /// It parses, but a name or a type does not resolve.
    Semantic(String),
    /// The answer would exceed a limit.
    Limit(String),
}

impl KqlError {
    /// A syntax error at `pos`.
    pub fn syntax(pos: usize, what: impl Into<String>) -> Self {
        KqlError::Syntax {
            pos,
            what: what.into(),
        }
    }

    /// The message the 400 carries; `src` is the query (for the line and column).
    pub fn message(&self, src: &str) -> String {
        match self {
            KqlError::Syntax { pos, what } => {
                let before: String = src.chars().take(*pos).collect();
                let line = before.matches('\n').count() + 1;
                let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                format!(
                    "Query could not be parsed at line {line}, column {col}: {what}. A recognition error occurred.. Fix syntax errors in your query."
                )
            }
            KqlError::Semantic(m) => format!("Semantic error: {m}"),
            KqlError::Limit(m) => m.clone(),
        }
    }
}

impl fmt::Display for KqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KqlError::Syntax { pos, what } => write!(f, "syntax error at {pos}: {what}"),
            KqlError::Semantic(m) | KqlError::Limit(m) => f.write_str(m),
        }
    }
}
