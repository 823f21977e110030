//! The real binary in a pseudo-terminal, driven by keys as an analyst would: start on the
//! embedded emulator, triage an alert, quit, and check both the service's state and that the
//! terminal was handed back intact; the same after SIGTERM; and a SIGKILL in the middle of
//! `alerts update` that still delivers every write exactly once.
//!
//! Waits poll the parsed screen under a deadline, woken by each chunk of output (no sleeps).
//! Run with `CARGO_TARGET_DIR` pointing at a private dir when the target dir is shared.
//! The pty harness is shared with the hostile suite (`pty.rs`).

use super::pty::{Session, assert_restored};
use std::path::{Path, PathBuf};

/// Who `--demo` signs in as (`src/cli/demo.rs`): "assign to me" and our comments name them.
const DEMO_ANALYST: &str = "analyst@contoso.com";

/// The first frame of the console: the list, on its default view (the open queue), is there,
/// synced, with a selected row.
fn console_ready(s: &vt100::Screen) -> bool {
    let c = s.contents();
    c.starts_with("┌ Open queue ") && c.contains("synced") && c.contains('▸')
}

/// The selected row of the list (the one with the cursor marker).
fn selected_row(s: &vt100::Screen) -> String {
    s.contents()
        .lines()
        .find(|l| l.contains('▸'))
        .unwrap_or_default()
        .to_string()
}

/// The selected row carries no pending-write marker: the service confirmed what was sent.
fn confirmed(s: &vt100::Screen) -> bool {
    let row = selected_row(s);
    !row.is_empty() && !row.chars().take(8).any(|c| c == '~')
}

fn demo_state(path: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).expect("the demo wrote its state file");
    let v: serde_json::Value = serde_json::from_str(&text).expect("state is JSON");
    v["value"].as_array().expect("value array").clone()
}

#[test]
fn demo_triage_then_quit_restores_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let state: PathBuf = home.path().join("emulator-state.json");
    let mut s = Session::start(
        &["--demo", "--demo-state", state.to_str().unwrap()],
        home.path(),
        100,
        30,
    );
    s.wait_for("the alert list", console_ready);
    assert!(s.seen.0.lock().unwrap().parser.screen().alternate_screen());

    // Each write waits for the service's confirmation before the next, as an analyst watching
    // the pending marker would: a write based on a stale version is (rightly) a conflict.
    s.keys(b"a");
    s.wait_for("the assignment, confirmed", |sc| {
        // The owner column shows the name before the `@`.
        let row = selected_row(sc);
        row.split_whitespace().any(|w| w == "analyst") && confirmed(sc)
    });
    // Classify: true positive, then a determination valid for it.
    s.keys(b"c");
    s.wait_text("True positive");
    s.keys(b"\r");
    s.wait_text("determination");
    s.keys(b"\r");
    s.wait_for("the classification, confirmed", |sc| {
        !sc.contents().contains("determination") && confirmed(sc)
    });
    // Comment: type, send with Ctrl-S.
    s.keys(b"C");
    s.wait_text("Comment on");
    s.keys(b"triaged from the pty test");
    s.wait_text("triaged from the pty test");
    s.keys(b"\x13");
    s.wait_for("the comment, confirmed", |sc| {
        !sc.contents().contains("Comment on") && confirmed(sc)
    });
    s.keys(b"q");
    // With writes still unconfirmed the console asks; the answer is "quit".
    let quit = s.wait_for("quit or its confirmation", |sc| {
        !sc.alternate_screen() || sc.contents().contains("Quit?")
    });
    if quit.contains("Quit?") {
        s.keys(b"y");
    }
    let (status, seen) = s.wait_exit();
    assert!(status.success(), "{status:?}");
    assert_restored(&seen);
    assert!(
        String::from_utf8_lossy(&seen.raw).contains("\x1b[?2026h"),
        "frames are synchronized"
    );

    let alerts = demo_state(&state);
    let mine: Vec<_> = alerts
        .iter()
        .filter(|a| a["assignedTo"] == DEMO_ANALYST)
        .collect();
    assert_eq!(mine.len(), 1, "exactly one alert was triaged");
    let a = mine[0];
    assert_eq!(a["classification"], "TruePositive");
    assert_eq!(a["determination"], "MultiStagedAttack");
    let comments: Vec<_> = a["comments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["comment"] == "triaged from the pty test")
        .collect();
    assert_eq!(comments.len(), 1, "the comment arrived once: {a}");
    assert_eq!(comments[0]["createdBy"], DEMO_ANALYST);
}

#[test]
fn a_panic_restores_the_terminal_before_the_report() {
    let home = tempfile::tempdir().unwrap();
    let s = Session::start_env(
        &["--demo"],
        home.path(),
        100,
        30,
        &[("MDE_TRIAGE_TEST_PANIC", "1")],
    );
    let screen = s.wait_for("the panic report", |sc| {
        sc.contents().contains("MDE_TRIAGE_TEST_PANIC is set")
    });
    let (status, seen) = s.wait_exit();
    assert!(!status.success(), "{status:?}");
    assert_restored(&seen);
    // The report is readable: printed after the hook left the alternate screen (the guard's
    // drop during unwinding restores once more, harmlessly).
    let raw = String::from_utf8_lossy(&seen.raw);
    let left = raw.find("\x1b[?1049l").unwrap();
    assert!(
        raw[left..].contains("MDE_TRIAGE_TEST_PANIC is set"),
        "{screen}"
    );
}

/// Sends `signal` mid-session (with the help overlay open) and checks the orderly exit.
fn signal_mid_session(signal: &str, status: u32) {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&["--demo"], home.path(), 100, 30);
    s.wait_for("the alert list", console_ready);
    // Leave a dialog open: the exit path must not depend on the screen being idle.
    s.keys(b"?");
    s.wait_text("type to filter");
    let sent = std::process::Command::new("kill")
        .args([signal, &s.pid().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let (exit, seen) = s.wait_exit();
    assert_eq!(exit.exit_code(), status, "{exit:?}");
    assert_restored(&seen);
}

#[test]
fn sigterm_mid_session_restores_the_terminal() {
    signal_mid_session("-TERM", 143);
}

#[test]
fn sighup_of_a_dropped_session_restores_the_terminal() {
    signal_mid_session("-HUP", 129);
}

#[test]
fn usable_at_80x24_and_across_resizes() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&["--demo"], home.path(), 80, 24);
    let screen = s.wait_for("the alert list", console_ready);
    assert!(!screen.to_lowercase().contains("too small"), "{screen}");
    // Open the help and close it again, resize, then quit.
    s.keys(b"?");
    s.wait_text("type to filter");
    s.keys(b"\x1b");
    s.wait_for("the help to close", |sc| {
        !sc.contents().contains("type to filter")
    });
    // Wider: the list gains columns; tiny: a notice instead of a panic; back: usable again.
    s.resize(120, 40);
    s.wait_for("the wide layout", |sc| sc.contents().contains("Assigned"));
    s.resize(20, 5);
    s.wait_text("too small");
    s.resize(80, 24);
    s.wait_for("the list again", |sc| {
        console_ready(sc) && !sc.contents().contains("too small")
    });
    s.keys(b"q");
    let quit = s.wait_for("quit", |sc| {
        !sc.alternate_screen() || sc.contents().contains("Quit?")
    });
    if quit.contains("Quit?") {
        s.keys(b"y");
    }
    let (status, seen) = s.wait_exit();
    assert!(status.success(), "{status:?}");
    assert_restored(&seen);
}

/// The environment that points a client at an emulator signed in as its demo app.
fn client_env(cmd: &mut std::process::Command, home: &Path, base: &str) {
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("MDE_TRIAGE_LOG", "debug")
        .env("MDE_API_URL", base)
        .env("MDE_LOGIN_URL", base)
        .env("AZURE_TENANT_ID", "contoso-demo")
        .env("AZURE_CLIENT_ID", "mde-triage-demo")
        .env("AZURE_CLIENT_SECRET", "demo-secret");
}

/// Starts `alerts update`, waits until the write is in the outbox, then SIGKILLs it while the
/// request is on its way (the emulator answers slowly).
fn update_then_kill(home: &Path, base: &str, args: &[&str]) {
    use std::io::BufRead;
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_mde-triage"));
    cmd.arg("alerts").arg("update").args(args);
    client_env(&mut cmd, home, base);
    let mut child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = std::io::BufReader::new(stderr).lines();
    let queued = lines
        .by_ref()
        .map_while(Result::ok)
        .find(|l| l.contains("queued as outbox entry"));
    assert!(queued.is_some(), "the write was queued before the kill");
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed, not finished: {status:?}");
}

#[test]
fn sigkill_during_alerts_update_then_restart_delivers_each_write_once() {
    use mde_emulator::{EmulatorConfig, Faults, spawn};
    let rt = tokio::runtime::Runtime::new().unwrap();
    let emu = rt
        .block_on(spawn(EmulatorConfig {
            alerts: 12,
            rate_limits: None,
            faults: Faults {
                latency_ms: 400,
                ..Faults::default()
            },
            ..EmulatorConfig::default()
        }))
        .unwrap();
    let base = emu.base_url();
    let ids = emu.alert_ids();
    let home = tempfile::tempdir().unwrap();

    // A batch write (three alerts) and a single PATCH, each killed in flight.
    update_then_kill(
        home.path(),
        &base,
        &[
            &ids[0],
            &ids[1],
            &ids[2],
            "--status",
            "InProgress",
            "--comment",
            "batch, killed",
        ],
    );
    update_then_kill(
        home.path(),
        &base,
        &[
            &ids[3],
            "--assign",
            "soc@contoso.example",
            "--comment",
            "single, killed",
        ],
    );

    // Restart: the outbox replays whatever the killed runs left.
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_mde-triage"));
    cmd.args(["outbox", "retry"]);
    client_env(&mut cmd, home.path(), &base);
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let count = |id: &str, text: &str| {
        let a = emu.alert(id).expect("alert exists");
        a.comments.iter().filter(|c| c.comment == text).count()
    };
    for id in &ids[..3] {
        assert_eq!(count(id, "batch, killed"), 1, "{id}");
        assert_eq!(emu.alert(id).unwrap().status.as_str(), "InProgress");
    }
    assert_eq!(count(&ids[3], "single, killed"), 1);
    assert_eq!(
        emu.alert(&ids[3]).unwrap().assigned_to.as_deref(),
        Some("soc@contoso.example")
    );
    for id in &ids[4..] {
        assert!(
            emu.alert(id)
                .unwrap()
                .comments
                .iter()
                .all(|c| !c.comment.contains("killed"))
        );
    }

    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_mde-triage"));
    cmd.args(["outbox", "list"]);
    client_env(&mut cmd, home.path(), &base);
    let out = cmd.output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "outbox empty");
    rt.block_on(emu.shutdown());
}
