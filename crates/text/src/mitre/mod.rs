//! MITRE ATT&CK Enterprise lookup: names, tactics and the revoked-ID chain for the technique IDs
//! an alert carries. The table (assets/mitre, © The MITRE Corporation, see NOTICE.md there) is
//! embedded in the binary and parsed once on first use.

mod table;
mod tactic;

pub use table::{MitreTableError, Technique, TechniqueStatus, parse_table};
pub use tactic::Tactic;

use std::collections::HashMap;
use std::sync::OnceLock;

/// The embedded ATT&CK Enterprise table (v18.1).
const TABLE: &str = include_str!("../../../../assets/mitre/enterprise-techniques.tsv");

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

/// The parsed table and its ID index.
struct Table {
    rows: Vec<Technique>,
    by_id: HashMap<&'static str, usize>,
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
}
