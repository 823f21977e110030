//! Leaving the console while a triage write is still queued (issue 14): the screen says what is
//! being sent with a countdown, the exit status is 75 with the count on stderr, and the next
//! start delivers the write. The real binary in a pty against the emulator, whose faults make
//! every API call fail until the test heals it.

use super::demo_tenant::Demo;
use super::pty::Session;

/// An identity no demo alert is assigned to, so the one assignment can be found on the service.
const ANALYST: &str = "farewell@contoso.example";

/// The list on its default view (the open queue), synced, with a selected row.
fn console_ready(s: &vt100::Screen) -> bool {
    let c = s.contents();
    c.starts_with("┌ Open queue ") && c.contains("synced") && c.contains('▸')
}

/// A row owned by the analyst without the pending marker: the service confirmed the write.
fn confirmed_farewell_row(s: &vt100::Screen) -> bool {
    s.contents()
        .lines()
        .any(|l| l.contains("farewell") && !l.chars().take(8).any(|c| c == '~'))
}

fn assigned_to_analyst(demo: &Demo) -> Vec<String> {
    demo.alerts()
        .into_iter()
        .filter(|a| a.assigned_to.as_deref() == Some(ANALYST))
        .map(|a| a.id)
        .collect()
}

#[test]
fn quitting_with_a_queued_write_counts_down_exits_75_and_the_next_start_sends_it() {
    let demo = Demo::start();
    let home = tempfile::tempdir().unwrap();
    let mut env = demo.env();
    env.retain(|(k, _)| *k != "MDE_TRIAGE_IDENTITY");
    env.push(("MDE_TRIAGE_IDENTITY", ANALYST.to_string()));

    let mut s = Session::start_env(&[], home.path(), 100, 30, &env);
    s.wait_for("the alert list", console_ready);
    // From now on every API call fails (500/503): the write stays queued.
    demo.faults(r#"{"failRate": 1.0}"#);
    s.keys(b"a");
    s.wait_for("the pending assignment", |sc| {
        sc.contents()
            .lines()
            .any(|l| l.contains('▸') && l.contains("farewell"))
    });
    s.keys(b"q");
    s.wait_text("Quit?");
    s.keys(b"y");
    // The last frame, over the console's last screen: what is being sent, the seconds left,
    // and what a key does.
    let frame = s.wait_text("Sending 1 queued write to the service…");
    assert!(frame.contains("Any key leaves now"), "{frame}");
    assert!(
        frame.contains("Leaving") && frame.contains("Open queue"),
        "{frame}"
    );
    let secs = frame
        .split("service… ")
        .nth(1)
        .and_then(|r| r.split('s').next())
        .and_then(|n| n.trim().parse::<u32>().ok())
        .expect("a countdown in seconds");
    assert!(secs <= 3, "{frame}");
    let (status, seen) = s.wait_exit();
    assert_eq!(status.exit_code(), 75, "{status:?}");
    let raw = String::from_utf8_lossy(&seen.raw);
    assert!(
        raw.contains("1 write(s) still queued"),
        "the count on stderr: {}",
        raw.lines().last().unwrap_or_default()
    );
    assert!(
        !seen.parser.screen().alternate_screen(),
        "terminal handed back"
    );
    assert!(
        assigned_to_analyst(&demo).is_empty(),
        "nothing reached the failing service"
    );

    // Healthy again: the next start sends the queued write, once.
    demo.faults(r#"{"failRate": 0.0}"#);
    let mut s = Session::start_env(&[], home.path(), 100, 30, &env);
    s.wait_for("the alert list", console_ready);
    // The row loses its pending marker once the service confirmed the write; then the service
    // holds it, on exactly one alert.
    s.wait_for("the queued write, delivered", confirmed_farewell_row);
    assert_eq!(assigned_to_analyst(&demo).len(), 1, "exactly the one alert");
    s.keys(b"q");
    let quit = s.wait_for("quit or its question", |sc| {
        !sc.alternate_screen() || sc.contents().contains("Quit?")
    });
    if quit.contains("Quit?") {
        s.keys(b"y");
    }
    let (status, _) = s.wait_exit();
    assert!(matches!(status.exit_code(), 0 | 75), "{status:?}");
}
