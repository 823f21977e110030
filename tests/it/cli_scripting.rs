//! The scripting CLI as a user meets it (issue 14), the real binary against the emulator's demo
//! tenant on 127.0.0.1:0: tables fitted to 80 and 200 columns and to a pipe, `alerts get`'s
//! sections, `--query` agreeing with the console's own filter, errors that teach, and `alerts
//! watch` picking up an alert added on the service, ending on a closed pipe and resuming.
//! Waits are on conditions (a line read, an exit) under a deadline, never fixed sleeps.

use super::pty::Session;
use mde_console::app::list::ListState;
use mde_emulator::{EmulatorConfig, EmulatorHandle};
use mde_model::{Alert, AlertRow};
use mde_text::width::width;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const DEADLINE: Duration = Duration::from_secs(60);

/// The demo tenant's analyst with the most alerts assigned: `assigned:me` has something to find.
pub const ME: &str = "dmitri.soc@contoso.com";

/// The emulator with the demo tenant, in this process.
pub struct Demo {
    rt: tokio::runtime::Runtime,
    emu: Option<EmulatorHandle>,
}

impl Demo {
    pub fn start() -> Demo {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let emu = rt
            .block_on(mde_emulator::spawn(EmulatorConfig {
                alerts: 120,
                rate_limits: None,
                ..EmulatorConfig::default()
            }))
            .unwrap();
        Demo { rt, emu: Some(emu) }
    }

    pub fn emu(&self) -> &EmulatorHandle {
        self.emu.as_ref().unwrap()
    }

    pub fn env(&self) -> Vec<(&'static str, String)> {
        let app = EmulatorConfig::default().app;
        vec![
            ("MDE_API_URL", self.emu().base_url()),
            ("MDE_LOGIN_URL", self.emu().login_url()),
            ("AZURE_TENANT_ID", self.emu().tenant().to_string()),
            ("AZURE_CLIENT_ID", app.client_id),
            ("AZURE_CLIENT_SECRET", app.secret),
            ("MDE_TRIAGE_IDENTITY", ME.to_string()),
        ]
    }

    /// The binary with a private home, signed in to the emulator.
    fn command(&self, home: &Path, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mde-triage"));
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_STATE_HOME", home.join("state"))
            .stdin(Stdio::null());
        for (k, v) in self.env() {
            cmd.env(k, v);
        }
        cmd
    }

    fn run(&self, home: &Path, args: &[&str]) -> Output {
        self.command(home, args).output().expect("binary runs")
    }

    /// `alerts …` in a pty `cols` wide: what it printed, line by line.
    fn run_in_terminal(&self, home: &Path, args: &[&str], cols: u16) -> Vec<String> {
        let env = self.env();
        let s = Session::start_env(args, home, cols, 50, &env);
        let (status, seen) = s.wait_exit();
        assert!(status.success(), "{status:?}");
        String::from_utf8_lossy(&seen.raw)
            .split('\n')
            .map(|l| l.trim_end_matches('\r').to_string())
            .filter(|l| !l.is_empty())
            .collect()
    }

    pub fn alerts(&self) -> Vec<Alert> {
        let emu = self.emu();
        emu.alert_ids()
            .iter()
            .filter_map(|id| emu.alert(id))
            .collect()
    }

    /// `POST /_emulator/alerts`: the service gains (or changes) an alert.
    fn add(&self, alert: &serde_json::Value) {
        let url = format!("{}/_emulator/alerts", self.emu().base_url());
        let body = alert.to_string();
        let status = self.rt.block_on(async {
            reqwest::Client::new()
                .post(url)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .map(|r| r.status())
        });
        assert!(status.unwrap().is_success());
    }

    /// `PUT /_emulator/faults`.
    pub fn faults(&self, json: &str) {
        let url = format!("{}/_emulator/faults", self.emu().base_url());
        let body = json.to_string();
        let status = self.rt.block_on(async {
            reqwest::Client::new()
                .put(url)
                .body(body)
                .send()
                .await
                .map(|r| r.status())
        });
        assert!(status.unwrap().is_success());
    }
}

impl Drop for Demo {
    fn drop(&mut self) {
        if let Some(emu) = self.emu.take() {
            self.rt.block_on(emu.shutdown());
        }
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The ids in `alerts list --json` output.
fn json_ids(o: &Output) -> BTreeSet<String> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    v.as_array()
        .expect("an array")
        .iter()
        .map(|a| a["id"].as_str().expect("an id").to_string())
        .collect()
}

#[test]
fn tables_fit_80_and_200_columns_and_a_pipe_and_never_cut_an_id() {
    let demo = Demo::start();
    let home = tempfile::tempdir().unwrap();
    let ids: Vec<String> = demo.alerts().into_iter().map(|a| a.id).collect();
    let check = |lines: &[String], limit: usize| {
        assert_eq!(
            lines.len(),
            ids.len() + 1,
            "a header and one line per alert"
        );
        assert!(lines[0].starts_with("ID "), "{}", lines[0]);
        for l in lines {
            assert!(width(l) <= limit, "{} > {limit}: {l}", width(l));
            assert!(!l.chars().any(char::is_control), "{l:?}");
        }
        for id in &ids {
            assert!(
                lines
                    .iter()
                    .any(|l| l.split(' ').next() == Some(id.as_str())),
                "id {id} is whole at {limit}"
            );
        }
    };
    let narrow = demo.run_in_terminal(home.path(), &["alerts", "list"], 80);
    check(&narrow, 80);
    assert!(
        narrow.iter().any(|l| l.ends_with('…')),
        "titles are cut at 80"
    );
    let wide = demo.run_in_terminal(home.path(), &["alerts", "list"], 200);
    check(&wide, 200);
    for h in ["SEV", "STATUS", "AGE", "DEVICE", "USER", "TITLE"] {
        assert!(wide[0].contains(h), "{h} at 200: {}", wide[0]);
    }
    let head = |l: &str, h: &str| width(&l[..l.find(h).unwrap()]);
    assert!(head(&wide[0], "TITLE") > head(&narrow[0], "TITLE") || !narrow[0].contains("DEVICE"));
    // Columns line up on every line: each header starts where its cells start.
    let title_at = head(&wide[0], "TITLE");
    let alerts = demo.alerts();
    for l in &wide[1..] {
        let id = l.split(' ').next().unwrap();
        let a = alerts.iter().find(|a| a.id == id).unwrap();
        let shown = mde_text::truncate(&a.title, 200).into_owned();
        let cell = shown.trim_end_matches('…');
        let at = l
            .find(cell.chars().take(8).collect::<String>().as_str())
            .expect("title shown");
        assert_eq!(width(&l[..at]), title_at, "{l}");
    }

    // Into a pipe: 120 columns; --wide keeps every title whole.
    let piped = stdout(&demo.run(home.path(), &["alerts", "list"]));
    let lines: Vec<String> = piped.lines().map(str::to_string).collect();
    check(&lines, 120);
    let whole = stdout(&demo.run(home.path(), &["alerts", "list", "--wide"]));
    for a in &alerts {
        let title = mde_text::log_escape(&a.title);
        assert!(whole.contains(title.trim_end()), "{}", a.title);
    }
    // Chosen columns, no header.
    let o = demo.run(
        home.path(),
        &["alerts", "list", "--columns", "sev,id", "--no-header"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert_eq!(text.lines().count(), ids.len());
    for l in text.lines() {
        let mut parts = l.split_whitespace();
        let sev = parts.next().unwrap();
        assert!(["High", "Medium", "Low", "Info"].contains(&sev), "{l}");
        let id = parts.next().unwrap_or_default();
        assert!(ids.iter().any(|i| i == id), "{l}");
    }
}

#[test]
fn get_shows_the_detail_panes_sections_and_the_evidence_tree() {
    let demo = Demo::start();
    let home = tempfile::tempdir().unwrap();
    let alerts = demo.alerts();
    let a = alerts
        .iter()
        .filter(|a| a.evidence.len() >= 2 && !a.comments.is_empty())
        .max_by_key(|a| (a.mitre_techniques.len().min(1), a.evidence.len()))
        .expect("a demo alert with evidence and comments");
    let o = demo.run(home.path(), &["alerts", "get", &a.id]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = stdout(&o);
    assert!(t.starts_with(&*mde_text::log_escape(&a.title)), "{t}");
    for section in [
        "Device and user",
        "Times (UTC)",
        "MITRE ATT&CK",
        "Description",
        &format!("Evidence ({})", a.evidence.len()),
        &format!("Comments ({})", a.comments.len()),
    ] {
        assert!(t.lines().any(|l| l == section), "{section}: {t}");
    }
    if let Some(c) = a.alert_creation_time {
        let when = c.0.format("%Y-%m-%d %H:%M:%S UTC").to_string();
        assert!(t.contains(&format!("Created          {when} (")), "{t}");
    }
    if let Some(id) = a.mitre_techniques.first() {
        let name = mde_text::mitre::resolve(id).technique().map(|t| t.name);
        assert!(
            name.is_none_or(|n| t.contains(n)),
            "MITRE name of {id}: {t}"
        );
    }
    // The evidence is the console's tree: the same nodes, indented by depth.
    let tree = mde_console::app::detail::evidence::EvidenceTree::build(a);
    let shown: Vec<&str> = t
        .lines()
        .skip_while(|l| !l.starts_with("Evidence ("))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(shown.len(), tree.nodes.len(), "{t}");
    for (line, node) in shown.iter().zip(&tree.nodes) {
        let indent = line.len() - line.trim_start().len();
        assert_eq!(indent, 2 + 2 * usize::from(node.depth), "{line}");
        let label = mde_text::log_escape(&node.label);
        assert!(line.trim_start().starts_with(&*label), "{line} vs {label}");
    }
    for c in &a.comments {
        let safe = mde_text::sanitize_multiline(&c.comment).text.into_owned();
        let first = safe
            .lines()
            .next()
            .unwrap_or_default()
            .trim_end()
            .to_string();
        assert!(t.contains(&first), "comment {first}: {t}");
    }
    // --json is the service's JSON.
    let o = demo.run(home.path(), &["alerts", "get", &a.id, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["id"], a.id.as_str());
    assert_eq!(
        v["evidence"].as_array().map(Vec::len),
        Some(a.evidence.len())
    );
}

#[test]
fn query_agrees_with_the_consoles_filter_on_the_demo_tenant() {
    let demo = Demo::start();
    let home = tempfile::tempdir().unwrap();
    let alerts = demo.alerts();
    // The console's list, filled with the same alerts.
    let mut list = ListState::default();
    for a in &alerts {
        let _ = list.rows.upsert(AlertRow::from_alert(a));
    }
    list.rebuild(ME);
    let incident = alerts
        .iter()
        .find_map(|a| a.incident_id)
        .expect("an incident")
        .to_string();
    let queries = [
        "sev:high".to_string(),
        "!status:resolved".to_string(),
        "sev:high,med !status:resolved".to_string(),
        "status:new assigned:none".to_string(),
        "assigned:me".to_string(),
        "!assigned:none sev:low,info".to_string(),
        "powershell".to_string(),
        "device:ws".to_string(),
        "user:contoso\\j !sev:high".to_string(),
        "cat:exec".to_string(),
        "class:true".to_string(),
        "\"cobalt strike\"".to_string(),
        format!("incident:{incident}"),
        "src:windows !powershell".to_string(),
    ];
    let mut non_empty = 0;
    for q in &queries {
        list.set_filter_text(q, ME);
        assert!(list.filter_error.is_none(), "{q}");
        let console: BTreeSet<String> = list.rows.iter_view().map(|r| r.id.clone()).collect();
        let o = demo.run(home.path(), &["alerts", "list", "--json", "--query", q]);
        assert_eq!(o.status.code(), Some(0), "{q}: {}", stderr(&o));
        assert_eq!(
            json_ids(&o),
            console,
            "--query {q:?} and the console disagree"
        );
        non_empty += usize::from(!console.is_empty() && console.len() < alerts.len());
    }
    assert!(non_empty >= 10, "the queries select something: {non_empty}");
    // With other options: ANDed, and --top counts after the local terms.
    let o = demo.run(
        home.path(),
        &[
            "alerts",
            "list",
            "--json",
            "--query",
            "powershell",
            "--severity",
            "high",
            "--top",
            "2",
        ],
    );
    let ids = json_ids(&o);
    assert!(ids.len() <= 2 && !ids.is_empty(), "{ids:?}");
    let text = mde_console::app::list::filter::Query::parse("powershell").unwrap();
    for id in &ids {
        let a = alerts.iter().find(|a| &a.id == id).unwrap();
        assert_eq!(a.severity, mde_model::Severity::High);
        assert!(text.matches(&AlertRow::from_alert(a), ME), "{id}");
    }
}

#[test]
fn mistakes_list_the_valid_values_with_a_near_miss_and_exit_2() {
    let demo = Demo::start();
    let home = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &[&str]); 7] = [
        (
            &["alerts", "list", "--status", "resolvd"],
            &["New, InProgress, Resolved", "did you mean \"Resolved\""],
        ),
        (
            &["alerts", "list", "--severity", "hgih"],
            &["High, Medium, Low, Informational", "did you mean \"High\""],
        ),
        (
            &["alerts", "list", "--columns", "id,sev,titel"],
            &["id, sev, status, age", "did you mean \"title\""],
        ),
        (
            &["alerts", "list", "--query", "status:resolvd"],
            &["Resolved", "did you mean \"Resolved\""],
        ),
        (
            &["alerts", "list", "--query", "sevrity:high"],
            &["unknown field 'sevrity'", "sev status assigned"],
        ),
        (
            &[
                "alerts",
                "update",
                "da1",
                "--classification",
                "FalsePositive",
                "--determination",
                "NotMalicous",
            ],
            &[
                "for FalsePositive",
                "NotMalicious",
                "did you mean \"NotMalicious\"",
            ],
        ),
        (
            &["--region", "uk2", "alerts", "list"],
            &["gcc-high", "did you mean \"uk\""],
        ),
    ];
    for (args, wants) in cases {
        let o = demo.run(home.path(), args);
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {e}");
        for w in wants {
            assert!(e.contains(w), "{args:?}: {w:?} in {e}");
        }
        assert!(!e.contains("panicked"), "{e}");
    }
    // A determination of another classification names the ones this one allows.
    let o = demo.run(
        home.path(),
        &[
            "alerts",
            "update",
            "da1",
            "--classification",
            "TruePositive",
            "--determination",
            "NotMalicious",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("not valid") && e.contains("Malware") && !e.contains("NoEnoughDataToValidate"),
        "{e}"
    );
}

/// Reads the child's stdout on a thread: each line is sent on; after `keep` lines the reader
/// is dropped, which closes the pipe as `| head -n keep` would.
fn read_lines(out: std::process::ChildStdout, keep: usize) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut r = BufReader::new(out);
        for _ in 0..keep {
            let mut line = String::new();
            if r.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let _ = tx.send(line.trim_end().to_string());
        }
    });
    rx
}

/// Waits until the watch says on stderr that it is watching (its start is fixed from then on).
fn wait_started(err: std::process::ChildStderr) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let first = rx.recv_timeout(DEADLINE).expect("the watch starts");
    assert!(first.contains("watching"), "{first}");
    rx
}

fn wait_exit(mut child: std::process::Child) -> Option<i32> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait());
    });
    rx.recv_timeout(DEADLINE)
        .expect("the watch ends in time")
        .expect("exit status")
        .code()
}

fn new_alert(id: &str, title: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "title": title,
        "severity": "High",
        "status": "New",
        "alertCreationTime": mde_model::Timestamp::now().to_wire(),
        "computerDnsName": "ws-watch-01",
    })
}

#[test]
fn watch_picks_up_an_added_alert_ends_on_a_closed_pipe_and_resumes_without_repeating() {
    let demo = Demo::start();
    let home = tempfile::tempdir().unwrap();
    let watch = |extra: &[&str]| {
        let mut args = vec![
            "alerts",
            "watch",
            "--interval",
            "1",
            "--query",
            "sev:high ws-watch",
        ];
        args.extend_from_slice(extra);
        demo.command(home.path(), &args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("watch starts")
    };

    // An alert added on the service shows up as one line; then the reader goes away.
    let mut w = watch(&[]);
    let _err = wait_started(w.stderr.take().unwrap());
    let lines = read_lines(w.stdout.take().unwrap(), 1);
    demo.add(&new_alert("da-watch-1", "First watched alert"));
    let line = lines
        .recv_timeout(DEADLINE)
        .expect("the added alert is reported");
    assert!(
        line.contains(" new ") && line.contains("da-watch-1"),
        "{line}"
    );
    assert!(
        line.contains("High") && line.contains("First watched alert"),
        "{line}"
    );
    assert_eq!(
        wait_exit(w),
        Some(0),
        "a closed pipe ends the watch quietly"
    );

    // While it is down another alert arrives (and one the query leaves out); the restarted
    // watch reports the new one first, never the one already delivered.
    demo.add(&new_alert("da-watch-2", "Second watched alert"));
    let mut low = new_alert("da-watch-low", "Not for this query");
    low["severity"] = "Low".into();
    demo.add(&low);
    let mut w = watch(&[]);
    let _err = wait_started(w.stderr.take().unwrap());
    let lines = read_lines(w.stdout.take().unwrap(), 1);
    let line = lines
        .recv_timeout(DEADLINE)
        .expect("the alert added meanwhile");
    assert!(
        line.contains("da-watch-2"),
        "resumed without repeating: {line}"
    );
    assert_eq!(wait_exit(w), Some(0));

    // JSON lines, a change of a known alert, and SIGTERM ends it with 0.
    let mut w = watch(&["--json", "--name", "json-feed", "--since", "1h"]);
    let _err = wait_started(w.stderr.take().unwrap());
    // The reader stays (a fourth line never comes), so only the signal can end this watch.
    let lines = read_lines(w.stdout.take().unwrap(), 4);
    let mut got = Vec::new();
    for _ in 0..2 {
        let l = lines.recv_timeout(DEADLINE).expect("a JSON line");
        let v: serde_json::Value = serde_json::from_str(&l).expect("one JSON object a line");
        got.push((
            v["event"].as_str().unwrap().to_string(),
            v["alert"]["id"].as_str().unwrap().to_string(),
        ));
    }
    assert_eq!(
        got,
        [
            ("new".to_string(), "da-watch-1".to_string()),
            ("new".to_string(), "da-watch-2".to_string())
        ]
    );
    let mut changed = new_alert("da-watch-1", "First watched alert, now in progress");
    changed["status"] = "InProgress".into();
    changed["alertCreationTime"] = demo
        .emu()
        .alert("da-watch-1")
        .unwrap()
        .alert_creation_time
        .unwrap()
        .to_wire()
        .into();
    demo.add(&changed);
    let l = lines.recv_timeout(DEADLINE).expect("the change");
    let v: serde_json::Value = serde_json::from_str(&l).unwrap();
    assert_eq!(v["event"], "changed", "{l}");
    assert_eq!(v["alert"]["status"], "InProgress", "{l}");
    // SAFETY: kill(2) on the child's pid with SIGTERM.
    let rc = unsafe { libc::kill(w.id() as i32, libc::SIGTERM) };
    assert_eq!(rc, 0);
    assert_eq!(wait_exit(w), Some(0), "SIGTERM stops the watch cleanly");
}
