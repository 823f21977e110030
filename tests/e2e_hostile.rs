//! The hostile corpus through the real binary in a pseudo-terminal: `mde-triage emulator --data`
//! serves alerts whose every displayed field carries corpus strings, the console is driven over
//! them with keys (list, each alert's detail, description, evidence, a node's value, comments),
//! and every byte the binary wrote is checked: no control sequence from the data reaches the
//! terminal, the title stays untouched, borders stay whole and the warning badges show.
//!
//! Waits poll the parsed screen under a deadline, woken by each chunk of output (no sleeps).
//! Run with `CARGO_TARGET_DIR` pointing at a private dir when the target dir is shared.

use mde_triage::model::{
    Alert, Comment, EntityType, Evidence, LoggedOnUser, RelatedUser, Severity, Timestamp,
};
use mde_triage::text::corpus::{HostileString, corpus};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(60);
const COLS: u16 = 100;
const ROWS: u16 = 30;
/// How many alerts carry the corpus (enough fields for every string at least once).
const ALERTS: usize = 8;
/// The titles of the alerts: the attacks that would do the most harm if they got through.
const TITLE_ATTACKS: [&str; ALERTS] = [
    "osc52-bel",
    "osc0-title",
    "csi-clear-screen",
    "csi-8bit-clear",
    "dcs-sixel",
    "osc8-link",
    "rlo-extension",
    "long-escape-at-end",
];

/// Every side effect besides drawing that the terminal was asked to perform.
#[derive(Default)]
struct Effects(Vec<String>);

impl vt100::Callbacks for Effects {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.0.push("bell".into());
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.0.push("visual bell".into());
    }
    fn resize(&mut self, _: &mut vt100::Screen, r: (u16, u16)) {
        self.0.push(format!("resize {r:?}"));
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, n: &[u8]) {
        self.0.push(format!("icon {}", String::from_utf8_lossy(n)));
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, t: &[u8]) {
        self.0.push(format!("title {}", String::from_utf8_lossy(t)));
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], d: &[u8]) {
        self.0
            .push(format!("clipboard {}", String::from_utf8_lossy(d)));
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8]) {
        self.0.push("clipboard read".into());
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, p: &[&[u8]]) {
        self.0.push(format!(
            "osc {:?}",
            p.first().map(|b| String::from_utf8_lossy(b).into_owned())
        ));
    }
}

/// What the child wrote, as parsed screen and as raw bytes.
struct Seen {
    parser: vt100::Parser<Effects>,
    raw: Vec<u8>,
    eof: bool,
}

struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    seen: Arc<(Mutex<Seen>, Condvar)>,
    _master: Box<dyn MasterPty + Send>,
}

/// A private home so config, store and logs of the test never touch the user's.
fn isolate(cmd: &mut CommandBuilder, home: &Path) {
    cmd.env_clear();
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd.env("HOME", home);
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("XDG_DATA_HOME", home.join("data"));
    cmd.env("XDG_STATE_HOME", home.join("state"));
    cmd.env("XDG_CACHE_HOME", home.join("cache"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("MDE_TRIAGE_LOG", "debug");
}

impl Session {
    fn start(home: &Path, env: &[(&str, String)]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mde-triage"));
        isolate(&mut cmd, home);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn the binary");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let seen = Arc::new((
            Mutex::new(Seen {
                parser: vt100::Parser::new_with_callbacks(ROWS, COLS, 0, Effects::default()),
                raw: Vec::new(),
                eof: false,
            }),
            Condvar::new(),
        ));
        let feed = seen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                let (lock, cv) = &*feed;
                let mut s = lock.lock().unwrap();
                if n == 0 {
                    s.eof = true;
                    cv.notify_all();
                    return;
                }
                s.parser.process(&buf[..n]);
                s.raw.extend_from_slice(&buf[..n]);
                cv.notify_all();
            }
        });
        Session {
            child,
            writer,
            seen,
            _master: pair.master,
        }
    }

    /// Waits until `pred` holds for the screen. Panics with the screen on timeout.
    fn wait_for(&self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + DEADLINE;
        let (lock, cv) = &*self.seen;
        let mut s = lock.lock().unwrap();
        loop {
            if pred(s.parser.screen()) {
                return;
            }
            let now = Instant::now();
            assert!(
                now < deadline && !s.eof,
                "waiting for {what}; the screen shows:\n{}",
                s.parser.screen().contents()
            );
            s = cv.wait_timeout(s, deadline - now).unwrap().0;
        }
    }

    /// Runs `check` on the screen as it is now.
    fn screen<T>(&self, check: impl FnOnce(&vt100::Screen) -> T) -> T {
        check(self.seen.0.lock().unwrap().parser.screen())
    }

    fn raw_len(&self) -> usize {
        self.seen.0.lock().unwrap().raw.len()
    }

    fn keys(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the child to exit, then for the last of its output.
    fn wait_exit(self) -> (portable_pty::ExitStatus, Seen) {
        let (tx, rx) = mpsc::channel();
        let mut child = self.child;
        std::thread::spawn(move || {
            let _ = tx.send(child.wait());
        });
        let status = rx
            .recv_timeout(DEADLINE)
            .expect("the binary exits in time")
            .expect("exit status");
        let (lock, cv) = &*self.seen;
        let mut s = lock.lock().unwrap();
        let deadline = Instant::now() + DEADLINE;
        while !s.eof && Instant::now() < deadline {
            s = cv.wait_timeout(s, deadline - Instant::now()).unwrap().0;
        }
        let seen = std::mem::replace(
            &mut *s,
            Seen {
                parser: vt100::Parser::new_with_callbacks(1, 1, 0, Effects::default()),
                raw: Vec::new(),
                eof: true,
            },
        );
        (status, seen)
    }
}

/// `mde-triage emulator --data FILE` as a child, and the environment a client needs for it.
struct Emulator {
    child: std::process::Child,
    env: Vec<(&'static str, String)>,
}

impl Emulator {
    fn start(data: &Path, home: &Path) -> Emulator {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mde-triage"))
            .args(["emulator", "--listen", "127.0.0.1:0", "--no-rate-limit"])
            .arg("--data")
            .arg(data)
            .env_clear()
            .env("HOME", home)
            .env("XDG_STATE_HOME", home.join("emulator-state"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the emulator");
        let stdout = child.stdout.take().expect("emulator stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { return };
                if let Some(url) = line.strip_prefix("export MDE_API_URL=") {
                    let _ = tx.send(url.trim().to_string());
                }
            }
        });
        let base = rx
            .recv_timeout(DEADLINE)
            .expect("the emulator prints its address");
        Emulator {
            child,
            env: vec![
                ("MDE_API_URL", base.clone()),
                ("MDE_LOGIN_URL", base),
                ("AZURE_TENANT_ID", "contoso-demo".into()),
                ("AZURE_CLIENT_ID", "mde-triage-demo".into()),
                ("AZURE_CLIENT_SECRET", "demo-secret".into()),
                ("MDE_TRIAGE_IDENTITY", "analyst@contoso.example".into()),
            ],
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The marker each alert's title starts with, so the test can tell which alert is open.
fn tag(i: usize) -> String {
    format!("HX{i:02}")
}

/// Alerts whose every displayed field carries a corpus string; each string lands somewhere.
fn hostile_alerts(corpus: &[HostileString]) -> Vec<Alert> {
    let by_name = |n: &str| {
        corpus
            .iter()
            .find(|h| h.name == n)
            .unwrap_or_else(|| panic!("corpus entry {n}"))
            .value
            .clone()
    };
    let mut next = 0usize;
    let mut take = || {
        let v = corpus[next % corpus.len()].value.clone();
        next += 1;
        Some(v)
    };
    let base = Timestamp::now().0;
    let mut alerts = Vec::new();
    for (i, attack) in TITLE_ATTACKS.iter().enumerate() {
        let mut a = Alert::new(
            format!("da-hostile-{i:02}"),
            format!("{} {}", tag(i), by_name(attack)),
        );
        a.severity = Severity::High;
        // Newest first in the list: HX00 at the top.
        let t = Some(Timestamp(base - chrono::Duration::minutes(i as i64)));
        a.alert_creation_time = t;
        a.first_event_time = t;
        a.last_update_time = t;
        a.description = take();
        a.computer_dns_name = take();
        a.threat_family_name = take();
        a.related_user = Some(RelatedUser {
            user_name: take(),
            domain_name: take(),
        });
        a.logged_on_users = vec![LoggedOnUser {
            account_name: take(),
            domain_name: Some("CONTOSO".into()),
        }];
        a.comments = vec![
            Comment {
                comment: take().unwrap_or_default(),
                created_by: take(),
                created_time: t,
            },
            Comment {
                comment: take().unwrap_or_default(),
                created_by: Some("analyst@contoso.example".into()),
                created_time: t,
            },
        ];
        let mut file = Evidence::empty(EntityType::File);
        file.file_name = take();
        file.file_path = take();
        let mut process = Evidence::empty(EntityType::Process);
        process.file_name = take();
        process.file_path = Some("C:\\Windows\\System32".into());
        process.process_command_line = take();
        process.parent_process_file_name = take();
        let mut url = Evidence::empty(EntityType::Url);
        url.url = take();
        let mut reg = Evidence::empty(EntityType::Registry);
        reg.registry_key = take();
        reg.registry_value_name = take();
        reg.registry_value = take();
        let mut user = Evidence::empty(EntityType::User);
        // The user evidence is the related user's, so the tree's root node has a value to view.
        user.account_name = a.related_user.as_ref().and_then(|u| u.user_name.clone());
        user.domain_name = take();
        a.evidence = vec![process, file, url, reg, user];
        alerts.push(a);
    }
    assert!(next >= corpus.len(), "every corpus string is placed");
    alerts
}

/// The console shows its first frame: the list is there, synced, with a selected row.
fn console_ready(s: &vt100::Screen) -> bool {
    let c = s.contents();
    c.contains("synced") && c.contains('▸') && c.contains(&tag(0))
}

/// The selected list row is alert `i`.
fn selected_is(s: &vt100::Screen, i: usize) -> bool {
    s.contents()
        .lines()
        .any(|l| l.contains('▸') && l.contains(&tag(i)))
}

/// On a 100-column screen the lower pane shows one of Detail, Evidence and Comments, named
/// on a tab strip; the shown one is drawn in reverse video (the 256-colour theme's selection).
fn active_tab(s: &vt100::Screen) -> Option<&'static str> {
    const NAMES: [&str; 3] = ["Detail", "Evidence", "Comments"];
    let (row, line) = (0..ROWS)
        .map(|r| (r, row_text(s, r)))
        .find(|(_, l)| l.contains("Detail │ Evidence │ Comments"))?;
    let reversed = |name: &str| {
        let col = line[..line.find(name)?].chars().count() as u16;
        Some(s.cell(row, col)?.inverse())
    };
    let on: Vec<&str> = NAMES
        .into_iter()
        .filter(|n| reversed(n) == Some(true))
        .collect();
    match on[..] {
        [one] => Some(one),
        _ => None,
    }
}

/// The text of one screen row.
fn row_text(s: &vt100::Screen, row: u16) -> String {
    (0..COLS).map(|c| glyph(s, row, c).to_string()).collect()
}

/// The character in one cell (a blank, or the right half of a wide character, is a space).
fn glyph(s: &vt100::Screen, row: u16, col: u16) -> char {
    s.cell(row, col)
        .and_then(|c| c.contents().chars().next())
        .unwrap_or(' ')
}

/// Every pane on screen has a whole frame: from each top-left corner down to its bottom-left
/// corner, every row starts with `│` in that column and ends with `│` in the right one.
fn assert_borders_intact(s: &vt100::Screen, when: &str) {
    let rows: Vec<String> = (0..ROWS).map(|r| row_text(s, r)).collect();
    let glyph = |r: usize, c: usize| glyph(s, r as u16, c as u16);
    let mut panes = 0;
    let mut r = 0;
    while r < rows.len() {
        if glyph(r, 0) != '┌' {
            r += 1;
            continue;
        }
        let right = (0..usize::from(COLS))
            .rposition(|c| glyph(r, c) == '┐')
            .unwrap_or_else(|| {
                panic!(
                    "{when}: row {r} opens a pane without a corner:\n{}",
                    rows.join("\n")
                )
            });
        let bottom = (r + 1..rows.len())
            .find(|&b| glyph(b, 0) == '└')
            .unwrap_or_else(|| {
                panic!("{when}: pane at row {r} never closes:\n{}", rows.join("\n"))
            });
        assert_eq!(
            glyph(bottom, right),
            '┘',
            "{when}: row {bottom}:\n{}",
            rows.join("\n")
        );
        for m in r + 1..bottom {
            assert!(
                glyph(m, 0) == '│' && glyph(m, right) == '│',
                "{when}: row {m} breaks the pane border:\n{}",
                rows.join("\n")
            );
        }
        panes += 1;
        r = bottom + 1;
    }
    assert!(
        panes >= 1,
        "{when}: no pane on screen:\n{}",
        rows.join("\n")
    );
}

/// Every string leaf of a JSON value.
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// Sequences the data carries that must never reach the terminal from it.
const FORBIDDEN: [(&str, &str); 11] = [
    ("\x1b]52", "OSC 52 clipboard"),
    ("\x1b]0;", "OSC 0 title"),
    ("\x1b]1;", "OSC 1 icon"),
    ("\x1b]2;", "OSC 2 title"),
    ("\x1b]8;", "OSC 8 hyperlink"),
    ("\x1bP", "DCS"),
    ("\x1b_", "APC"),
    ("\x1b^", "PM"),
    ("\x1bX", "SOS"),
    ("\x1bc", "RIS reset"),
    ("\x1b[3J", "erase scrollback"),
];

/// What of the data's attacks a terminal stream carries: forbidden sequences, C1 controls
/// (as characters: their UTF-8 encoding is what a UTF-8 terminal obeys), BEL and RLO.
fn leaks(stream: &str) -> Vec<String> {
    let mut found: Vec<String> = FORBIDDEN
        .iter()
        .filter(|(seq, _)| stream.contains(seq))
        .map(|(seq, what)| format!("{what} {seq:?}"))
        .collect();
    let c1: Vec<char> = stream
        .chars()
        .filter(|c| ('\u{80}'..='\u{9f}').contains(c))
        .collect();
    if !c1.is_empty() {
        found.push(format!("C1 controls {c1:?}"));
    }
    if stream.contains('\u{7}') {
        found.push("BEL".into());
    }
    if stream.contains('\u{202e}') {
        found.push("RLO (U+202E)".into());
    }
    found
}

#[test]
fn hostile_corpus_through_the_real_binary_never_reaches_the_terminal() {
    let corpus = corpus();
    let alerts = hostile_alerts(&corpus);
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("hostile-alerts.json");
    let json = serde_json::to_string(&alerts).unwrap();
    std::fs::write(&data, &json).unwrap();
    // The served data really carries the attacks this test says cannot get through.
    let served: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut texts = Vec::new();
    strings(&served, &mut texts);
    for (seq, what) in FORBIDDEN
        .iter()
        .chain(&[("\x1b[2J", "clear screen"), ("\u{9b}", "8-bit CSI")])
    {
        assert!(
            texts.iter().any(|t| t.contains(seq)),
            "the data carries {what}"
        );
    }

    // The checks below catch the data had it been written raw (a bypassed sanitiser).
    let unsanitised = texts.concat();
    let caught = leaks(&unsanitised);
    for (_, what) in FORBIDDEN {
        assert!(
            caught.iter().any(|l| l.starts_with(what)),
            "{what} caught: {caught:?}"
        );
    }
    for what in ["C1", "BEL", "RLO"] {
        assert!(
            caught.iter().any(|l| l.starts_with(what)),
            "{what} caught: {caught:?}"
        );
    }
    let mut raw_terminal = vt100::Parser::new_with_callbacks(ROWS, COLS, 0, Effects::default());
    raw_terminal.process(unsanitised.as_bytes());
    let effects = &raw_terminal.callbacks().0;
    for what in ["title", "clipboard"] {
        assert!(
            effects.iter().any(|e| e.starts_with(what)),
            "{what} seen: {effects:?}"
        );
    }

    let emu = Emulator::start(&data, home.path());
    let mut s = Session::start(home.path(), &emu.env);
    s.wait_for("the hostile alert list", console_ready);
    let first_frame = s.raw_len();
    assert_borders_intact(&s.screen(vt100::Screen::clone), "the list");

    for i in 0..ALERTS {
        s.wait_for(&format!("alert {i} selected"), |sc| selected_is(sc, i));
        // Open it: the detail pane shows the full alert, its title and the warning badge.
        s.keys(b"\r");
        s.wait_for(&format!("the detail of {}", tag(i)), |sc| {
            let c = sc.contents();
            active_tab(sc) == Some("Detail")
                && !c.contains("Loading the full alert")
                && c.matches(&tag(i)).count() >= 2
                && c.contains('⚠')
        });
        assert_borders_intact(&s.screen(vt100::Screen::clone), "the detail");
        // Enter on the detail: the description in the full-value view.
        s.keys(b"\r");
        s.wait_for("the description view", |sc| {
            sc.contents().contains("chars · row")
        });
        s.keys(b"\x1b");
        s.wait_for("the description view closed", |sc| {
            !sc.contents().contains("chars · row")
        });
        // Evidence: the root node's full value (the related user's evidence item).
        s.keys(b"\t");
        s.wait_for("the evidence pane", |sc| active_tab(sc) == Some("Evidence"));
        assert_borders_intact(&s.screen(vt100::Screen::clone), "the evidence");
        s.keys(b"v");
        s.wait_for("a node's value", |sc| sc.contents().contains("chars · row"));
        s.keys(b"\x1b");
        s.wait_for("the node value closed", |sc| {
            !sc.contents().contains("chars · row")
        });
        // Comments, then back to the list, and on to the next alert.
        s.keys(b"\t");
        s.wait_for("the comments pane", |sc| active_tab(sc) == Some("Comments"));
        assert_borders_intact(&s.screen(vt100::Screen::clone), "the comments");
        s.keys(b"\t");
        s.wait_for("the list focused", |sc| active_tab(sc) == Some("Detail"));
        // Close the alert before moving on: moving the cursor with an alert open reloads the
        // detail, and a frame of the old load would satisfy the next wait too early.
        s.keys(b"\x1b");
        s.wait_for("the detail closed", |sc| active_tab(sc).is_none());
        s.keys(b"j");
    }
    s.keys(b"q");
    let (status, seen) = s.wait_exit();
    assert!(status.success(), "the console exits cleanly: {status:?}");

    let raw = std::str::from_utf8(&seen.raw)
        .expect("the terminal stream is valid UTF-8 (no raw 8-bit C1 byte)");
    assert_eq!(
        leaks(raw),
        Vec::<String>::new(),
        "data reached the terminal"
    );
    // The one clear the console sends is its own, before the first frame.
    assert_eq!(raw.matches("\x1b[2J").count(), 1, "one clear, at start-up");
    assert!(
        !raw[first_frame..].contains("\x1b[2J"),
        "no clear after the first frame"
    );
    assert_eq!(
        seen.parser.callbacks().0,
        Vec::<String>::new(),
        "terminal side effects (title, icon, clipboard, bell, OSC)"
    );
    // What the analyst saw: the attacks as visible escapes, with the badge.
    for marker in ["␛]52", "␛]0;", "␛[2J", "⚠"] {
        assert!(raw.contains(marker), "the screen showed {marker}");
    }
    drop(emu);
}
