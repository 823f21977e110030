//! The hostile corpus through the real binary in a pseudo-terminal: `mde-triage emulator --data`
//! serves alerts whose every displayed field carries corpus strings, the console is driven over
//! them with keys (list, each alert's detail, description, evidence, a node's value, comments),
//! and every byte the binary wrote is checked: no control sequence from the data reaches the
//! terminal, the title stays untouched, borders stay whole and the warning badges show.
//!
//! Waits poll the parsed screen under a deadline, woken by each chunk of output (no sleeps).
//! Run with `CARGO_TARGET_DIR` pointing at a private dir when the target dir is shared.

use mde_model::{
    Alert, Comment, EntityType, Evidence, LoggedOnUser, RelatedUser, Severity, Timestamp,
};
use mde_testkit::corpus::{HostileString, corpus};

use super::pty::{Effects, Emulator, Session};

/// Terminal width.
const COLS: u16 = 100;
/// Terminal height.
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
/// corner, every row starts with `│` in that column and ends with `│` in the right one, or with
/// the pane's scroll bar there (`▲`, a `█` thumb on the `│` track, `▼`), whole.
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
        let scrolls = glyph(r + 1, right) == '▲';
        for m in r + 1..bottom {
            let edge = match glyph(m, right) {
                '│' => true,
                '▲' => scrolls && m == r + 1,
                '▼' => scrolls && m + 1 == bottom,
                '█' => scrolls,
                _ => false,
            };
            assert!(
                glyph(m, 0) == '│' && edge,
                "{when}: row {m} breaks the pane border:\n{}",
                rows.join("\n")
            );
        }
        if scrolls {
            assert!(
                bottom > r + 3
                    && glyph(bottom - 1, right) == '▼'
                    && (r + 2..bottom - 1).any(|m| glyph(m, right) == '█'),
                "{when}: the scroll bar of the pane at row {r} is not whole:\n{}",
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
    let mut s = Session::start_env(&[], home.path(), COLS, ROWS, &emu.env);
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
