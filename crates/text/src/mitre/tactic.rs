//! ATT&CK Enterprise tactics and how alert categories name them.

use std::fmt;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
