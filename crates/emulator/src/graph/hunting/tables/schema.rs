//! The hunting tables the emulator serves and their columns, in the documented order (a subset
//! of each: the columns the process story and the reference queries read, and their neighbours).

use mde_model::graph::ColumnType::{self, DateTime as T, Long as L, String as S};

/// A table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// Process creation on devices.
    DeviceProcessEvents,
    /// Network connections on devices.
    DeviceNetworkEvents,
    /// File creation and change on devices.
    DeviceFileEvents,
    /// Every alert's evidence, all products.
    AlertEvidence,
    /// Every alert, all products.
    AlertInfo,
}

/// Every table.
pub const ALL: [Table; 5] = [
    Table::DeviceProcessEvents,
    Table::DeviceNetworkEvents,
    Table::DeviceFileEvents,
    Table::AlertEvidence,
    Table::AlertInfo,
];

/// `DeviceProcessEvents` columns.
pub const PROCESS: &[(&str, ColumnType)] = &[
    ("Timestamp", T),
    ("DeviceId", S),
    ("DeviceName", S),
    ("ActionType", S),
    ("FileName", S),
    ("FolderPath", S),
    ("SHA1", S),
    ("SHA256", S),
    ("ProcessId", L),
    ("ProcessCommandLine", S),
    ("ProcessIntegrityLevel", S),
    ("ProcessCreationTime", T),
    ("AccountDomain", S),
    ("AccountName", S),
    ("AccountSid", S),
    ("AccountUpn", S),
    ("InitiatingProcessAccountDomain", S),
    ("InitiatingProcessAccountName", S),
    ("InitiatingProcessSHA1", S),
    ("InitiatingProcessFileName", S),
    ("InitiatingProcessId", L),
    ("InitiatingProcessCommandLine", S),
    ("InitiatingProcessCreationTime", T),
    ("InitiatingProcessFolderPath", S),
    ("InitiatingProcessParentId", L),
    ("InitiatingProcessParentFileName", S),
    ("InitiatingProcessParentCreationTime", T),
    ("ReportId", L),
];

/// `DeviceNetworkEvents` columns.
pub const NETWORK: &[(&str, ColumnType)] = &[
    ("Timestamp", T),
    ("DeviceId", S),
    ("DeviceName", S),
    ("ActionType", S),
    ("RemoteIP", S),
    ("RemotePort", L),
    ("RemoteUrl", S),
    ("LocalIP", S),
    ("LocalPort", L),
    ("Protocol", S),
    ("InitiatingProcessSHA1", S),
    ("InitiatingProcessFileName", S),
    ("InitiatingProcessId", L),
    ("InitiatingProcessCommandLine", S),
    ("InitiatingProcessCreationTime", T),
    ("InitiatingProcessFolderPath", S),
    ("InitiatingProcessAccountDomain", S),
    ("InitiatingProcessAccountName", S),
    ("ReportId", L),
];

/// `DeviceFileEvents` columns.
pub const FILE: &[(&str, ColumnType)] = &[
    ("Timestamp", T),
    ("DeviceId", S),
    ("DeviceName", S),
    ("ActionType", S),
    ("FileName", S),
    ("FolderPath", S),
    ("SHA1", S),
    ("SHA256", S),
    ("FileSize", L),
    ("InitiatingProcessSHA1", S),
    ("InitiatingProcessFileName", S),
    ("InitiatingProcessId", L),
    ("InitiatingProcessCommandLine", S),
    ("InitiatingProcessCreationTime", T),
    ("InitiatingProcessFolderPath", S),
    ("InitiatingProcessAccountDomain", S),
    ("InitiatingProcessAccountName", S),
    ("ReportId", L),
];

/// `AlertEvidence` columns.
pub const EVIDENCE: &[(&str, ColumnType)] = &[
    ("Timestamp", T),
    ("AlertId", S),
    ("Title", S),
    ("Categories", S),
    ("AttackTechniques", S),
    ("ServiceSource", S),
    ("DetectionSource", S),
    ("EntityType", S),
    ("EvidenceRole", S),
    ("EvidenceDirection", S),
    ("FileName", S),
    ("FolderPath", S),
    ("SHA1", S),
    ("SHA256", S),
    ("ThreatFamily", S),
    ("RemoteIP", S),
    ("RemoteUrl", S),
    ("AccountName", S),
    ("AccountDomain", S),
    ("AccountSid", S),
    ("AccountObjectId", S),
    ("AccountUpn", S),
    ("DeviceId", S),
    ("DeviceName", S),
    ("NetworkMessageId", S),
    ("EmailSubject", S),
    ("Application", S),
    ("ApplicationId", L),
    ("ProcessCommandLine", S),
    ("RegistryKey", S),
    ("RegistryValueName", S),
    ("RegistryValueData", S),
];

/// `AlertInfo` columns.
pub const INFO: &[(&str, ColumnType)] = &[
    ("Timestamp", T),
    ("AlertId", S),
    ("Title", S),
    ("Category", S),
    ("Severity", S),
    ("ServiceSource", S),
    ("DetectionSource", S),
    ("AttackTechniques", S),
];

impl Table {
    /// The table named `name` (case-sensitive, as KQL is).
    pub fn named(name: &str) -> Option<Table> {
        ALL.into_iter().find(|t| t.name() == name)
    }

    /// Its name.
    pub fn name(self) -> &'static str {
        match self {
            Table::DeviceProcessEvents => "DeviceProcessEvents",
            Table::DeviceNetworkEvents => "DeviceNetworkEvents",
            Table::DeviceFileEvents => "DeviceFileEvents",
            Table::AlertEvidence => "AlertEvidence",
            Table::AlertInfo => "AlertInfo",
        }
    }

    /// Its columns.
    pub fn columns(self) -> &'static [(&'static str, ColumnType)] {
        match self {
            Table::DeviceProcessEvents => PROCESS,
            Table::DeviceNetworkEvents => NETWORK,
            Table::DeviceFileEvents => FILE,
            Table::AlertEvidence => EVIDENCE,
            Table::AlertInfo => INFO,
        }
    }

    /// True for the device tables (their rows can be narrowed by `DeviceId` before scanning).
    pub fn per_device(self) -> bool {
        matches!(
            self,
            Table::DeviceProcessEvents | Table::DeviceNetworkEvents | Table::DeviceFileEvents
        )
    }
}
