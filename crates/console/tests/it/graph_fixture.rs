//! Incidents and hunting answers for the update tests and the snapshots (issue 11): incident
//! rows and details built the way the sync task builds them (from Graph JSON), and the process,
//! network and file rows advanced hunting answers the story's queries with.

use mde_model::graph::hunting::HuntingResult;
use mde_model::graph::{HuntAnswer, HuntQuery, Incident, IncidentDetail, IncidentRow};
use mde_model::{AlertRow, Timestamp};
use serde_json::json;

/// The Graph JSON of an incident; `alerts` are (id, title, device, product) of its alerts.
pub fn incident_json(
    id: &str,
    name: &str,
    severity: &str,
    status: &str,
    assigned: Option<&str>,
    created: Timestamp,
    alerts: &[(&str, &str, &str, &str)],
) -> serde_json::Value {
    let alerts: Vec<serde_json::Value> = alerts
        .iter()
        .map(|(aid, title, device, product)| {
            json!({
                "id": aid, "title": title, "severity": severity, "status": "new",
                "serviceSource": product,
                "createdDateTime": created.to_wire(),
                "evidence": [
                    {"@odata.type": "#microsoft.graph.security.deviceEvidence", "deviceDnsName": device},
                    {"@odata.type": "#microsoft.graph.security.userEvidence",
                     "userAccount": {"accountName": "jdoe", "domainName": "CONTOSO"}}
                ]
            })
        })
        .collect();
    json!({
        "id": id, "displayName": name, "severity": severity, "status": status,
        "assignedTo": assigned, "createdDateTime": created.to_wire(),
        "lastUpdateDateTime": created.to_wire(), "customTags": [], "comments": [],
        "alerts": alerts,
    })
}

/// An incident parsed from its JSON.
pub fn incident(v: &serde_json::Value) -> Incident {
    serde_json::from_value(v.clone()).expect("incident JSON")
}

/// The row of an incident, as the store gives it.
pub fn incident_row(v: &serde_json::Value) -> IncidentRow {
    IncidentRow::from_incident(&incident(v))
}

/// The detail of an incident with its alerts as list rows (`rows` first: the cache's copies).
pub fn incident_detail(v: &serde_json::Value, rows: &[AlertRow]) -> Box<IncidentDetail> {
    let i = incident(v);
    let alerts = i
        .alerts
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(|g| {
            rows.iter()
                .find(|r| r.id == g.id)
                .cloned()
                .unwrap_or_else(|| AlertRow::from_alert(&g.to_alert()))
        })
        .collect();
    Box::new(IncidentDetail {
        raw: v.to_string(),
        incident: i,
        alerts,
    })
}

fn mins_before(t: Timestamp, m: i64) -> String {
    Timestamp(t.0 - chrono::Duration::minutes(m)).to_wire()
}

/// `DeviceProcesses` rows around `at`: explorer (started before the window, from userinit) →
/// cmd.exe (pid 1000, 9 min before) → powershell.exe (2000, 8 min before, a hostile command
/// line) → rundll32.exe; cmd.exe → conhost.exe; explorer → notepad.exe (not on the evidence's
/// path). The evidence processes of the snapshot alert are cmd.exe and powershell.exe.
pub fn process_rows(at: Timestamp) -> HuntingResult {
    let row = |pid: i64,
               created: i64,
               name: &str,
               cmd: &str,
               ppid: i64,
               pcreated: i64,
               pname: &str| {
        json!({
            "Timestamp": mins_before(at, created), "ProcessId": pid,
            "ProcessCreationTime": mins_before(at, created), "FileName": name,
            "FolderPath": format!("C:\\Windows\\System32\\{name}"), "SHA1": "3395856ce81f2b7382dee72602f798b642f14140",
            "ProcessCommandLine": cmd, "AccountDomain": "CONTOSO", "AccountName": "jdoe",
            "InitiatingProcessId": ppid, "InitiatingProcessCreationTime": mins_before(at, pcreated),
            "InitiatingProcessFileName": pname, "InitiatingProcessCommandLine": pname,
        })
    };
    let results = vec![
        row(
            500,
            600,
            "explorer.exe",
            "C:\\Windows\\explorer.exe",
            400,
            601,
            "userinit.exe",
        ),
        row(
            1000,
            9,
            "cmd.exe",
            "cmd.exe /c start invoice.lnk",
            500,
            600,
            "explorer.exe",
        ),
        row(
            1001,
            9,
            "conhost.exe",
            "conhost.exe 0xffffffff -ForceV1",
            1000,
            9,
            "cmd.exe",
        ),
        row(
            2000,
            8,
            "powershell.exe",
            "powershell.exe -nop -w hidden -enc SQBFAFgA\u{1b}[2J\u{202e}",
            1000,
            9,
            "cmd.exe",
        ),
        row(
            3000,
            7,
            "rundll32.exe",
            "rundll32.exe payload.dll,Start",
            2000,
            8,
            "powershell.exe",
        ),
        row(
            600,
            30,
            "notepad.exe",
            "notepad.exe notes.txt",
            500,
            600,
            "explorer.exe",
        ),
    ];
    let cols = [
        ("Timestamp", "DateTime"),
        ("ProcessId", "Int64"),
        ("ProcessCreationTime", "DateTime"),
        ("FileName", "String"),
        ("FolderPath", "String"),
        ("SHA1", "String"),
        ("ProcessCommandLine", "String"),
        ("AccountDomain", "String"),
        ("AccountName", "String"),
        ("InitiatingProcessId", "Int64"),
        ("InitiatingProcessCreationTime", "DateTime"),
        ("InitiatingProcessFileName", "String"),
        ("InitiatingProcessCommandLine", "String"),
    ];
    result(&cols, results)
}

/// The network events of a process: two connections.
pub fn network_rows(at: Timestamp) -> HuntingResult {
    let results = vec![
        json!({"Timestamp": mins_before(at, 8), "ActionType": "ConnectionSuccess",
               "RemoteIP": "203.0.113.7", "RemotePort": 443, "RemoteUrl": "evil.example.com"}),
        json!({"Timestamp": mins_before(at, 7), "ActionType": "ConnectionFailed",
               "RemoteIP": "198.51.100.9", "RemotePort": 8080, "RemoteUrl": ""}),
    ];
    result(
        &[
            ("Timestamp", "DateTime"),
            ("ActionType", "String"),
            ("RemoteIP", "String"),
            ("RemotePort", "Int32"),
            ("RemoteUrl", "String"),
        ],
        results,
    )
}

/// The file events of a process: one file written.
pub fn file_rows(at: Timestamp) -> HuntingResult {
    let results = vec![
        json!({"Timestamp": mins_before(at, 8), "ActionType": "FileCreated",
        "FileName": "payload.dll", "FolderPath": "C:\\Users\\jdoe\\AppData\\Local\\Temp\\payload.dll"}),
    ];
    result(
        &[
            ("Timestamp", "DateTime"),
            ("ActionType", "String"),
            ("FileName", "String"),
            ("FolderPath", "String"),
        ],
        results,
    )
}

fn result(cols: &[(&str, &str)], results: Vec<serde_json::Value>) -> HuntingResult {
    let schema: Vec<serde_json::Value> = cols
        .iter()
        .map(|(n, t)| json!({"name": n, "type": t}))
        .collect();
    HuntingResult::parse(&json!({"schema": schema, "results": results}).to_string())
        .expect("hunting JSON")
}

/// An answer to `query`.
pub fn answer(
    query: HuntQuery,
    result: HuntingResult,
    ran_at: Timestamp,
    cached: bool,
) -> Box<HuntAnswer> {
    Box::new(HuntAnswer {
        query,
        result,
        ran_at,
        cached,
    })
}
