//! `incidents` and `hunt` from a script's point of view, against the emulator's demo tenant:
//! output formats, the outbox path of `incidents update`, usage errors, hostile text.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The binary with a private home and `env`.
fn run(home: &Path, args: &[&str], env: &[(&str, String)], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mde-triage"));
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("binary runs");
    if let Some(text) = stdin {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    child.wait_with_output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The demo tenant on 127.0.0.1:0.
struct Demo {
    rt: tokio::runtime::Runtime,
    emu: Option<mde_emulator::EmulatorHandle>,
    env: Vec<(&'static str, String)>,
}

impl Demo {
    fn start() -> Demo {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let emu = rt
            .block_on(mde_emulator::spawn(mde_emulator::EmulatorConfig {
                alerts: 60,
                seed: 3,
                rate_limits: None,
                ..mde_emulator::EmulatorConfig::default()
            }))
            .unwrap();
        let base = emu.base_url();
        Demo {
            rt,
            emu: Some(emu),
            env: vec![
                ("MDE_API_URL", base.clone()),
                ("MDE_LOGIN_URL", base),
                ("AZURE_TENANT_ID", "contoso-demo".into()),
                ("AZURE_CLIENT_ID", "mde-triage-demo".into()),
                ("AZURE_CLIENT_SECRET", "demo-secret".into()),
                ("MDE_TRIAGE_IDENTITY", "me@contoso.example".into()),
            ],
        }
    }

    fn emu(&self) -> &mde_emulator::EmulatorHandle {
        self.emu.as_ref().unwrap()
    }
}

impl Drop for Demo {
    fn drop(&mut self) {
        if let Some(emu) = self.emu.take() {
            self.rt.block_on(emu.shutdown());
        }
    }
}

#[test]
fn incidents_list_and_get_in_every_format() {
    let d = Demo::start();
    let home = tempfile::tempdir().unwrap();
    let o = run(
        home.path(),
        &["incidents", "list", "--status", "active"],
        &d.env,
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = out(&o);
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    for col in [
        "ID", "SEV", "STATUS", "ALERTS", "DEVICES", "USERS", "ASSIGNED", "NAME",
    ] {
        assert!(header.contains(col), "{header}");
    }
    let rows: Vec<&str> = lines.collect();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.contains(" active ")), "{text}");
    let o = run(
        home.path(),
        &["incidents", "list", "--json", "--top", "3"],
        &d.env,
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("valid JSON");
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert!(list[0]["alerts"].is_array(), "listed with their alerts");
    let id = list[0]["id"].as_str().unwrap().to_string();
    let o = run(
        home.path(),
        &[
            "incidents",
            "list",
            "--csv",
            "--filter",
            "severity eq 'high'",
        ],
        &d.env,
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let csv = out(&o);
    assert!(csv.starts_with("id,severity,status,alerts"), "{csv}");
    assert!(
        csv.lines()
            .skip(1)
            .all(|l| l.split(',').nth(1) == Some("high")),
        "{csv}"
    );
    let o = run(home.path(), &["incidents", "get", &id], &d.env, None);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let shown = out(&o);
    assert!(
        shown.contains(&format!("Incident {id}:")) && shown.contains("Alerts ("),
        "{shown}"
    );
    let o = run(
        home.path(),
        &["incidents", "get", &id, "--json"],
        &d.env,
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(v["id"], id.as_str());
    let o = run(
        home.path(),
        &["incidents", "get", "999999999"],
        &d.env,
        None,
    );
    assert_ne!(o.status.code(), Some(0));
    assert!(err(&o).contains("not found"), "{}", err(&o));
}

#[test]
fn incidents_update_goes_through_the_outbox_and_reaches_the_alerts() {
    let d = Demo::start();
    let home = tempfile::tempdir().unwrap();
    let o = run(
        home.path(),
        &["incidents", "list", "--json", "--status", "active"],
        &d.env,
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let id = v.as_array().unwrap()[0]["id"].as_str().unwrap().to_string();
    let o = run(
        home.path(),
        &[
            "incidents",
            "update",
            &id,
            "--status",
            "resolved",
            "--classification",
            "true-positive",
            "--determination",
            "MultiStagedAttack",
            "--assign",
            "me",
            "--tag",
            "Contained",
            "--comment",
            "Closed from a script",
        ],
        &d.env,
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(err(&o).contains("queued as outbox entry"), "{}", err(&o));
    assert!(out(&o).contains("delivered"), "{}", out(&o));
    let i = d.emu().incident(&id).unwrap();
    assert_eq!(i.status, mde_model::graph::IncidentStatus::Resolved);
    assert_eq!(i.assigned_to.as_deref(), Some("me@contoso.example"));
    assert_eq!(i.custom_tags, ["Contained"]);
    assert_eq!(
        i.comments
            .iter()
            .filter(|c| c.comment == "Closed from a script")
            .count(),
        1
    );
    for a in i.alerts.unwrap() {
        assert_eq!(a.status, mde_model::Status::Resolved);
    }
    // The outbox lists it as an incident write.
    let o = run(home.path(), &["outbox", "list", "--all"], &d.env, None);
    assert!(out(&o).contains(&format!("incident {id}")), "{}", out(&o));
    // Queued only, then refused wrongly shaped.
    let o = run(
        home.path(),
        &[
            "incidents",
            "update",
            &id,
            "--comment",
            "later",
            "--no-send",
        ],
        &d.env,
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    for (args, needle) in [
        (vec!["incidents", "update", &id], "nothing to change"),
        (
            vec![
                "incidents",
                "update",
                &id,
                "--classification",
                "false-positive",
                "--determination",
                "Malware",
            ],
            "not valid for FalsePositive",
        ),
        (
            vec!["incidents", "update", &id, "--status", "closed"],
            "closed",
        ),
        (
            vec!["incidents", "list", "--filter", "sevrity eq 'high'"],
            "sevrity",
        ),
    ] {
        let o = run(home.path(), &args, &d.env, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        assert!(err(&o).contains(needle), "{args:?}: {}", err(&o));
    }
    let o = run(
        home.path(),
        &[
            "incidents",
            "update",
            &id,
            "--status",
            "active",
            "--read-only",
        ],
        &d.env,
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("read-only"), "{}", err(&o));
}

#[test]
fn hunt_prints_tables_json_and_csv_and_reports_refusals() {
    let d = Demo::start();
    let home = tempfile::tempdir().unwrap();
    let q = "DeviceProcessEvents | where FileName =~ 'powershell.exe' | project Timestamp, DeviceName, FileName, ProcessCommandLine | take 5";
    let o = run(home.path(), &["hunt", q], &d.env, None);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = out(&o);
    assert!(text.starts_with("Timestamp"), "{text}");
    assert!(
        text.contains("powershell.exe") && text.contains("row"),
        "{text}"
    );
    // A pipe gets one escaped record per line: no raw control characters.
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    let o = run(
        home.path(),
        &["hunt", "-", "--json", "--timespan", "P7D"],
        &d.env,
        Some("AlertInfo | take 2"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(v["schema"][0]["name"], "Timestamp");
    assert_eq!(v["results"].as_array().unwrap().len(), 2);
    let o = run(
        home.path(),
        &[
            "hunt",
            "AlertInfo | project AlertId, Title | take 3",
            "--csv",
        ],
        &d.env,
        None,
    );
    let csv = out(&o);
    assert!(csv.starts_with("AlertId,Title"), "{csv}");
    assert_eq!(csv.lines().count(), 4);
    let o = run(
        home.path(),
        &[
            "hunt",
            "DeviceProcessEvents | summarize count() by FileName",
        ],
        &d.env,
        None,
    );
    assert_ne!(o.status.code(), Some(0));
    assert!(
        err(&o).contains("Fix syntax errors in your query"),
        "{}",
        err(&o)
    );
    let o = run(home.path(), &["hunt", "  "], &d.env, None);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    // The mail subjects are hostile: a terminal never gets their escapes (a pipe gets them escaped).
    let o = run(
        home.path(),
        &[
            "hunt",
            "AlertEvidence | where EntityType == 'MailMessage' | project EmailSubject",
        ],
        &d.env,
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(!out(&o).contains('\u{1b}'), "{}", out(&o));
}
