//! The real binary from a script's point of view: exit codes, messages on stderr, output formats,
//! and the outbox path of `alerts update`, against the emulator on 127.0.0.1:0.

use std::path::Path;
use std::process::{Command, Output};

const SECRET: &str = "s3cr3t-value-never-printed";

/// The binary with a private home, no inherited MDE/Azure settings, and `extra` env.
pub(super) fn run(home: &Path, args: &[&str], extra: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mde-triage"));
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"));
    for (k, v) in extra {
        cmd.env(k, v);
    }
    cmd.output().expect("binary runs")
}

pub(super) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub(super) fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn usage_errors_exit_2() {
    let home = tempfile::tempdir().unwrap();
    let o = run(home.path(), &["alerts", "list", "--top", "0"], &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = run(home.path(), &["no-such-command"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(
        home.path(),
        &[
            "alerts",
            "update",
            "da1",
            "--classification",
            "true-positive",
        ],
        &[],
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "classification needs a determination"
    );
    let o = run(home.path(), &["--help"], &[]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("alerts"));
}

#[test]
fn a_bad_config_names_file_and_key_and_exits_78() {
    let home = tempfile::tempdir().unwrap();
    let cfg = home.path().join("bad.toml");
    std::fs::write(
        &cfg,
        "[profiles.prod]\ntenant_id = \"t\"\npoll_intervall = 5\n",
    )
    .unwrap();
    let o = run(
        home.path(),
        &["info", "--config", cfg.to_str().unwrap()],
        &[],
    );
    assert_eq!(o.status.code(), Some(78), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("bad.toml:3:1") && e.contains("poll_intervall"),
        "{e}"
    );
    assert!(!e.contains("panicked"), "{e}");

    let o = run(home.path(), &["info", "--profile", "nope"], &[]);
    assert_eq!(o.status.code(), Some(78), "{}", stderr(&o));
}

#[test]
fn info_shows_paths_and_hosts_but_never_the_secret() {
    let home = tempfile::tempdir().unwrap();
    let o = run(
        home.path(),
        &["info", "--region", "eu"],
        &[
            ("AZURE_CLIENT_SECRET", SECRET),
            ("AZURE_TENANT_ID", "contoso"),
            ("MDE_TRIAGE_IDENTITY", "me@contoso.com"),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.contains(SECRET) && !stderr(&o).contains(SECRET));
    assert!(out.contains("eu.api.security.microsoft.com"), "{out}");
    assert!(
        out.contains(&home.path().join("config").display().to_string()),
        "{out}"
    );
    assert!(out.contains("me@contoso.com") && out.contains("AZURE_CLIENT_SECRET (set)"));
    // The log file is where info says, and holds no secret either.
    let log = home.path().join("state/mde-triage/mde-triage.log");
    assert!(out.contains(&log.display().to_string()), "{out}");
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(!logged.contains(SECRET));
}

#[test]
fn the_console_without_a_terminal_says_what_to_use_instead() {
    let home = tempfile::tempdir().unwrap();
    for args in [&[][..], &["--demo"][..]] {
        let o = run(home.path(), args, &[]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stderr(&o).contains("needs a terminal"), "{}", stderr(&o));
        assert!(o.stdout.is_empty(), "nothing drawn on a pipe");
    }
}

#[test]
fn missing_sign_in_settings_exit_77_with_the_cause() {
    let home = tempfile::tempdir().unwrap();
    let o = run(
        home.path(),
        &["alerts", "list", "--api-url", "http://127.0.0.1:9"],
        &[],
    );
    assert_eq!(o.status.code(), Some(77), "{}", stderr(&o));
    assert!(stderr(&o).contains("AZURE_TENANT_ID"), "{}", stderr(&o));
}

/// An emulator on 127.0.0.1:0 and the environment a client needs for it.
pub(super) struct Service {
    rt: tokio::runtime::Runtime,
    emu: Option<mde_emulator::EmulatorHandle>,
    env: Vec<(&'static str, String)>,
}

impl Service {
    pub(super) fn start(alerts: Vec<mde_model::Alert>) -> Service {
        use mde_emulator::{EmulatorConfig, spawn};
        let rt = tokio::runtime::Runtime::new().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("alerts.json");
        std::fs::write(&data, serde_json::to_string(&alerts).unwrap()).unwrap();
        let emu = rt
            .block_on(spawn(EmulatorConfig {
                data_file: Some(data),
                rate_limits: None,
                ..EmulatorConfig::default()
            }))
            .unwrap();
        let base = emu.base_url();
        Service {
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

    pub(super) fn run(&self, home: &Path, args: &[&str]) -> Output {
        let env: Vec<(&str, &str)> = self.env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        run(home, args, &env)
    }

    pub(super) fn alert(&self, id: &str) -> mde_model::Alert {
        self.emu.as_ref().unwrap().alert(id).expect("alert exists")
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        if let Some(emu) = self.emu.take() {
            self.rt.block_on(emu.shutdown());
        }
    }
}

fn alert(id: &str, title: &str, severity: mde_model::Severity) -> mde_model::Alert {
    let mut a = mde_model::Alert::new(id, title);
    a.severity = severity;
    a.alert_creation_time = Some(mde_model::Timestamp::now());
    a.last_update_time = a.alert_creation_time;
    a
}

fn sample() -> Vec<mde_model::Alert> {
    use mde_model::Severity;
    vec![
        alert(
            "da1",
            "=HYPERLINK(\"http://x\")\u{1b}]52;c;aGk=\u{7}",
            Severity::High,
        ),
        alert("da2", "Suspicious PowerShell", Severity::Medium),
        alert("da3", "x' or severity eq 'Low", Severity::Low),
    ]
}

#[test]
fn list_filters_and_formats() {
    let svc = Service::start(sample());
    let home = tempfile::tempdir().unwrap();

    // JSON: raw values, valid JSON, only the matching alerts.
    let o = svc.run(
        home.path(),
        &["alerts", "list", "--severity", "high,medium", "--json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let mut ids: Vec<_> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, ["da1", "da2"]);
    let raw = v
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "da1")
        .unwrap();
    assert!(
        raw["title"].as_str().unwrap().contains('\u{1b}'),
        "--json keeps the raw value"
    );

    // CSV: the formula cell is neutralised and no escape byte survives.
    let o = svc.run(home.path(), &["alerts", "list", "--csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = stdout(&o);
    assert!(csv.contains("\"'=HYPERLINK"), "{csv}");
    assert!(!csv.contains('\u{1b}'));

    // Plain text into a pipe: one line per alert, no control characters.
    let o = svc.run(home.path(), &["alerts", "list"]);
    let text = stdout(&o);
    assert_eq!(text.lines().count(), 4, "{text}");
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );

    // A reader that stops early (`| head -1`) is not an error.
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mde-triage"));
    cmd.args(["alerts", "list"])
        .env_clear()
        .env("HOME", home.path())
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"));
    for (k, v) in &svc.env {
        cmd.env(k, v);
    }
    let child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Closing our end before it writes makes every write a broken pipe.
    let mut child = child;
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // A quote in a --filter value stays inside its literal.
    let o = svc.run(
        home.path(),
        &[
            "alerts",
            "list",
            "--json",
            "--filter",
            "id eq 'x'' or severity eq ''Low'",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        0,
        "the injection matched nothing"
    );

    let o = svc.run(
        home.path(),
        &["alerts", "list", "--filter", "sevrity eq 'High'"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("sevrity"));
}

#[test]
fn get_shows_one_alert_and_a_missing_one_fails() {
    let svc = Service::start(sample());
    let home = tempfile::tempdir().unwrap();
    let o = svc.run(home.path(), &["alerts", "get", "da2"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Suspicious PowerShell"));
    let o = svc.run(home.path(), &["alerts", "get", "da2", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["id"], "da2");
    let o = svc.run(home.path(), &["alerts", "get", "nope"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("404"), "{}", stderr(&o));
}

#[test]
fn update_goes_through_the_outbox_and_arrives_once() {
    let svc = Service::start(sample());
    let home = tempfile::tempdir().unwrap();
    let o = svc.run(
        home.path(),
        &[
            "alerts",
            "update",
            "da1",
            "da2",
            "--status",
            "InProgress",
            "--assign",
            "me",
            "--classification",
            "TruePositive",
            "--determination",
            "Malware",
            "--comment",
            "looked at it",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("delivered"));
    for id in ["da1", "da2"] {
        let a = svc.alert(id);
        assert_eq!(a.status.as_str(), "InProgress");
        assert_eq!(a.assigned_to.as_deref(), Some("me@contoso.example"));
        assert_eq!(
            a.determination.as_ref().map(|d| d.as_str()),
            Some("Malware")
        );
        let n = a
            .comments
            .iter()
            .filter(|c| c.comment == "looked at it")
            .count();
        assert_eq!(n, 1, "{id}");
    }
    let o = svc.run(home.path(), &["outbox", "list"]);
    assert_eq!(stdout(&o).trim(), "outbox empty");
    let o = svc.run(home.path(), &["outbox", "list", "--all"]);
    assert!(stdout(&o).contains("done"), "{}", stdout(&o));

    // Queued without sending, then sent by `outbox retry`.
    let o = svc.run(
        home.path(),
        &["alerts", "update", "da3", "--comment", "later", "--no-send"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(svc.alert("da3").comments.is_empty());
    assert!(stdout(&svc.run(home.path(), &["outbox"])).contains("pending"));
    let o = svc.run(home.path(), &["outbox", "retry"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(svc.alert("da3").comments.len(), 1);

    // Read-only refuses before anything is queued.
    let o = svc.run(
        home.path(),
        &["alerts", "update", "da3", "--comment", "x", "--read-only"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// The README's key table, generated from the keymap: one table per context, in keymap order.
fn keys_markdown() -> String {
    use mde_console::app::BINDINGS;
    let code = |s: &str| {
        let s = s.replace('|', "\\|");
        if s.contains('`') {
            format!("`` {s} ``")
        } else {
            format!("`{s}`")
        }
    };
    let mut contexts = Vec::new();
    for b in BINDINGS.iter() {
        if !contexts.contains(&b.context) {
            contexts.push(b.context);
        }
    }
    let mut out = String::new();
    for ctx in contexts {
        out.push_str(&format!(
            "\n**{}**\n\n| Keys | Action |\n|---|---|\n",
            ctx.label()
        ));
        for b in BINDINGS
            .iter()
            .filter(|b| b.context == ctx && !b.keys.is_empty())
        {
            let keys: Vec<String> = b.keys.iter().map(|k| code(&k.label())).collect();
            out.push_str(&format!("| {} | {} |\n", keys.join(" "), b.description));
        }
    }
    out.push('\n');
    out
}

#[test]
fn readme_keys_table_matches_the_keymap() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- keys:start -->", "<!-- keys:end -->");
    let a = readme.find(start).expect("keys start marker") + start.len();
    let b = readme.find(end).expect("keys end marker");
    let want = keys_markdown();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &readme[..a], want, &readme[b..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        readme[a..b] == want,
        "README's key table is stale: UPDATE_README=1 cargo test --test it readme"
    );
}
