//! An offline file in place of the sync task: batches, read-only, export.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offline_file_loads_in_batches_read_only_and_exports_what_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.ndjson");
    let mut lines: Vec<String> = (0..450)
        .map(|i| serde_json::to_string(&alert(&format!("f{i}"), "from the file")).unwrap())
        .collect();
    lines.insert(200, "{\"id\": \"broken\", \"title\": }".into());
    std::fs::write(&file, lines.join("\n")).unwrap();
    let inbox: Inbox = mpsc::channel(256);
    let session = FileSession::start(
        file.clone(),
        Store::open_in_memory().unwrap(),
        0,
        inbox.0.clone(),
    );
    let mut c = Console::start(Backend::File(session), inbox);
    c.send(Effect::Start { req: 1 }).await;
    // The first screen's worth comes first, as the cache answer; the rest follows.
    let first = c
        .wait("CacheLoaded", |m| match m {
            Msg::CacheLoaded { req: 1, rows } => Some(rows.len()),
            _ => None,
        })
        .await;
    assert_eq!(first, 200);
    let mut total = first;
    let warning = loop {
        match c.wait("more", Some).await {
            Msg::AlertsUpdated {
                rows,
                complete: false,
                ..
            } => total += rows.len(),
            Msg::Warning(w) => break w,
            _ => {}
        }
    };
    assert!(
        warning.starts_with(
            "1 malformed record(s) skipped, the rest loaded: record 201 (line 201, byte "
        ),
        "{warning}"
    );
    let done = c
        .wait("FileProgress done", |m| match m {
            Msg::FileProgress(p) if p.done => Some(p),
            _ => None,
        })
        .await;
    assert_eq!((total, done.alerts, done.skipped), (450, 450, 1));
    assert_eq!(
        done.bytes_total,
        Some(std::fs::metadata(&file).unwrap().len())
    );
    // Read-only: a write is refused with a clear message, nothing is queued.
    c.send(Effect::Write {
        req: 2,
        write: write(&["f1"], "x"),
    })
    .await;
    let reason = c
        .wait("WriteFailed", |m| match m {
            Msg::WriteFailed {
                outbox_id: 0,
                reason,
                ..
            } => Some(reason),
            _ => None,
        })
        .await;
    assert!(
        reason.starts_with("read-only: ") && reason.contains("export.ndjson"),
        "{reason}"
    );
    // Opening an alert reads it from the file's store.
    c.send(Effect::LoadDetail {
        req: 3,
        alert_id: "f7".into(),
    })
    .await;
    let id = c
        .wait("DetailLoaded", |m| match m {
            Msg::DetailLoaded { detail, .. } => Some(detail.alert.id),
            _ => None,
        })
        .await;
    assert_eq!(id, "f7");
    // A switch is refused; the handoff needs the service.
    c.send(Effect::SwitchProfile { name: "x".into() }).await;
    c.wait("ProfileSwitchFailed", |m| {
        matches!(m, Msg::ProfileSwitchFailed { .. }).then_some(())
    })
    .await;
    // Export writes exactly the alerts named, in order, and reads back as a file.
    let out = dir.path().join("view.json").display().to_string();
    c.send(Effect::Export {
        req: 4,
        alert_ids: vec!["f3".into(), "f1".into(), "missing".into()],
        path: out.clone(),
        format: ExportFormat::Json,
    })
    .await;
    c.wait("FileWritten", |m| match m {
        Msg::FileWritten { records: 2, .. } => Some(()),
        Msg::FileWriteFailed { error, .. } => panic!("{error}"),
        _ => None,
    })
    .await;
    let page = mde_model::parse_page(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let ids: Vec<&str> = page.alerts.iter().map(|p| p.alert.id.as_str()).collect();
    assert_eq!(ids, ["f3", "f1"]);
    // An export never overwrites.
    c.send(Effect::Export {
        req: 5,
        alert_ids: vec!["f3".into()],
        path: out,
        format: ExportFormat::Json,
    })
    .await;
    c.wait("FileWriteFailed", |m| {
        matches!(m, Msg::FileWriteFailed { req: 5, .. }).then_some(())
    })
    .await;
    assert!(c.end().await.stopped.is_empty());
}
