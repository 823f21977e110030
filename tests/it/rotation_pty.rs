//! `--file` in a real terminal: a gzip export with the documentation's example alert opens
//! read-only, `--view` applies at start, a write key is refused, quitting restores the terminal.

use super::pty::Session;
use mde_testkit::fixtures::GET_ALERT;
use std::io::Write;

#[test]
fn an_offline_gzip_export_opens_read_only_on_the_start_view() {
    let home = tempfile::tempdir().unwrap();
    let mut high: serde_json::Value = serde_json::from_str(GET_ALERT).unwrap();
    high["id"] = "da-high-1".into();
    high["severity"] = "High".into();
    high["title"] = "High one from the export".into();
    let page = format!(
        r#"{{"@odata.context":"https://api.securitycenter.microsoft.com/api/$metadata#Alerts","value":[{GET_ALERT},{high}]}}"#
    );
    let file = home.path().join("handover.json.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(page.as_bytes()).unwrap();
    std::fs::write(&file, gz.finish().unwrap()).unwrap();

    // Without a view both alerts show.
    let mut s = Session::start(&["--file", file.to_str().unwrap()], home.path(), 120, 30);
    s.wait_text("High one from the export");
    s.wait_text("Low-reputation arbitrary");
    s.keys(b"a");
    s.wait_text("is read-only: 'assign-me' is disabled");
    s.keys(b"q");
    let (status, _) = s.wait_exit();
    assert!(status.success(), "{status:?}");

    // `--view new-high` shows only the new High alert.
    let mut s = Session::start(
        &["--file", file.to_str().unwrap(), "--view", "new-high"],
        home.path(),
        120,
        30,
    );
    let screen = s.wait_text("High one from the export");
    assert!(!screen.contains("Low-reputation"), "{screen}");
    s.keys(b"q");
    assert!(s.wait_exit().0.success());
}
