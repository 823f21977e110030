//! `mde-triage config check`: every mistake in a config file, each with file, line, column and
//! key. Syntax errors first (toml recovers and reports several); then the file is walked
//! against the generated schema (unknown keys with "did you mean", wrong types, bad enum
//! values); then each section's values are checked (durations, keys, colours, filters, zones,
//! references). Start-up uses the same check, so the console never opens on a bad file.

mod spans;
#[cfg(test)]
mod tests;
mod walker;

pub use spans::dotted;

use super::convert::Problem;
use super::{Config, ConfigError};
use std::fmt;
use std::path::Path;

/// One mistake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The dotted key (empty for a syntax error).
    pub key: String,
    /// What is wrong.
    pub message: String,
}

/// Every mistake in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The file as named.
    pub file: String,
    /// The mistakes, in file order.
    pub issues: Vec<Issue>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, issue) in self.issues.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}:{}:{}: ", self.file, issue.line, issue.column)?;
            if !issue.key.is_empty() {
                write!(f, "{}: ", issue.key)?;
            }
            write!(f, "{}", issue.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for Report {}

/// Checks config text; `file` names it in the report.
pub fn check_text(text: &str, file: &str) -> Result<Config, Report> {
    let report = |issues: Vec<Issue>| Report {
        file: file.to_string(),
        issues,
    };
    let (doc, syntax) = toml::de::DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        let issues = syntax
            .iter()
            .map(|e| {
                let (line, column) = spans::line_col(text, e.span().map(|s| s.start).unwrap_or(0));
                Issue {
                    line,
                    column,
                    key: String::new(),
                    message: e.message().trim().to_string(),
                }
            })
            .collect();
        return Err(report(issues));
    }
    let schema = super::schema::schema();
    let structural = walker::walk(&doc, &schema);
    let mut issues: Vec<Issue> = structural
        .iter()
        .map(|f| at(text, f.span.start, &f.path, &f.message))
        .collect();
    let skip: Vec<Vec<String>> = structural.iter().map(|f| f.path.clone()).collect();
    match text.parse::<toml::Table>() {
        Ok(table) => {
            for Problem { path, message } in super::validate::semantic(&table, &skip) {
                let span = spans::span_of(&doc, &path);
                issues.push(at(text, span.start, &path, &message));
            }
        }
        Err(e) => issues.push(at(
            text,
            e.span().map(|s| s.start).unwrap_or(0),
            &[],
            e.message(),
        )),
    }
    if issues.is_empty() {
        return toml::from_str::<Config>(text).map_err(|e| {
            report(vec![at(
                text,
                e.span().map(|s| s.start).unwrap_or(0),
                &[],
                e.message(),
            )])
        });
    }
    issues.sort_by_key(|a| (a.line, a.column));
    issues.dedup();
    Err(report(issues))
}

fn at(text: &str, offset: usize, path: &[String], message: &str) -> Issue {
    let (line, column) = spans::line_col(text, offset);
    Issue {
        line,
        column,
        key: dotted(path),
        message: message.to_string(),
    }
}

/// Reads and checks a file, listing every mistake. A missing default file is an empty config.
pub fn load_checked(path: &Path, explicit: bool) -> Result<Config, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            check_text(&text, &path.display().to_string()).map_err(|report| ConfigError::Parse {
                path: path.to_path_buf(),
                message: format!(
                    "{report}\n({} mistake(s); `mde-triage config check` lists them again)",
                    report.issues.len()
                ),
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => Ok(Config::default()),
        Err(source) => Err(ConfigError::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}
