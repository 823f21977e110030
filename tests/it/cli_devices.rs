//! The device commands from a script's point of view, against the emulator on 127.0.0.1:0:
//! `machines`, `actions`, `indicators` — output formats, `--yes` for disruptive actions,
//! read-only refusal, errors that list the valid values, exit codes, and the audit trail in the
//! profile's store.

use mde_emulator::response::config::{ActionTimings, ResponseConfig};
use mde_emulator::{EmulatorConfig, EmulatorHandle};
use serde_json::{Value, json};
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

/// An emulator serving a few alerts on two devices (one with a hostile name), and the
/// environment the binary needs to reach it.
struct Tenant {
    rt: tokio::runtime::Runtime,
    emu: Option<EmulatorHandle>,
    env: Vec<(&'static str, String)>,
    _dir: tempfile::TempDir,
}

const WS: &str = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
const EVIL: &str = "2f6cd0e8f524eee8a13d3a43f529813c95e1dd18";

impl Tenant {
    fn start(withhold: &[&str]) -> Tenant {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("alerts.json");
        let alert = |id: &str, machine: &str, name: &str| {
            json!({"id": id, "title": "Suspicious PowerShell", "severity": "High", "status": "New",
                   "machineId": machine, "computerDnsName": name,
                   "alertCreationTime": "2026-01-01T00:00:00Z", "lastUpdateTime": "2026-01-01T00:00:00Z"})
        };
        let alerts = json!([
            alert("da1", WS, "ws-fin-001.corp.contoso.com"),
            alert("da2", EVIL, "evil\u{1b}[31m.corp.contoso.com"),
        ]);
        std::fs::write(&data, alerts.to_string()).unwrap();
        let emu = rt
            .block_on(mde_emulator::spawn(EmulatorConfig {
                data_file: Some(data),
                rate_limits: None,
                response: ResponseConfig {
                    seed_history: Some(false),
                    timings: ActionTimings::uniform(Duration::from_millis(600)),
                    withheld_roles: withhold.iter().map(|r| r.to_string()).collect(),
                    ..ResponseConfig::default()
                },
                ..EmulatorConfig::default()
            }))
            .unwrap();
        let base = emu.base_url();
        Tenant {
            rt,
            emu: Some(emu),
            env: vec![
                ("MDE_API_URL", base.clone()),
                ("MDE_LOGIN_URL", base),
                ("AZURE_TENANT_ID", "contoso-demo".into()),
                ("AZURE_CLIENT_ID", "mde-triage-demo".into()),
                ("AZURE_CLIENT_SECRET", "demo-secret".into()),
            ],
            _dir: dir,
        }
    }

    fn run(&self, home: &Path, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mde-triage"));
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_STATE_HOME", home.join("state"));
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd.output().expect("binary runs")
    }

    /// Every action the emulator holds (its control endpoint, no token).
    fn actions(&self) -> Vec<Value> {
        let url = format!(
            "{}/_emulator/machineactions",
            self.emu.as_ref().unwrap().base_url()
        );
        self.rt
            .block_on(async { reqwest::get(url).await.unwrap().json().await.unwrap() })
    }
}

impl Drop for Tenant {
    fn drop(&mut self) {
        if let Some(emu) = self.emu.take() {
            self.rt.block_on(emu.shutdown());
        }
    }
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn audit(home: &Path) -> Vec<String> {
    let store = mde_store::Store::open(&home.join("data/mde-triage/default.sqlite3")).unwrap();
    store
        .audit_log()
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

#[test]
fn machines_are_listed_and_shown_safely_in_text_and_json() {
    let t = Tenant::start(&[]);
    let home = tempfile::tempdir().unwrap();
    let o = t.run(home.path(), &["machines", "list"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = out(&o);
    assert!(
        text.starts_with("ID ") && text.contains("ws-fin-001.corp.contoso.com"),
        "{text}"
    );
    assert!(
        !text.contains('\u{1b}'),
        "a hostile device name reaches no terminal: {text:?}"
    );
    assert_eq!(text.lines().count(), 3);

    let o = t.run(
        home.path(),
        &[
            "machines",
            "list",
            "--json",
            "--name",
            "WS-FIN-001.corp.contoso.com",
        ],
    );
    let v: Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["id"], WS);

    let o = t.run(home.path(), &["machines", "get", "ws-fin-001"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = out(&o);
    for want in [
        "Machine id    1e5bc9d7",
        "Isolation",
        "not isolated",
        "Recent actions",
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }
    let o = t.run(home.path(), &["machines", "get", WS, "--json"]);
    let raw: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        raw["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("#Machines/$entity")
    );

    // Mistakes teach.
    let o = t.run(home.path(), &["machines", "list", "--risk", "severe"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("valid: none, informational, low, medium, high"),
        "{}",
        err(&o)
    );
    let o = t.run(
        home.path(),
        &["machines", "list", "--filter", "severity eq 'High'"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("computerDnsName"), "{}", err(&o));
    let o = t.run(home.path(), &["machines", "get", "no-such-host"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("machines list"), "{}", err(&o));
}

#[test]
fn isolation_asks_for_yes_is_refused_read_only_and_is_audited() {
    let t = Tenant::start(&[]);
    let home = tempfile::tempdir().unwrap();
    let o = t.run(
        home.path(),
        &["machines", "isolate", "ws-fin-001", "--comment", "IR-42"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("--yes") && err(&o).contains("nothing was sent"),
        "{}",
        err(&o)
    );
    let o = t.run(
        home.path(),
        &[
            "--read-only",
            "machines",
            "isolate",
            "ws-fin-001",
            "--comment",
            "IR-42",
            "--yes",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("read-only"), "{}", err(&o));
    assert!(t.actions().is_empty(), "nothing reached the service");

    let o = t.run(
        home.path(),
        &[
            "machines",
            "isolate",
            "ws-fin-001",
            "--comment",
            "IR-42",
            "--type",
            "selective",
            "--yes",
            "--alert",
            "da1",
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let a: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (
            a["type"].as_str(),
            a["status"].as_str(),
            a["scope"].as_str()
        ),
        (Some("Isolate"), Some("Pending"), Some("Selective"))
    );
    assert_eq!(t.actions().len(), 1);
    // A second isolation while one is pending is refused before it is sent.
    let o = t.run(
        home.path(),
        &["machines", "isolate", WS, "--comment", "again", "--yes"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(
        err(&o).contains("nothing to do") && err(&o).contains("isolating"),
        "{}",
        err(&o)
    );
    assert_eq!(t.actions().len(), 1);
    assert_eq!(audit(home.path()), ["action-send", "action-created"]);
    let log = mde_store::Store::open(&home.path().join("data/mde-triage/default.sqlite3"))
        .unwrap()
        .audit_log()
        .unwrap();
    assert_eq!(log[0].alert_ids, ["da1"]);
    assert!(log[0].detail.contains("IR-42"));
}

#[test]
fn wait_follows_the_action_to_its_end_and_the_actions_commands_see_it() {
    let t = Tenant::start(&[]);
    let home = tempfile::tempdir().unwrap();
    let o = t.run(
        home.path(),
        &[
            "machines",
            "scan",
            "ws-fin-001",
            "--comment",
            "sweep",
            "--scan",
            "full",
            "--wait",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("Succeeded"), "{}", out(&o));
    assert_eq!(
        audit(home.path()),
        ["action-send", "action-created", "action-final"]
    );

    let o = t.run(
        home.path(),
        &[
            "machines",
            "collect",
            WS,
            "--comment",
            "forensics",
            "--wait",
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let done: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|_| {
        // --json --wait prints the answer, then the final state: take the last document.
        let text = out(&o);
        let last = text.rfind("\n{").map_or(0, |i| i + 1);
        serde_json::from_str(&text[last..]).unwrap()
    });
    let id = done["id"].as_str().unwrap().to_string();
    let o = t.run(home.path(), &["actions", "package", &id]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(
        out(&o).trim().starts_with("http://") && !out(&o).contains('"'),
        "{}",
        out(&o)
    );

    let o = t.run(
        home.path(),
        &["actions", "list", "--machine", "ws-fin-001", "--json"],
    );
    let list: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    let o = t.run(
        home.path(),
        &["actions", "list", "--type", "RunAntiVirusScan"],
    );
    assert_eq!(out(&o).lines().count(), 2, "{}", out(&o));
    let o = t.run(home.path(), &["actions", "list", "--status", "bogus"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("pending, inprogress, succeeded"),
        "{}",
        err(&o)
    );
    let o = t.run(home.path(), &["actions", "get", &id]);
    assert!(
        out(&o).contains("CollectInvestigationPackage") && out(&o).contains("Succeeded"),
        "{}",
        out(&o)
    );

    // Cancel: only what has not ended.
    let o = t.run(home.path(), &["machines", "release", WS, "--comment", "x"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = t.run(
        home.path(),
        &[
            "machines",
            "restrict",
            WS,
            "--comment",
            "lock down",
            "--yes",
            "--json",
        ],
    );
    let pending: Value = serde_json::from_slice(&o.stdout).unwrap();
    let pid = pending["id"].as_str().unwrap();
    let o = t.run(
        home.path(),
        &["actions", "cancel", pid, "--comment", "wrong device"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("Cancelled"));
    let o = t.run(
        home.path(),
        &["actions", "cancel", pid, "--comment", "again"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("final state"), "{}", err(&o));
    assert!(audit(home.path()).iter().any(|a| a == "action-cancel"));
}

#[test]
fn a_missing_permission_exits_77_and_names_it() {
    let t = Tenant::start(&["Machine.Isolate"]);
    let home = tempfile::tempdir().unwrap();
    let o = t.run(
        home.path(),
        &["machines", "isolate", WS, "--comment", "c", "--yes"],
    );
    assert_eq!(o.status.code(), Some(77), "{}", err(&o));
    assert!(
        err(&o).contains("Machine.Isolate") && err(&o).contains("README"),
        "{}",
        err(&o)
    );
    assert!(t.actions().is_empty());
    assert_eq!(audit(home.path()), ["action-send", "action-failed"]);
    let o = t.run(home.path(), &["machines", "scan", WS, "--comment", "c"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "the other permissions still work: {}",
        err(&o)
    );
}

#[test]
fn indicators_are_added_listed_and_deleted_with_the_rules_checked_first() {
    let t = Tenant::start(&[]);
    let home = tempfile::tempdir().unwrap();
    let o = t.run(
        home.path(),
        &[
            "indicators",
            "add",
            "evil.example",
            "--action",
            "block",
            "--severity",
            "high",
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let i: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (i["indicatorType"].as_str(), i["action"].as_str()),
        (Some("DomainName"), Some("Block"))
    );
    assert!(i["expirationTime"].is_string(), "30 days by default");
    assert!(err(&o).contains("48 hours"));
    let id = i["id"].as_str().unwrap().to_string();
    let sha = "87662BC3D60E4200CEAF7AAE249D1C343F4B83C9";
    let o = t.run(
        home.path(),
        &[
            "indicators",
            "add",
            sha,
            "--action",
            "audit",
            "--expires",
            "never",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("Audit FileSha1"), "{}", out(&o));
    let o = t.run(
        home.path(),
        &["indicators", "list", "--type", "sha1", "--json"],
    );
    let l: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(l.as_array().unwrap().len(), 1);
    assert_eq!(l[0]["generateAlert"], true, "audit raises alerts");
    for (args, needle) in [
        (vec!["10.0.0.1", "--action", "block"], "internal"),
        (vec!["198.51.100.0/24", "--action", "block"], "CIDR"),
        (
            vec!["evil.example", "--action", "block-and-remediate"],
            "file hashes only",
        ),
        (
            vec!["abc", "--type", "sha256", "--action", "block"],
            "64 hexadecimal",
        ),
        (
            vec!["evil.example", "--action", "alertandblock"],
            "possible values",
        ),
        (vec!["nothing", "--action", "block"], "--type"),
    ] {
        let mut full = vec!["indicators", "add"];
        full.extend(args.iter().copied());
        let o = t.run(home.path(), &full);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        assert!(err(&o).contains(needle), "{args:?}: {}", err(&o));
    }
    let o = t.run(home.path(), &["indicators", "delete", &id]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = t.run(home.path(), &["indicators", "delete", &id]);
    assert_eq!(o.status.code(), Some(2));
    let o = t.run(
        home.path(),
        &[
            "--read-only",
            "indicators",
            "add",
            "evil.example",
            "--action",
            "block",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let steps = audit(home.path());
    assert_eq!(steps.iter().filter(|s| *s == "indicator-add").count(), 2);
    assert_eq!(steps.iter().filter(|s| *s == "indicator-delete").count(), 2);
}
