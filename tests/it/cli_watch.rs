//! `alerts watch` from a script's side (issue 14): an alert added through the emulator's control
//! endpoint shows up as one line, a closed pipe ends the watch quietly, a restart resumes without
//! repeating, `--json` gives one object a line, and SIGTERM stops it with 0. Waits are on
//! conditions (a line read, an exit) under a deadline, never fixed sleeps.

use super::demo_tenant::Demo;
use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

const DEADLINE: Duration = Duration::from_secs(60);

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
