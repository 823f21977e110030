//! KQL for the console's hunting queries (reference §4.5), written only from validated values:
//! a machine id of 40 hex digits, integer process ids, timestamps re-formatted to the wire form,
//! alert ids of `[A-Za-z0-9_-]`. No string from an alert — a command line, a file name — is ever
//! written into a query; each value has its own newtype and its own writer here.

use mde_model::Timestamp;
use mde_model::graph::{HuntAlertId, HuntQuery, MachineId, ProcessId, ProcessKey};

/// A query ready to send, with the `Timespan` that bounds it (less work for the service).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KqlQuery {
    /// The KQL text.
    pub text: String,
    /// ISO 8601 `start/end`, when the query has a window.
    pub timespan: Option<String>,
}

/// `datetime(…)` of a timestamp: only digits, `-`, `:`, `.`, `T` and `Z` can appear.
fn datetime(t: Timestamp) -> String {
    format!("datetime({})", t.to_wire())
}

/// A machine id as a KQL string literal: 40 hex digits, nothing to escape.
fn machine(m: &MachineId) -> String {
    format!("\"{}\"", m.as_str())
}

/// A process id: an integer.
fn pid(p: ProcessId) -> String {
    p.get().to_string()
}

/// An alert id as a KQL string literal: `[A-Za-z0-9_-]` only.
fn alert(a: &HuntAlertId) -> String {
    format!("\"{}\"", a.as_str())
}

fn shift(t: Timestamp, secs: i64) -> Timestamp {
    Timestamp(
        t.0.checked_add_signed(chrono::Duration::seconds(secs))
            .unwrap_or(t.0),
    )
}

fn window(from: Timestamp, to: Timestamp) -> Option<String> {
    Some(format!("{}/{}", from.to_wire(), to.to_wire()))
}

/// `… and <col> between (datetime(t) - 1s .. datetime(t) + 1s)`: creation times differ by
/// sub-second rounding between sources.
fn around(col: &str, t: Timestamp) -> String {
    let d = datetime(t);
    format!("{col} between ({d} - 1s .. {d} + 1s)")
}

/// The query and its window for a hunting request.
pub fn build(q: &HuntQuery) -> KqlQuery {
    match q {
        HuntQuery::DeviceProcesses { device, from, to } => KqlQuery {
            text: format!(
                "DeviceProcessEvents\n\
                 | where DeviceId == {} and Timestamp between ({} .. {})\n\
                 | project Timestamp, ProcessId, ProcessCreationTime, FileName, FolderPath, SHA1, ProcessCommandLine, \
                 AccountDomain, AccountName, ProcessIntegrityLevel, InitiatingProcessId, InitiatingProcessCreationTime, \
                 InitiatingProcessFileName, InitiatingProcessFolderPath, InitiatingProcessCommandLine, \
                 InitiatingProcessParentId, InitiatingProcessParentFileName, InitiatingProcessParentCreationTime\n\
                 | order by Timestamp asc\n\
                 | take 5000",
                machine(device),
                datetime(*from),
                datetime(*to)
            ),
            timespan: window(*from, *to),
        },
        HuntQuery::ProcessChildren { device, process } => KqlQuery {
            text: format!(
                "DeviceProcessEvents\n\
                 | where DeviceId == {} and InitiatingProcessId == {} and {}\n\
                 | project Timestamp, ProcessId, ProcessCreationTime, FileName, ProcessCommandLine, SHA1, AccountName\n\
                 | order by Timestamp asc\n\
                 | take 1000",
                machine(device),
                pid(process.pid),
                around("InitiatingProcessCreationTime", process.created)
            ),
            timespan: window(shift(process.created, -1), shift(process.created, 3600)),
        },
        HuntQuery::ProcessParent { device, process } => KqlQuery {
            text: format!(
                "DeviceProcessEvents\n\
                 | where DeviceId == {} and ProcessId == {} and {}\n\
                 | project InitiatingProcessId, InitiatingProcessCreationTime, InitiatingProcessFileName, \
                 InitiatingProcessCommandLine, InitiatingProcessParentId, InitiatingProcessParentFileName\n\
                 | take 1",
                machine(device),
                pid(process.pid),
                around("ProcessCreationTime", process.created)
            ),
            timespan: window(shift(process.created, -60), shift(process.created, 60)),
        },
        HuntQuery::ProcessNetwork { device, process } => activity(
            "DeviceNetworkEvents",
            device,
            process,
            "Timestamp, ActionType, RemoteIP, RemotePort, RemoteUrl, LocalIP, LocalPort, Protocol",
        ),
        HuntQuery::ProcessFiles { device, process } => activity(
            "DeviceFileEvents",
            device,
            process,
            "Timestamp, ActionType, FileName, FolderPath, SHA1, SHA256, FileSize",
        ),
        HuntQuery::AlertEvidence { alert: id } => KqlQuery {
            text: format!(
                "AlertEvidence\n\
                 | where AlertId == {}\n\
                 | project Timestamp, EntityType, EvidenceRole, FileName, FolderPath, SHA1, ProcessCommandLine, \
                 RemoteIP, RemoteUrl, AccountName, AccountDomain, DeviceId, DeviceName\n\
                 | take 1000",
                alert(id)
            ),
            timespan: None,
        },
    }
}

fn activity(table: &str, device: &MachineId, process: &ProcessKey, columns: &str) -> KqlQuery {
    KqlQuery {
        text: format!(
            "{table}\n\
             | where DeviceId == {} and InitiatingProcessId == {} and {}\n\
             | project {columns}\n\
             | order by Timestamp asc\n\
             | take 1000",
            machine(device),
            pid(process.pid),
            around("InitiatingProcessCreationTime", process.created)
        ),
        timespan: window(shift(process.created, -1), shift(process.created, 3600)),
    }
}
