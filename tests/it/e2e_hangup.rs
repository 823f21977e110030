//! A terminal that goes away ends the console in every input mode, and so does SIGTERM.
//!
//! Each test runs the real binary in a pty against an emulator of its own, brings the console
//! into one input mode (the list, a prompt, the editor, each dialog), then either closes the
//! terminal — every descriptor of the pty's master side closed, as tmux's kill-session or a
//! dropped SSH connection does — or sends SIGTERM, and waits for the exit (no sleeping; the wait
//! has a deadline). The terminal is closed behind a shell that ignores SIGHUP, so the binary
//! learns of the hangup only from its input ending: the case that used to spin at 100% CPU.

use super::pty::{Session, assert_restored, cpu_secs};
use mde_emulator::{EmulatorConfig, EmulatorHandle, spawn};
use std::path::Path;

/// The exit status of a console whose terminal hung up (as for SIGHUP: 128 + 1).
const HANGUP_STATUS: u32 = 129;
/// SIGTERM's exit status (128 + 15).
const SIGTERM_STATUS: u32 = 143;
/// Processor time the console may use between the hangup and its exit. Winding down takes a few
/// hundredths of a second; a read loop spinning on the dead terminal burns a core.
const WIND_DOWN_CPU_SECS: f64 = 1.0;
/// What the comment editor test types, and expects to find as a draft afterwards.
const DRAFT: &str = "draft typed before the hangup";

/// An emulator for one test, the client settings that point the console at it, and a home.
struct Tenant {
    rt: tokio::runtime::Runtime,
    emu: Option<EmulatorHandle>,
    home: tempfile::TempDir,
}

impl Tenant {
    fn new() -> Tenant {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let emu = rt
            .block_on(spawn(EmulatorConfig {
                alerts: 6,
                rate_limits: None,
                ..EmulatorConfig::default()
            }))
            .unwrap();
        Tenant {
            rt,
            emu: Some(emu),
            home: tempfile::tempdir().unwrap(),
        }
    }

    fn emu(&self) -> &EmulatorHandle {
        self.emu.as_ref().expect("the emulator runs")
    }

    fn home(&self) -> &Path {
        self.home.path()
    }

    fn env(&self) -> Vec<(&'static str, String)> {
        let base = self.emu().base_url();
        vec![
            ("MDE_API_URL", base.clone()),
            ("MDE_LOGIN_URL", base),
            ("AZURE_TENANT_ID", self.emu().tenant().to_string()),
            ("AZURE_CLIENT_ID", "mde-triage-demo".into()),
            ("AZURE_CLIENT_SECRET", "demo-secret".into()),
            ("MDE_TRIAGE_IDENTITY", "analyst@contoso.example".into()),
        ]
    }

    /// Calls one of the emulator's control endpoints (`/_emulator/…`).
    fn control(&self, method: reqwest::Method, path: &str, body: &str) {
        let url = format!("{}/_emulator/{path}", self.emu().base_url());
        let status = self.rt.block_on(async {
            reqwest::Client::new()
                .request(method, url)
                .header("content-type", "application/json")
                .body(body.to_string())
                .send()
                .await
                .expect("the control endpoint answers")
                .status()
        });
        assert!(status.is_success(), "{path}: {status}");
    }

    /// The console's log so far.
    fn log(&self) -> String {
        let path = self.home().join("state/mde-triage/mde-triage.log");
        std::fs::read_to_string(path).unwrap_or_default()
    }

    /// The comment draft saved for any alert of the tenant, if there is one.
    fn saved_draft(&self) -> Option<String> {
        let store = mde_store::Store::open(&self.home().join("data/mde-triage/default.sqlite3"))
            .expect("the profile's store");
        self.emu()
            .alert_ids()
            .iter()
            .find_map(|id| store.load_draft(id).ok().flatten())
    }
}

impl Drop for Tenant {
    fn drop(&mut self) {
        if let Some(emu) = self.emu.take() {
            self.rt.block_on(emu.shutdown());
        }
    }
}

/// The list has arrived and a row is selected.
fn list_ready(s: &vt100::Screen) -> bool {
    let c = s.contents();
    c.contains("synced") && c.contains('▸')
}

/// Types `keys`, then waits until the screen shows `marker`.
fn type_until(s: &mut Session, keys: &[u8], marker: &str) {
    s.keys(keys);
    s.wait_text(marker);
}

/// Opens the detail of the selected alert and waits until it is loaded.
fn open_detail(s: &mut Session) {
    s.keys(b"\r");
    s.wait_for("the loaded detail", |sc| {
        let c = sc.contents();
        // A property row of the detail pane (the list's header says "Sev"), once the whole
        // alert is loaded (until then the pane shows the list row's fields, and `R` has no
        // JSON to show).
        c.contains("│Severity ") && !c.contains("Loading the full alert")
    });
}

/// How to bring the console from the list into one input mode.
type Reach = fn(&mut Session, &Tenant);

fn list(_: &mut Session, _: &Tenant) {}

fn filter_prompt(s: &mut Session, _: &Tenant) {
    type_until(s, b"/zzq", "zzq");
}

fn comment_editor(s: &mut Session, _: &Tenant) {
    s.keys(b"C");
    s.wait_for("the comment editor", |sc| sc.contents().contains("Comment"));
    type_until(s, DRAFT.as_bytes(), DRAFT);
}

fn status_menu(s: &mut Session, _: &Tenant) {
    type_until(s, b"S", "In progress");
}

fn classify_menu(s: &mut Session, _: &Tenant) {
    type_until(s, b"c", "True positive");
}

fn assign_prompt(s: &mut Session, _: &Tenant) {
    type_until(s, b"A", "Assign");
    type_until(s, b"bob@contoso", "bob@contoso");
}

fn bulk_confirm(s: &mut Session, _: &Tenant) {
    type_until(s, b" ", "1 marked");
    type_until(s, b" ", "2 marked");
    type_until(s, b"S", "In progress");
    s.keys(b"i");
    s.wait_for("the bulk confirmation", |sc| {
        let c = sc.contents();
        c.contains("Cancel") && c.contains("Apply")
    });
}

fn conflict_dialog(s: &mut Session, t: &Tenant) {
    // Another analyst changes every alert after the console has read them; the next write of
    // ours finds the alert changed on the server.
    for id in t.emu().alert_ids() {
        t.control(
            reqwest::Method::PATCH,
            &format!("alerts/{id}?as=bob@contoso.com"),
            r#"{"assignedTo":"bob@contoso.com"}"#,
        );
    }
    type_until(s, b"a", "Changed on the server");
}

fn help(s: &mut Session, _: &Tenant) {
    type_until(s, b"?", "Keys and filter fields");
    type_until(s, b"zzq", "zzq");
}

fn palette(s: &mut Session, _: &Tenant) {
    type_until(s, b":", "Command");
    type_until(s, b"zzq", "zzq");
}

fn raw_json(s: &mut Session, _: &Tenant) {
    open_detail(s);
    type_until(s, b"R", "Raw JSON");
}

fn value_viewer(s: &mut Session, _: &Tenant) {
    open_detail(s);
    // Next pane: the evidence tree. Its last node is an evidence entity (the first ones can be
    // grouping nodes without a value of their own).
    type_until(s, b"\t", "▾");
    s.keys(b"G");
    type_until(s, b"v", "chars · row");
}

fn quit_confirm(s: &mut Session, t: &Tenant) {
    // Every API call fails from now on, so the write stays unconfirmed and quitting asks.
    t.control(reqwest::Method::PUT, "faults", r#"{"failRate":1.0}"#);
    s.keys(b"a");
    s.wait_for("the pending write", |sc| sc.contents().contains('~'));
    type_until(s, b"q", "Quit?");
}

/// Closes the terminal in the mode `reach` leads to; the console must exit on its own, as for a
/// hangup, without spinning, having logged why and kept what the analyst typed.
fn hang_up_in(mode: &str, reach: Reach) {
    let t = Tenant::new();
    let mut s = Session::start_behind_shell(&[], t.home(), 100, 30, &t.env());
    s.wait_for("the alert list", list_ready);
    reach(&mut s, &t);
    let console = *s.child_pids().first().expect("the shell runs the console");
    let before = cpu_secs(console, false).expect("the console's processor time");
    let hung_up = std::time::Instant::now();
    let exited = s.hang_up();
    eprintln!("{mode}: exited {:?} after the hangup", hung_up.elapsed());
    assert_eq!(
        exited.status.exit_code(),
        HANGUP_STATUS,
        "{:?}",
        exited.status
    );
    let spent = exited.cpu_secs.expect("processor time at exit") - before;
    eprintln!("{mode}: {spent:.3} s of processor time between the hangup and the exit");
    assert!(
        spent < WIND_DOWN_CPU_SECS,
        "the console used {spent:.2} s of processor time between the hangup and its exit"
    );
    let log = t.log();
    assert!(
        log.contains("terminal hung up"),
        "the exit is logged:\n{log}"
    );
    if mode == "comment_editor" {
        assert_eq!(
            t.saved_draft().as_deref(),
            Some(DRAFT),
            "the draft was kept"
        );
    }
}

/// Sends SIGTERM in the mode `reach` leads to; the console must leave in order and hand the
/// terminal back.
fn sigterm_in(mode: &str, reach: Reach) {
    let t = Tenant::new();
    let mut s = Session::start_env(&[], t.home(), 100, 30, &t.env());
    s.wait_for("the alert list", list_ready);
    reach(&mut s, &t);
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &s.pid().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let (status, seen) = s.wait_exit();
    assert_eq!(status.exit_code(), SIGTERM_STATUS, "{status:?}");
    assert_restored(&seen);
    if mode == "comment_editor" {
        assert_eq!(
            t.saved_draft().as_deref(),
            Some(DRAFT),
            "the draft was kept"
        );
    }
}

/// One hangup test and one SIGTERM test per input mode.
macro_rules! every_mode {
    ($($mode:ident),* $(,)?) => {
        mod hangup {
            $(#[test] fn $mode() { super::hang_up_in(stringify!($mode), super::$mode) })*
        }
        mod sigterm {
            $(#[test] fn $mode() { super::sigterm_in(stringify!($mode), super::$mode) })*
        }
    };
}

every_mode!(
    list,
    filter_prompt,
    comment_editor,
    status_menu,
    classify_menu,
    assign_prompt,
    bulk_confirm,
    conflict_dialog,
    help,
    palette,
    raw_json,
    value_viewer,
    quit_confirm,
);

/// Without a shell in between the console is the session leader, so the kernel sends it SIGHUP
/// as its input ends: whichever it notices first, it exits as for a hangup.
#[test]
fn hangup_of_the_session_leader() {
    let t = Tenant::new();
    let mut s = Session::start_env(&[], t.home(), 100, 30, &t.env());
    s.wait_for("the alert list", list_ready);
    filter_prompt(&mut s, &t);
    let exited = s.hang_up();
    assert_eq!(
        exited.status.exit_code(),
        HANGUP_STATUS,
        "{:?}",
        exited.status
    );
}
