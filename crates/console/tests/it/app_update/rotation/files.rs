//! Export writes exactly the filtered view in its order; an offline file is read-only, says so
//! and shows its progress.

use super::*;

#[test]
fn export_writes_exactly_the_filtered_view_in_its_order() {
    let mut s = loaded();
    tick(&mut s, NOW);
    ch(&mut s, '/');
    typ(&mut s, "sev:high,medium");
    key(&mut s, KeyCode::Enter);
    let view = view_ids(&s);
    assert_eq!(view, ["h2", "h1", "m1"]);
    ch(&mut s, 'e');
    let Some(Dialog::Export(d)) = s.top_dialog() else {
        panic!("no export dialog")
    };
    assert_eq!(d.alert_ids, view);
    assert_eq!(d.format, ExportFormat::Csv);
    assert_eq!(d.path.text(), "mde-triage-open-20240506-1200.csv");
    assert_eq!(
        d.title(),
        "Export 3 alerts of 'Open queue' /sev:high,medium"
    );
    // Tab switches the format, and the extension with it.
    key(&mut s, KeyCode::Tab);
    let Some(Dialog::Export(d)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(
        (d.format, d.path.text()),
        (ExportFormat::Json, "mde-triage-open-20240506-1200.json")
    );
    // A poll meanwhile does not change what is exported.
    poll(&mut s, vec![row("h9", Severity::High, NOW)]);
    ctrl(&mut s, 'u');
    typ(&mut s, "/tmp/shift.json");
    let fx = key(&mut s, KeyCode::Enter);
    let [
        Effect::Export {
            req,
            alert_ids,
            path,
            format,
        },
    ] = &fx[..]
    else {
        panic!("{fx:?}")
    };
    assert_eq!(alert_ids, &view);
    assert_eq!(
        (path.as_str(), *format),
        ("/tmp/shift.json", ExportFormat::Json)
    );
    assert!(s.top_dialog().is_none());
    let req = *req;
    // Another request's answer is not this export's.
    sync(
        &mut s,
        Msg::FileWritten {
            req: req + 100,
            path: "x".into(),
            records: 1,
        },
    );
    assert!(!last_toast(&s).starts_with("Exported"));
    sync(
        &mut s,
        Msg::FileWritten {
            req,
            path: "/tmp/shift.json".into(),
            records: 3,
        },
    );
    assert_eq!(last_toast(&s), "Exported 3 alerts to /tmp/shift.json");
    // A failure says why.
    ch(&mut s, 'e');
    let fx = key(&mut s, KeyCode::Enter);
    let [Effect::Export { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    sync(
        &mut s,
        Msg::FileWriteFailed {
            req,
            error: "cannot create x.csv: File exists".into(),
        },
    );
    assert_eq!(s.toast().map(|t| t.level), Some(Level::Error));
    assert!(last_toast(&s).contains("Export failed: cannot create x.csv"));
    // Esc cancels without an effect; an empty view has nothing to export.
    ch(&mut s, 'e');
    assert!(key(&mut s, KeyCode::Esc).is_empty());
    ch(&mut s, '/');
    typ(&mut s, " nothing-matches");
    key(&mut s, KeyCode::Enter);
    ch(&mut s, 'e');
    assert!(s.top_dialog().is_none());
    assert_eq!(last_toast(&s), "Nothing to export: the view is empty");
}

#[test]
fn an_offline_file_is_read_only_says_so_and_shows_its_progress() {
    let mut cfg = config();
    cfg.read_only = true;
    cfg.profile = "file:handover.json".into();
    cfg.offline_file = Some("handover.json".into());
    let mut s = loaded_with(cfg, rows());
    assert!(ch(&mut s, 'a').is_empty());
    assert_eq!(
        last_toast(&s),
        "FILE handover.json is read-only: 'assign-me' is disabled (an offline file cannot be changed)"
    );
    assert!(palette(&mut s, "status resolved").is_empty());
    assert!(last_toast(&s).starts_with("FILE handover.json is read-only"));
    // Export still works: it changes nothing.
    ch(&mut s, 'e');
    assert!(matches!(s.top_dialog(), Some(Dialog::Export(_))));
    key(&mut s, KeyCode::Esc);
    let mut p = FileProgress {
        bytes_read: 10,
        bytes_total: Some(100),
        alerts: 5,
        skipped: 1,
        done: false,
    };
    sync(&mut s, Msg::FileProgress(p));
    assert_eq!(s.rotation.file, Some(p));
    p.done = true;
    sync(&mut s, Msg::FileProgress(p));
    assert!(
        last_toast(&s).starts_with("Loaded 5 alerts from handover.json (1 malformed"),
        "{}",
        last_toast(&s)
    );
    assert!(palette(&mut s, "profile lab").is_empty());
    assert!(
        last_toast(&s).contains("offline file"),
        "{}",
        last_toast(&s)
    );
}

/// An offline file streams in batches after the first screen: none of its alerts arrived
/// during the session, so none is highlighted as new, counted as new or notified.
#[test]
fn an_offline_files_later_batches_are_not_new_arrivals() {
    let mut cfg = config();
    cfg.read_only = true;
    cfg.offline_file = Some("handover.json".into());
    cfg.settings.notify.bell = true;
    let all = rows();
    let mut s = loaded_with(cfg, all[..2].to_vec());
    let fx = sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 2,
            rows: all[2..].to_vec(),
            complete: false,
        },
    );
    assert_eq!(s.list.total_count(), all.len());
    assert!(s.list.new_ids.is_empty(), "{:?}", s.list.new_ids);
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::Notify { .. })),
        "{fx:?}"
    );
    assert!(!last_toast(&s).contains("new alert"), "{}", last_toast(&s));
}
