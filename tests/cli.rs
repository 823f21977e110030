//! The real binary from a script's point of view: exit codes, messages on stderr, output formats,
//! and the outbox path of `alerts update`, against the emulator on 127.0.0.1:0.

use std::path::Path;
use std::process::{Command, Output};

const SECRET: &str = "s3cr3t-value-never-printed";

/// The binary with a private home, no inherited MDE/Azure settings, and `extra` env.
fn run(home: &Path, args: &[&str], extra: &[(&str, &str)]) -> Output {
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

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
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
        e.contains("bad.toml") && e.contains("poll_intervall") && e.contains("line 3"),
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
