//! The KQL subset end to end over a small fixed table: every operator and function, and every
//! kind of refusal.

use super::error::KqlError;
use super::eval::{RowSource, RunContext, run};
use super::parser::parse;
use super::tables::schema::Table;
use mde_model::Timestamp;
use mde_model::graph::{Cell, HuntingResult};

fn ts(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

/// Three process rows and two network rows on two devices.
struct Fixed;

fn process(
    at: &str,
    dev: &str,
    name: &str,
    pid: i64,
    cmd: &str,
    ppid: i64,
    pct: &str,
) -> Vec<Cell> {
    let cols = Table::DeviceProcessEvents.columns();
    cols.iter()
        .map(|(n, _)| match *n {
            "Timestamp" | "ProcessCreationTime" => Cell::Time(ts(at)),
            "DeviceId" => Cell::Str(dev.into()),
            "FileName" => Cell::Str(name.into()),
            "ProcessId" => Cell::Long(pid),
            "ProcessCommandLine" => Cell::Str(cmd.into()),
            "InitiatingProcessId" => Cell::Long(ppid),
            "InitiatingProcessCreationTime" => Cell::Time(ts(pct)),
            "ReportId" | "InitiatingProcessParentId" => Cell::Null,
            "InitiatingProcessParentCreationTime" => Cell::Null,
            _ => Cell::Str(String::new()),
        })
        .collect()
}

fn network(at: &str, dev: &str, ip: &str, pid: i64) -> Vec<Cell> {
    Table::DeviceNetworkEvents
        .columns()
        .iter()
        .map(|(n, _)| match *n {
            "Timestamp" | "InitiatingProcessCreationTime" => Cell::Time(ts(at)),
            "DeviceId" => Cell::Str(dev.into()),
            "RemoteIP" => Cell::Str(ip.into()),
            "InitiatingProcessId" => Cell::Long(pid),
            "RemotePort" | "LocalPort" | "ReportId" => Cell::Long(443),
            _ => Cell::Str(String::new()),
        })
        .collect()
}

impl RowSource for Fixed {
    fn rows(&self, table: Table, _device: Option<&str>) -> Vec<Vec<Cell>> {
        match table {
            Table::DeviceProcessEvents => vec![
                process(
                    "2024-01-01T10:00:00Z",
                    "dev-a",
                    "cmd.exe",
                    100,
                    "cmd.exe /c whoami",
                    50,
                    "2024-01-01T09:00:00Z",
                ),
                process(
                    "2024-01-01T10:01:00Z",
                    "dev-a",
                    "powershell.exe",
                    200,
                    "powershell -enc SQBFAFgA",
                    100,
                    "2024-01-01T10:00:00Z",
                ),
                process(
                    "2024-01-01T10:05:00Z",
                    "dev-b",
                    "notepad.exe",
                    100,
                    "notepad.exe C:\\x.txt",
                    60,
                    "2024-01-01T08:00:00Z",
                ),
                process(
                    "2023-11-01T10:05:00Z",
                    "dev-a",
                    "old.exe",
                    7,
                    "",
                    1,
                    "2023-11-01T10:00:00Z",
                ),
            ],
            Table::DeviceNetworkEvents => vec![
                network("2024-01-01T10:01:05Z", "dev-a", "203.0.113.9", 200),
                network("2024-01-01T10:02:05Z", "dev-a", "203.0.113.9", 200),
            ],
            _ => Vec::new(),
        }
    }
}

fn ctx() -> RunContext {
    RunContext {
        now: ts("2024-01-02T00:00:00Z"),
        window: (ts("2023-12-03T00:00:00Z"), ts("2024-01-02T00:00:00Z")),
        max_rows: 100,
    }
}

fn q(text: &str) -> Result<HuntingResult, KqlError> {
    run(&parse(text)?, &Fixed, ctx())
}

fn col(r: &HuntingResult, name: &str) -> Vec<String> {
    let i = r.column(name).unwrap_or_else(|| panic!("no column {name}"));
    r.rows.iter().map(|row| row[i].to_text()).collect()
}

#[test]
fn every_comparison_and_string_operator() {
    let names = |text: &str| {
        col(
            &q(text).unwrap_or_else(|e| panic!("{text}: {e}")),
            "FileName",
        )
    };
    assert_eq!(
        names("DeviceProcessEvents | where FileName == 'cmd.exe'"),
        ["cmd.exe"]
    );
    assert_eq!(
        names("DeviceProcessEvents | where FileName != 'cmd.exe'"),
        ["powershell.exe", "notepad.exe"]
    );
    assert_eq!(
        names("DeviceProcessEvents | where FileName =~ 'CMD.EXE'"),
        ["cmd.exe"]
    );
    assert_eq!(
        names("DeviceProcessEvents | where FileName !~ 'CMD.EXE'"),
        ["powershell.exe", "notepad.exe"]
    );
    assert_eq!(
        names("DeviceProcessEvents | where FileName == 'CMD.EXE'"),
        Vec::<String>::new()
    );
    assert_eq!(
        names("DeviceProcessEvents | where ProcessId in (200, 300)"),
        ["powershell.exe"]
    );
    assert_eq!(
        names("DeviceProcessEvents | where FileName !in ('cmd.exe', 'notepad.exe')"),
        ["powershell.exe"]
    );
    assert_eq!(
        names("DeviceProcessEvents | where FileName in~ ('NOTEPAD.EXE')"),
        ["notepad.exe"]
    );
    assert_eq!(
        names("DeviceProcessEvents | where ProcessCommandLine has 'whoami'"),
        ["cmd.exe"]
    );
    assert_eq!(
        names("DeviceProcessEvents | where ProcessCommandLine has 'who'"),
        Vec::<String>::new()
    );
    assert_eq!(
        names("DeviceProcessEvents | where ProcessCommandLine contains 'who'"),
        ["cmd.exe"]
    );
    assert_eq!(
        names("DeviceProcessEvents | where ProcessCommandLine !contains 'e'"),
        Vec::<String>::new()
    );
    assert_eq!(
        names("DeviceProcessEvents | where ProcessCommandLine !has 'whoami'"),
        ["powershell.exe", "notepad.exe"]
    );
    assert_eq!(
        names("DeviceProcessEvents | where FileName startswith 'POWER'"),
        ["powershell.exe"]
    );
    assert_eq!(
        names("DeviceProcessEvents | where FileName endswith '.EXE' and ProcessId < 150"),
        ["cmd.exe", "notepad.exe"]
    );
    assert_eq!(
        names("DeviceProcessEvents | where ProcessId >= 200 or ProcessId <= 99"),
        ["powershell.exe"]
    );
    assert_eq!(
        names("DeviceProcessEvents | where ProcessId > 100"),
        ["powershell.exe"]
    );
    assert_eq!(
        names("DeviceProcessEvents | where not(ProcessId == 100)"),
        ["powershell.exe"]
    );
    assert_eq!(
        names(
            "DeviceProcessEvents | where isnotempty(ProcessCommandLine) and tolower(FileName) == 'cmd.exe'"
        ),
        ["cmd.exe"]
    );
}

#[test]
fn times_between_ago_and_datetime_arithmetic() {
    let names = |text: &str| {
        col(
            &q(text).unwrap_or_else(|e| panic!("{text}: {e}")),
            "FileName",
        )
    };
    assert_eq!(
        names(
            "DeviceProcessEvents | where Timestamp between (datetime(2024-01-01T10:00:30Z) .. datetime(2024-01-01T10:05:00Z))"
        ),
        ["powershell.exe", "notepad.exe"]
    );
    assert_eq!(
        names(
            "DeviceProcessEvents | where Timestamp !between (datetime(2024-01-01T10:00:30Z) .. datetime(2024-01-01T10:05:00Z))"
        ),
        ["cmd.exe"]
    );
    // The reference's ±1 s window on a creation time.
    assert_eq!(
        names(
            "DeviceProcessEvents | where InitiatingProcessId == 100 and InitiatingProcessCreationTime between (datetime(2024-01-01T10:00:00.4Z) - 1s .. datetime(2024-01-01T10:00:00.4Z) + 1s)"
        ),
        ["powershell.exe"]
    );
    // The pid 100 was used twice: the creation time tells them apart.
    assert_eq!(
        names(
            "DeviceProcessEvents | where ProcessId == 100 and ProcessCreationTime between (datetime(2024-01-01T10:05:00Z) - 1s .. datetime(2024-01-01T10:05:00Z) + 1s)"
        ),
        ["notepad.exe"]
    );
    assert_eq!(
        names("DeviceProcessEvents | where Timestamp > ago(838m)"),
        ["notepad.exe"]
    );
    assert_eq!(
        names("DeviceProcessEvents | where Timestamp < now() - 1d"),
        Vec::<String>::new()
    );
    assert_eq!(
        names("DeviceProcessEvents | where datetime(2024-01-01) < Timestamp | take 1"),
        ["cmd.exe"]
    );
    // Rows outside the window (the 30 days hunting keeps) are never seen.
    assert!(!names("DeviceProcessEvents").contains(&"old.exe".to_string()));
}

#[test]
fn lets_project_order_take_and_union() {
    let r = q(
        r#"let dev = "dev-a"; let t0 = datetime(2024-01-01T10:00:00Z);
        DeviceProcessEvents
        | where DeviceId == dev and Timestamp between ((t0 - 1h) .. (t0 + 1h))
        | project Timestamp, Pid = ProcessId, FileName, Age = now() - Timestamp
        | order by Pid desc
        | take 5"#,
    )
    .unwrap();
    assert_eq!(
        r.schema.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["Timestamp", "Pid", "FileName", "Age"]
    );
    assert_eq!(col(&r, "Pid"), ["200", "100"]);
    assert_eq!(col(&r, "Age")[1], "14:00:00");
    let r = q("DeviceProcessEvents | sort by FileName asc | limit 2").unwrap();
    assert_eq!(col(&r, "FileName"), ["cmd.exe", "notepad.exe"]);
    let r = q("DeviceProcessEvents | order by DeviceId asc, Timestamp desc").unwrap();
    assert_eq!(
        col(&r, "FileName"),
        ["powershell.exe", "cmd.exe", "notepad.exe"]
    );
    let r = q("DeviceProcessEvents | take 0").unwrap();
    assert!(r.rows.is_empty() && !r.schema.is_empty());
    let r = q("union withsource=Table DeviceNetworkEvents, DeviceProcessEvents | where DeviceId == 'dev-a' and InitiatingProcessId == 200 | project Table, RemoteIP, FileName").unwrap();
    assert_eq!(
        col(&r, "Table"),
        ["DeviceNetworkEvents", "DeviceNetworkEvents"]
    );
    assert_eq!(col(&r, "RemoteIP"), ["203.0.113.9", "203.0.113.9"]);
    let r = q("union DeviceNetworkEvents, DeviceProcessEvents | where InitiatingProcessId == 100")
        .unwrap();
    assert_eq!(r.rows.len(), 1);
    assert_eq!(r.cell(&r.rows[0], "RemoteIP"), Some(&Cell::Null));
}

#[test]
fn names_types_and_limits_are_refused_never_answered_empty() {
    let semantic = |text: &str| match q(text) {
        Err(KqlError::Semantic(m)) => m,
        other => panic!("{text}: {other:?}"),
    };
    assert!(semantic("DeviceRegistryEvents | take 1").contains("'DeviceRegistryEvents'"));
    assert!(semantic("DeviceProcessEvents | where Nope == 1").contains("'Nope'"));
    assert!(
        semantic("DeviceProcessEvents | project FileName | where ProcessId == 1")
            .contains("'ProcessId'")
    );
    assert!(semantic("DeviceProcessEvents | order by Nope").contains("'Nope'"));
    assert!(semantic("DeviceProcessEvents | where ProcessId == 'x'").contains("long and string"));
    assert!(
        semantic("DeviceProcessEvents | project A = FileName, A = ProcessId").contains("twice")
    );
    assert!(semantic("DeviceProcessEvents | where ProcessId").contains("bool"));
    let limited = RunContext {
        max_rows: 2,
        ..ctx()
    };
    match run(&parse("DeviceProcessEvents").unwrap(), &Fixed, limited) {
        Err(KqlError::Limit(m)) => assert!(m.contains("limit of 2"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert!(
        run(
            &parse("DeviceProcessEvents | take 2").unwrap(),
            &Fixed,
            limited
        )
        .is_ok()
    );
}
