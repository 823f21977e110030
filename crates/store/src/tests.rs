//! Store behaviour: cache, watermark, outbox state machine, drafts, reopen.

use super::*;
use crate::ticks::now_ms;
use mde_model::protocol::{TriageChange, TriageWrite};
use mde_model::{Alert, Comment, ParsedAlert, Severity, Status, Timestamp, parse_alert};

fn ts(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

fn alert(id: &str, updated: &str) -> ParsedAlert {
    let mut a = Alert::new(id, format!("title of {id}"));
    a.severity = Severity::High;
    a.last_update_time = Some(ts(updated));
    a.alert_creation_time = Some(ts("2024-01-01T00:00:00.1234567Z"));
    a.comments.push(Comment {
        comment: "hi".into(),
        created_by: Some("a@b".into()),
        created_time: None,
    });
    let raw = serde_json::to_string(&a).unwrap();
    parse_alert(&raw).unwrap()
}

fn write(ids: &[&str], comment: &str) -> TriageWrite {
    TriageWrite {
        alert_ids: ids.iter().map(|s| s.to_string()).collect(),
        change: TriageChange {
            status: Some(Status::InProgress),
            comment: Some(comment.into()),
            ..Default::default()
        },
        seen_last_update: vec![],
    }
}

#[test]
fn cached_alerts_come_back_as_rows_and_in_full() {
    let s = Store::open_in_memory().unwrap();
    let a = alert("da1", "2024-02-01T10:00:00.1234567Z");
    let changed = s
        .upsert_alerts(&[a.clone(), alert("da2", "2024-02-01T09:00:00Z")])
        .unwrap();
    assert_eq!(changed.len(), 2);
    assert!(
        s.upsert_alerts(std::slice::from_ref(&a))
            .unwrap()
            .is_empty(),
        "same copy is no change"
    );
    let rows = s.rows().unwrap();
    assert_eq!(rows.len(), 2);
    let r = rows.iter().find(|r| r.id == "da1").unwrap();
    assert_eq!(*r, mde_model::AlertRow::from_alert(&a.alert));
    let got = s.get("da1").unwrap().unwrap();
    assert_eq!(got.raw, a.raw);
    assert_eq!(got.alert, a.alert);
    assert!(s.get("nope").unwrap().is_none());
    assert_eq!(s.rows_for(&["da2".into(), "x".into()]).unwrap().len(), 1);
}

#[test]
fn an_older_copy_never_replaces_a_newer_one() {
    let s = Store::open_in_memory().unwrap();
    let new = alert("da1", "2024-02-01T10:00:00.0000002Z");
    let mut old = alert("da1", "2024-02-01T10:00:00.0000001Z");
    old.alert.title = "stale".into();
    old.raw = serde_json::to_string(&old.alert).unwrap();
    s.upsert_alerts(std::slice::from_ref(&new)).unwrap();
    assert!(s.upsert_alerts(&[old]).unwrap().is_empty());
    assert_eq!(s.rows().unwrap()[0].title, new.alert.title);
    assert_eq!(s.get("da1").unwrap().unwrap().raw, new.raw);
}

#[test]
fn watermark_keeps_seven_digits_and_only_moves_forward() {
    let s = Store::open_in_memory().unwrap();
    assert_eq!(s.watermark().unwrap(), None);
    s.advance_watermark(ts("2024-02-01T10:00:00.1234567Z"))
        .unwrap();
    s.advance_watermark(ts("2024-02-01T10:00:00.1234566Z"))
        .unwrap();
    assert_eq!(
        s.watermark().unwrap(),
        Some(ts("2024-02-01T10:00:00.1234567Z"))
    );
    s.advance_watermark(ts("2024-01-01T00:00:00Z")).unwrap();
    assert_eq!(
        s.watermark().unwrap().unwrap().to_wire(),
        "2024-02-01T10:00:00.1234567Z"
    );
    s.reset_watermark().unwrap();
    assert_eq!(s.watermark().unwrap(), None);
}

#[test]
fn outbox_walks_its_states() {
    let s = Store::open_in_memory().unwrap();
    let w = write(&["da1"], "note");
    let id = s.enqueue(&w, Some("me@x")).unwrap();
    let e = s.outbox_entry(id).unwrap().unwrap();
    assert_eq!(
        (e.state, e.attempts, e.write.clone()),
        (OutboxState::Pending, 0, w.into())
    );
    assert!(!e.maybe_sent());
    assert_eq!(s.outbox_due(now_ms()).unwrap().len(), 1);

    s.outbox_mark_sending(id, None).unwrap();
    s.outbox_reschedule(id, now_ms() + 60_000, "HTTP 503")
        .unwrap();
    let e = s.outbox_entry(id).unwrap().unwrap();
    assert_eq!((e.state, e.attempts), (OutboxState::Pending, 1));
    assert!(e.maybe_sent());
    assert!(
        s.outbox_due(now_ms()).unwrap().is_empty(),
        "backoff respected"
    );
    assert!(s.outbox_next_due().unwrap().unwrap() > now_ms());

    s.outbox_mark_sending(id, None).unwrap();
    s.outbox_mark_failed(id, "HTTP 400 bad value").unwrap();
    assert_eq!(s.outbox_counts().unwrap().failed, 1);
    assert!(
        s.outbox_mark_done(id).is_err(),
        "a failed entry is not done"
    );
    assert_eq!(s.outbox_retry_failed(None).unwrap(), 1);
    s.outbox_mark_sending(id, None).unwrap();
    s.outbox_mark_done(id).unwrap();
    let c = s.outbox_counts().unwrap();
    assert_eq!((c.pending, c.failed, c.done), (0, 0, 1));
    let actions: Vec<_> = s
        .audit_log()
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert_eq!(actions, ["queue", "failed", "done"]);
}

#[test]
fn conflicts_are_settled_by_overwrite_or_discard() {
    let s = Store::open_in_memory().unwrap();
    let a = s.enqueue(&write(&["da1"], "a"), None).unwrap();
    let b = s.enqueue(&write(&["da2"], "b"), None).unwrap();
    s.outbox_mark_conflict(a, "changed").unwrap();
    s.outbox_mark_conflict(b, "changed").unwrap();
    assert!(s.outbox_due(now_ms()).unwrap().is_empty());
    assert!(s.outbox_resolve_conflict(a, true).unwrap());
    assert!(s.outbox_resolve_conflict(b, false).unwrap());
    assert!(
        !s.outbox_resolve_conflict(b, true).unwrap(),
        "already settled"
    );
    let due = s.outbox_due(now_ms()).unwrap();
    assert_eq!(due.len(), 1);
    assert!(due[0].force);
    assert_eq!(
        s.outbox_entry(b).unwrap().unwrap().state,
        OutboxState::Discarded
    );
}

#[test]
fn drop_refuses_an_entry_in_flight() {
    let s = Store::open_in_memory().unwrap();
    let id = s.enqueue(&write(&["da1"], "a"), None).unwrap();
    s.outbox_mark_sending(id, None).unwrap();
    assert!(!s.outbox_drop(id).unwrap());
    s.outbox_reschedule(id, 0, "x").unwrap();
    assert!(s.outbox_drop(id).unwrap());
    assert!(s.outbox_due(now_ms()).unwrap().is_empty());
}

#[test]
fn a_file_keeps_its_page_size_and_its_checkpoint_limit_is_the_same_size_in_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let pragma = |s: &Store, name: &str| -> i64 {
        s.lock()
            .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
            .unwrap()
    };
    let new = Store::open(&dir.path().join("new.sqlite3")).unwrap();
    let old_path = dir.path().join("old.sqlite3");
    {
        // A file made by an earlier build, in its 16 kB pages.
        let c = rusqlite::Connection::open(&old_path).unwrap();
        c.execute_batch("PRAGMA page_size=16384; CREATE TABLE t(x);")
            .unwrap();
    }
    let old = Store::open(&old_path).unwrap();
    assert_eq!(pragma(&new, "page_size"), 65_536);
    assert_eq!(pragma(&old, "page_size"), 16_384);
    for s in [&new, &old] {
        let bytes = pragma(s, "wal_autocheckpoint") * pragma(s, "page_size");
        assert_eq!(bytes, 2 << 30);
    }
}

#[test]
fn everything_survives_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/profile.sqlite3");
    let id;
    {
        let s = Store::open(&path).unwrap();
        s.upsert_alerts(&[alert("da1", "2024-02-01T10:00:00.5Z")])
            .unwrap();
        s.advance_watermark(ts("2024-02-01T10:00:00.5Z")).unwrap();
        s.save_draft("da1", "half a thought").unwrap();
        id = s.enqueue(&write(&["da1"], "x"), None).unwrap();
        s.outbox_mark_sending(id, None).unwrap();
    }
    let s = Store::open(&path).unwrap();
    let page: i64 = s
        .lock()
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    assert_eq!(page, 65_536, "a new file gets the largest pages");
    assert_eq!(s.rows().unwrap().len(), 1);
    assert_eq!(s.watermark().unwrap(), Some(ts("2024-02-01T10:00:00.5Z")));
    assert_eq!(
        s.load_draft("da1").unwrap().as_deref(),
        Some("half a thought")
    );
    let due = s.outbox_due(now_ms()).unwrap();
    assert_eq!(
        (due[0].id, due[0].state),
        (id, OutboxState::Sending),
        "replayed after a crash"
    );
}

/// The log is copied into the file once the writes pause, or at the latest on closing: a
/// store closed right after a bulk write (no pause yet) leaves no log behind, and another
/// connection reads it all from the file alone.
#[test]
fn closing_right_after_a_bulk_write_leaves_every_page_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite3");
    let alerts: Vec<ParsedAlert> = (0..300)
        .map(|i| alert(&format!("da{i}"), "2024-02-01T10:00:00.5Z"))
        .collect();
    {
        let s = Store::open(&path).unwrap();
        s.upsert_alerts(&alerts).unwrap();
        let wal = std::fs::metadata(path.with_extension("sqlite3-wal")).unwrap();
        assert!(wal.len() > 0, "the write went to the log first");
        assert!(s.copy_pending(), "the copy waits for the writes to pause");
    }
    let log = path.with_extension("sqlite3-wal");
    assert!(
        std::fs::metadata(&log).map_or(true, |m| m.len() == 0),
        "the log was copied and removed on close"
    );
    assert_eq!(alerts_in_the_file_alone(&path), 300);
}

/// The alerts the database file holds by itself: read-only and immutable, SQLite reads the
/// file and never looks for a log.
fn alerts_in_the_file_alone(path: &std::path::Path) -> i64 {
    let uri = format!("file:{}?immutable=1", path.display());
    let conn = rusqlite::Connection::open_with_flags(
        uri,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI,
    )
    .unwrap();
    conn.query_row("SELECT count(*) FROM alert_json", [], |r| r.get(0))
        .unwrap()
}

/// The console says it is writing the cache to disk while a close would wait for the copy:
/// `copy_pending` holds from a bulk write until the whole log is in the file.
#[test]
fn a_copy_is_pending_from_a_bulk_write_until_the_log_is_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite3");
    let s = Store::open(&path).unwrap();
    assert!(!s.copy_pending(), "nothing written yet");
    s.upsert_alerts(&[alert("da1", "2024-02-01T10:00:00.5Z")])
        .unwrap();
    assert!(s.copy_pending());
    // The copy starts once the writes pause (200 ms): wait for it, bounded.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while s.copy_pending() {
        assert!(std::time::Instant::now() < deadline, "the copy never ran");
        std::thread::yield_now();
    }
    // The store is still open: the database file alone holds the alert.
    assert_eq!(
        alerts_in_the_file_alone(&path),
        1,
        "the copy is in the file"
    );
    assert!(!Store::open_in_memory().unwrap().copy_pending());
}

/// An offline export's scratch store writes straight into its file: no log beside it, and
/// what was stored reads back.
#[test]
fn a_scratch_store_keeps_no_log_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("file.sqlite3");
    let s = Store::open_scratch(&path).unwrap();
    s.upsert_alerts(&[alert("da1", "2024-02-01T10:00:00.5Z")])
        .unwrap();
    let mode: String = s
        .lock()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "memory");
    assert!(!path.with_extension("sqlite3-wal").exists());
    assert_eq!(s.get("da1").unwrap().unwrap().alert.id, "da1");
    assert_eq!(s.rows().unwrap().len(), 1);
}

#[test]
fn drafts_save_replace_and_delete() {
    let s = Store::open_in_memory().unwrap();
    s.save_draft("a", "one").unwrap();
    s.save_draft("a", "two").unwrap();
    assert_eq!(s.load_draft("a").unwrap().as_deref(), Some("two"));
    s.save_draft("a", "  ").unwrap();
    assert_eq!(s.load_draft("a").unwrap(), None);
}

#[test]
fn a_newer_schema_is_refused_and_profiles_are_file_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite3");
    Store::open(&path).unwrap();
    let c = rusqlite::Connection::open(&path).unwrap();
    c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(c);
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::NewerSchema { .. })
    ));
    assert!(matches!(
        Store::default_path("../etc"),
        Err(StoreError::BadProfile(_))
    ));
    assert!(matches!(
        Store::default_path(""),
        Err(StoreError::BadProfile(_))
    ));
    if let Ok(p) = Store::default_path("work-tenant") {
        assert!(p.ends_with("work-tenant.sqlite3"));
    }
}
