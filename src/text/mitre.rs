//! MITRE ATT&CK Enterprise lookup: names, tactics and the revoked-ID chain for the technique IDs
//! an alert carries. The table (assets/mitre, © The MITRE Corporation, see NOTICE.md there) is
//! embedded in the binary and parsed once on first use.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// The embedded ATT&CK Enterprise table (v18.1).
const TABLE: &str = include_str!("../../assets/mitre/enterprise-techniques.tsv");

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

/// An ATT&CK Enterprise tactic (kill-chain phase).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tactic {
    /// reconnaissance
    Reconnaissance,
    /// resource-development
    ResourceDevelopment,
    /// initial-access
    InitialAccess,
    /// execution
    Execution,
    /// persistence
    Persistence,
    /// privilege-escalation
    PrivilegeEscalation,
    /// defense-evasion
    DefenseEvasion,
    /// credential-access
    CredentialAccess,
    /// discovery
    Discovery,
    /// lateral-movement
    LateralMovement,
    /// collection
    Collection,
    /// command-and-control
    CommandAndControl,
    /// exfiltration
    Exfiltration,
    /// impact
    Impact,
    /// A tactic this build does not know, kept verbatim.
    Other(&'static str),
}

/// Known tactics: (short name in the table, alert category spelling, label).
const TACTICS: &[(Tactic, &str, &str, &str)] = &[
    (
        Tactic::Reconnaissance,
        "reconnaissance",
        "Reconnaissance",
        "Reconnaissance",
    ),
    (
        Tactic::ResourceDevelopment,
        "resource-development",
        "ResourceDevelopment",
        "Resource Development",
    ),
    (
        Tactic::InitialAccess,
        "initial-access",
        "InitialAccess",
        "Initial Access",
    ),
    (Tactic::Execution, "execution", "Execution", "Execution"),
    (
        Tactic::Persistence,
        "persistence",
        "Persistence",
        "Persistence",
    ),
    (
        Tactic::PrivilegeEscalation,
        "privilege-escalation",
        "PrivilegeEscalation",
        "Privilege Escalation",
    ),
    (
        Tactic::DefenseEvasion,
        "defense-evasion",
        "DefenseEvasion",
        "Defense Evasion",
    ),
    (
        Tactic::CredentialAccess,
        "credential-access",
        "CredentialAccess",
        "Credential Access",
    ),
    (Tactic::Discovery, "discovery", "Discovery", "Discovery"),
    (
        Tactic::LateralMovement,
        "lateral-movement",
        "LateralMovement",
        "Lateral Movement",
    ),
    (Tactic::Collection, "collection", "Collection", "Collection"),
    (
        Tactic::CommandAndControl,
        "command-and-control",
        "CommandAndControl",
        "Command and Control",
    ),
    (
        Tactic::Exfiltration,
        "exfiltration",
        "Exfiltration",
        "Exfiltration",
    ),
    (Tactic::Impact, "impact", "Impact", "Impact"),
];

impl Tactic {
    /// Parses a short name from the table (`credential-access`); unknown names are kept.
    pub fn parse(short: &'static str) -> Tactic {
        TACTICS
            .iter()
            .find(|(_, s, _, _)| *s == short)
            .map(|(t, _, _, _)| *t)
            .unwrap_or(Tactic::Other(short))
    }

    /// The tactic an alert `category` names (`CredentialAccess` → credential-access), if any.
    /// Legacy categories such as `Malware` or `SuspiciousActivity` name no tactic.
    pub fn from_category(category: &str) -> Option<Tactic> {
        TACTICS
            .iter()
            .find(|(_, _, c, _)| c.eq_ignore_ascii_case(category))
            .map(|(t, _, _, _)| *t)
    }

    /// The table's short name.
    pub fn short_name(&self) -> &'static str {
        match self {
            Tactic::Other(s) => s,
            t => TACTICS
                .iter()
                .find(|(k, _, _, _)| k == t)
                .map_or("", |(_, s, _, _)| s),
        }
    }

    /// Human label as ATT&CK writes it (`Credential Access`).
    pub fn label(&self) -> &'static str {
        match self {
            Tactic::Other(s) => s,
            t => TACTICS
                .iter()
                .find(|(k, _, _, _)| k == t)
                .map_or("", |(_, _, _, l)| l),
        }
    }
}

impl fmt::Display for Tactic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
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

/// What an ID from an alert resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    /// A current technique.
    Active(&'static Technique),
    /// A withdrawn technique with no replacement (e.g. `T1064` Scripting).
    Deprecated(&'static Technique),
    /// A revoked ID followed (through every hop) to the technique that replaced it.
    Revoked {
        /// The ID the alert carries.
        original: &'static Technique,
        /// The technique at the end of the replacement chain.
        current: &'static Technique,
    },
    /// Not an ATT&CK Enterprise ID this table knows.
    Unknown,
}

impl Resolved {
    /// The technique to show: the replacement for a revoked ID, the technique itself otherwise.
    pub fn technique(&self) -> Option<&'static Technique> {
        match self {
            Resolved::Active(t) | Resolved::Deprecated(t) => Some(t),
            Resolved::Revoked { current, .. } => Some(current),
            Resolved::Unknown => None,
        }
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

/// The parsed table and its ID index.
struct Table {
    rows: Vec<Technique>,
    by_id: HashMap<&'static str, usize>,
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

fn table() -> &'static Table {
    static TABLE_CELL: OnceLock<Table> = OnceLock::new();
    TABLE_CELL.get_or_init(|| {
        // The asset is checked by a unit test; should it ever be broken the console still runs,
        // it just shows bare IDs.
        let rows = parse_table(TABLE).unwrap_or_else(|e| {
            tracing::error!("embedded ATT&CK table unreadable: {e}");
            Vec::new()
        });
        let by_id = rows.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
        Table { rows, by_id }
    })
}

/// Every technique in the table, in the table's order.
pub fn all() -> &'static [Technique] {
    &table().rows
}

/// The technique with this ID (case-insensitive, surrounding spaces ignored), as the table has it.
pub fn lookup(id: &str) -> Option<&'static Technique> {
    let id = id.trim();
    // IDs are short ASCII; anything longer cannot match and is not worth an allocation.
    if id.len() > 16 {
        return None;
    }
    let t = table();
    let i = match t.by_id.get(id) {
        Some(i) => *i,
        None => *t.by_id.get(id.to_ascii_uppercase().as_str())?,
    };
    t.rows.get(i)
}

/// Resolves an ID from an alert, following revoked IDs to their current replacement
/// (`T1085` → `T1218.011`, `T1073` → `T1574.002` → `T1574.001`).
pub fn resolve(id: &str) -> Resolved {
    let Some(original) = lookup(id) else {
        return Resolved::Unknown;
    };
    match original.status {
        TechniqueStatus::Active => Resolved::Active(original),
        TechniqueStatus::Deprecated => Resolved::Deprecated(original),
        TechniqueStatus::Revoked => {
            let mut current = original;
            // The chain is short; the bound only guards against a cycle in a broken table.
            for _ in 0..8 {
                match current.replaced_by.and_then(lookup) {
                    Some(next) if current.status == TechniqueStatus::Revoked => current = next,
                    _ => break,
                }
            }
            if current.status == TechniqueStatus::Revoked {
                Resolved::Unknown
            } else {
                Resolved::Revoked { original, current }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_loads_every_row() {
        let rows = parse_table(TABLE).expect("embedded table parses");
        assert_eq!(rows.len(), 835);
        assert_eq!(all().len(), 835);
        let count = |s| all().iter().filter(|t| t.status == s).count();
        assert_eq!(count(TechniqueStatus::Active), 691);
        assert_eq!(count(TechniqueStatus::Deprecated), 12);
        assert_eq!(count(TechniqueStatus::Revoked), 132);
        assert!(
            all()
                .iter()
                .flat_map(|t| &t.tactics)
                .all(|t| !matches!(t, Tactic::Other(_))),
            "every tactic in the table is a known one"
        );
    }

    #[test]
    fn lookup_finds_names_and_tactics() {
        let t = lookup("T1059.001").expect("PowerShell");
        assert_eq!(t.name, "PowerShell");
        assert_eq!(t.tactics, vec![Tactic::Execution]);
        assert_eq!(t.parent_id(), Some("T1059"));
        assert!(t.is_sub_technique());
        let t = lookup(" t1547.001 ").expect("case and spaces ignored");
        assert_eq!(
            t.tactics,
            vec![Tactic::Persistence, Tactic::PrivilegeEscalation]
        );
        assert_eq!(lookup("T9999"), None);
        assert_eq!(lookup(""), None);
        assert_eq!(lookup(&"T".repeat(10_000)), None);
    }

    #[test]
    fn revoked_ids_resolve_to_their_replacement() {
        match resolve("T1085") {
            Resolved::Revoked { original, current } => {
                assert_eq!(original.id, "T1085");
                assert_eq!(original.name, "Rundll32");
                assert_eq!(current.id, "T1218.011");
                assert_eq!(current.status, TechniqueStatus::Active);
            }
            other => panic!("T1085 should be revoked, got {other:?}"),
        }
        // Two hops: DLL Side-Loading was revoked into a sub-technique that was revoked again.
        match resolve("T1073") {
            Resolved::Revoked { current, .. } => assert_eq!(current.id, "T1574.001"),
            other => panic!("T1073 should be revoked, got {other:?}"),
        }
        assert!(matches!(resolve("T1064"), Resolved::Deprecated(t) if t.name == "Scripting"));
        assert!(matches!(resolve("T1003.001"), Resolved::Active(t) if t.name == "LSASS Memory"));
        assert_eq!(resolve("T0000"), Resolved::Unknown);
        assert_eq!(
            resolve("T1085").technique().map(|t| t.id),
            Some("T1218.011")
        );
    }

    #[test]
    fn every_revoked_row_reaches_an_active_technique() {
        for t in all()
            .iter()
            .filter(|t| t.status == TechniqueStatus::Revoked)
        {
            let r = resolve(t.id);
            let cur = r
                .technique()
                .unwrap_or_else(|| panic!("{} unresolved", t.id));
            assert_ne!(cur.status, TechniqueStatus::Revoked, "{}", t.id);
        }
    }

    #[test]
    fn categories_map_to_tactics() {
        assert_eq!(
            Tactic::from_category("CredentialAccess"),
            Some(Tactic::CredentialAccess)
        );
        assert_eq!(
            Tactic::from_category("CommandAndControl"),
            Some(Tactic::CommandAndControl)
        );
        assert_eq!(Tactic::from_category("Malware"), None);
        assert_eq!(Tactic::CommandAndControl.label(), "Command and Control");
        assert_eq!(
            Tactic::CommandAndControl.short_name(),
            "command-and-control"
        );
    }

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
