//! The shipped ATT&CK table format (TSV: id, name, tactics, status, replaced_by) and its parser.

use super::tactic::Tactic;

/// The column header the table must start with.
const HEADER: &str = "id\tname\ttactics\tstatus\treplaced_by";

/// Whether a technique is current.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TechniqueStatus {
    /// In the current matrix.
    Active,
    /// Withdrawn without a replacement.
    Deprecated,
    /// Withdrawn and replaced by another ID.
    Revoked,
}

impl TechniqueStatus {
    /// The table's spelling.
    pub fn as_str(&self) -> &'static str {
        match self {
            TechniqueStatus::Active => "active",
            TechniqueStatus::Deprecated => "deprecated",
            TechniqueStatus::Revoked => "revoked",
        }
    }
}

/// One ATT&CK technique or sub-technique.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Technique {
    /// ID as alerts carry it (`T1059.001`).
    pub id: &'static str,
    /// Technique name (`PowerShell`).
    pub name: &'static str,
    /// Tactics it serves, in the table's order.
    pub tactics: Vec<Tactic>,
    /// Active, deprecated or revoked.
    pub status: TechniqueStatus,
    /// For a revoked technique, the ID that replaced it.
    pub replaced_by: Option<&'static str>,
}

impl Technique {
    /// True for a sub-technique (`T1059.001`).
    pub fn is_sub_technique(&self) -> bool {
        self.id.contains('.')
    }

    /// The parent technique ID of a sub-technique (`T1059` for `T1059.001`).
    pub fn parent_id(&self) -> Option<&'static str> {
        self.id.split_once('.').map(|(p, _)| p)
    }
}

/// A row of the table that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MitreTableError {
    /// The first line is not the expected header.
    #[error("unexpected ATT&CK table header: {0:?}")]
    Header(String),
    /// A row does not have five tab-separated columns.
    #[error("ATT&CK table line {line}: expected 5 columns, found {found}")]
    Columns {
        /// 1-based line number.
        line: usize,
        /// Columns found.
        found: usize,
    },
    /// A row has an empty or malformed ID.
    #[error("ATT&CK table line {line}: bad technique id {id:?}")]
    Id {
        /// 1-based line number.
        line: usize,
        /// The ID found.
        id: String,
    },
    /// A row has an unknown status.
    #[error("ATT&CK table line {line}: unknown status {status:?}")]
    Status {
        /// 1-based line number.
        line: usize,
        /// The status found.
        status: String,
    },
    /// A revoked row names no replacement.
    #[error("ATT&CK table line {line}: revoked without a replacement")]
    NoReplacement {
        /// 1-based line number.
        line: usize,
    },
}

/// Parses an ATT&CK table in the shipped TSV format.
pub fn parse_table(tsv: &'static str) -> Result<Vec<Technique>, MitreTableError> {
    let mut lines = tsv.lines();
    let header = lines.next().unwrap_or("").trim_end_matches('\r');
    if header != HEADER {
        return Err(MitreTableError::Header(header.chars().take(80).collect()));
    }
    let mut rows = Vec::with_capacity(900);
    for (i, raw) in lines.enumerate() {
        let line = i + 2;
        let raw = raw.trim_end_matches('\r');
        if raw.is_empty() {
            continue;
        }
        let cols: Vec<&'static str> = raw.split('\t').collect();
        let [id, name, tactics, status, replaced_by] = cols[..] else {
            return Err(MitreTableError::Columns {
                line,
                found: cols.len(),
            });
        };
        if !is_technique_id(id) {
            return Err(MitreTableError::Id {
                line,
                id: id.to_string(),
            });
        }
        let status = match status {
            "active" => TechniqueStatus::Active,
            "deprecated" => TechniqueStatus::Deprecated,
            "revoked" => TechniqueStatus::Revoked,
            other => {
                return Err(MitreTableError::Status {
                    line,
                    status: other.to_string(),
                });
            }
        };
        let replaced_by = Some(replaced_by.trim()).filter(|r| !r.is_empty());
        if status == TechniqueStatus::Revoked && replaced_by.is_none() {
            return Err(MitreTableError::NoReplacement { line });
        }
        rows.push(Technique {
            id,
            name,
            tactics: tactics
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(Tactic::parse)
                .collect(),
            status,
            replaced_by,
        });
    }
    Ok(rows)
}

/// `T` + four digits, optionally `.` + three digits.
fn is_technique_id(id: &str) -> bool {
    let b = id.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    match b {
        [b'T', rest @ ..] if rest.len() == 4 => digits(rest),
        [b'T', rest @ ..] if rest.len() == 8 && rest[4] == b'.' => {
            digits(&rest[..4]) && digits(&rest[5..])
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_tables_are_typed_errors() {
        assert!(matches!(
            parse_table("x\ty"),
            Err(MitreTableError::Header(_))
        ));
        let bad_cols = "id\tname\ttactics\tstatus\treplaced_by\nT1001\tX\texecution\n";
        assert_eq!(
            parse_table(bad_cols),
            Err(MitreTableError::Columns { line: 2, found: 3 })
        );
        let bad_id = "id\tname\ttactics\tstatus\treplaced_by\nX1\tX\texecution\tactive\t\n";
        assert!(matches!(
            parse_table(bad_id),
            Err(MitreTableError::Id { line: 2, .. })
        ));
        let bad_status = "id\tname\ttactics\tstatus\treplaced_by\nT1001\tX\texecution\tgone\t\n";
        assert!(matches!(
            parse_table(bad_status),
            Err(MitreTableError::Status { .. })
        ));
        let no_repl = "id\tname\ttactics\tstatus\treplaced_by\nT1001\tX\texecution\trevoked\t\n";
        assert_eq!(
            parse_table(no_repl),
            Err(MitreTableError::NoReplacement { line: 2 })
        );
    }
}
