//! The console half of issue 12 in a real terminal: `--file` shows the read-only banner and
//! its loading progress, and `e` writes exactly the filtered view to a new file, which opens
//! again with `--file`.

use super::pty::Session;
use mde_testkit::fixtures::GET_ALERT;

/// An API page of the documentation's alert and two High ones of our own.
fn export_page() -> String {
    let mut alerts = vec![serde_json::from_str::<serde_json::Value>(GET_ALERT).unwrap()];
    for (id, title) in [
        ("da-high-1", "First High of the handover"),
        ("da-high-2", "Second High of the handover"),
    ] {
        let mut a = alerts[0].clone();
        a["id"] = id.into();
        a["severity"] = "High".into();
        a["status"] = "New".into();
        a["title"] = title.into();
        alerts.push(a);
    }
    serde_json::json!({ "value": alerts }).to_string()
}

#[test]
fn an_offline_file_shows_its_banner_and_e_writes_exactly_the_filtered_view() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("handover.json");
    std::fs::write(&file, export_page()).unwrap();
    let mut s = Session::start(&["--file", file.to_str().unwrap()], home.path(), 100, 30);
    s.wait_text("Second High of the handover");
    let screen = s.wait_text("FILE: handover.json — read-only · 3 alerts");
    assert!(
        screen
            .lines()
            .next()
            .unwrap()
            .contains("FILE: handover.json"),
        "{screen}"
    );
    // A write key is refused, naming the file.
    s.keys(b"a");
    s.wait_text("FILE handover.json is read-only");
    // The filtered view goes out as JSON, in view order.
    s.keys(b"/sev:high\r");
    s.wait_for("the filter applied", |sc| {
        !sc.contents().contains("Low-reputation") && sc.contents().contains("First High")
    });
    s.keys(b"e");
    s.wait_text("Export 2 alerts of 'Open queue' /sev:high");
    s.wait_text("(•) CSV");
    let out = home.path().join("shift.json");
    s.keys(b"\t");
    s.wait_text("(•) JSON");
    s.keys(b"\x15"); // Ctrl-U clears the default path
    s.keys(out.to_str().unwrap().as_bytes());
    s.keys(b"\r");
    s.wait_text("Exported 2 alerts to");
    let written = std::fs::read_to_string(&out).unwrap();
    let page = mde_model::parse_page(&written).unwrap();
    let ids: Vec<&str> = page.alerts.iter().map(|p| p.alert.id.as_str()).collect();
    let screen = s.screen(|sc| sc.contents());
    let first = screen.find("First High").unwrap();
    let second = screen.find("Second High").unwrap();
    let expected = if first < second {
        ["da-high-1", "da-high-2"]
    } else {
        ["da-high-2", "da-high-1"]
    };
    assert_eq!(ids, expected, "the view's rows in the view's order");
    // Writing the same file again is refused: an export never overwrites.
    s.keys(b"e");
    s.wait_text("Export 2 alerts");
    s.keys(b"\t\x15");
    s.keys(out.to_str().unwrap().as_bytes());
    s.keys(b"\r");
    s.wait_text("Export failed: cannot create");
    s.keys(b"q");
    assert!(s.wait_exit().0.success());

    // The export opens again, read-only, with only those alerts.
    let mut s = Session::start(&["--file", out.to_str().unwrap()], home.path(), 100, 30);
    let screen = s.wait_text("FILE: shift.json — read-only · 2 alerts");
    assert!(
        screen.contains("First High") && !screen.contains("Low-reputation"),
        "{screen}"
    );
    s.keys(b"q");
    assert!(s.wait_exit().0.success());
}
