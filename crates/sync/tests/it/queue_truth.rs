//! The queue and the status bar tell the truth, against the emulator: every unresolved alert is
//! in the cache whatever its age (the first fetch's window applies to resolved alerts only),
//! polling with the watermark still brings every later change, one failed call is counted and
//! retried soon rather than left for a minute, and a write delivered clears what its failure
//! had set.

use super::emulator_kit::{client, control, emulator, next, quick, seen_now, write};
use mde_emulator::{EmulatorConfig, Faults};
use mde_model::protocol::{Effect, Msg, SyncStatus};
use mde_model::{Alert, Status, Timestamp};
use mde_store::Store;
use mde_sync::spawn;
use std::collections::BTreeSet;

fn days_ago(days: i64) -> Timestamp {
    Timestamp(chrono::Utc::now() - chrono::Duration::days(days))
}

fn alert(id: &str, status: Status, updated_days_ago: i64) -> Alert {
    let mut a = Alert::new(id, format!("{id} title"));
    a.status = status;
    a.alert_creation_time = Some(days_ago(updated_days_ago + 2));
    a.last_update_time = Some(days_ago(updated_days_ago));
    a
}

/// A tenant whose open alerts are all older than the 30-day window.
async fn old_tenant(dir: &tempfile::TempDir) -> mde_emulator::EmulatorHandle {
    let alerts = vec![
        alert("da-open-90d", Status::New, 90),
        alert("da-progress-45d", Status::InProgress, 45),
        alert("da-resolved-60d", Status::Resolved, 60),
        alert("da-resolved-3d", Status::Resolved, 3),
    ];
    let data = dir.path().join("alerts.json");
    std::fs::write(&data, serde_json::to_string(&alerts).unwrap()).unwrap();
    mde_emulator::spawn(EmulatorConfig {
        data_file: Some(data),
        rate_limits: None,
        ..EmulatorConfig::default()
    })
    .await
    .expect("emulator starts")
}

fn cached(store: &Store) -> BTreeSet<String> {
    store.rows().unwrap().into_iter().map(|r| r.id).collect()
}

fn ids(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Waits for the status that ends a fetch (the one that reports how it went).
async fn fetched(
    rx: &mut tokio::sync::mpsc::Receiver<Msg>,
    ok: impl Fn(&SyncStatus) -> bool,
) -> SyncStatus {
    match next(rx, |m| matches!(m, Msg::Sync(s) if ok(s))).await {
        Msg::Sync(s) => s,
        _ => unreachable!(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_alerts_of_any_age_are_in_the_queue_and_polling_brings_every_change() {
    let dir = tempfile::tempdir().unwrap();
    let emu = old_tenant(&dir).await;
    let store = Store::open_in_memory().unwrap();
    let (tx, mut rx, handle) = spawn(client(&emu), store.clone(), quick());
    tx.send(Effect::Start { req: 1 }).await.unwrap();
    fetched(&mut rx, |s| s.last_sync.is_some()).await;
    assert_eq!(
        cached(&store),
        ids(&["da-open-90d", "da-progress-45d", "da-resolved-3d"]),
        "every unresolved alert, however old, and the resolved ones of the window"
    );

    // Another analyst works on the old open alert and reopens the old resolved one; a new
    // alert arrives. The next poll (from the watermark) brings all three.
    control(
        &emu,
        reqwest::Method::PATCH,
        "/_emulator/alerts/da-open-90d?as=bob@contoso.com",
        r#"{"status":"InProgress","assignedTo":"bob@contoso.com"}"#,
    )
    .await;
    control(
        &emu,
        reqwest::Method::PATCH,
        "/_emulator/alerts/da-resolved-60d?as=bob@contoso.com",
        r#"{"status":"New"}"#,
    )
    .await;
    let fresh = serde_json::to_string(&alert("da-new", Status::New, 0)).unwrap();
    control(&emu, reqwest::Method::POST, "/_emulator/alerts", &fresh).await;
    tx.send(Effect::Refresh {
        req: 2,
        full: false,
    })
    .await
    .unwrap();
    let mut changed = BTreeSet::new();
    while changed.len() < 3 {
        if let Msg::AlertsUpdated { req: 2, rows, .. } =
            next(&mut rx, |m| matches!(m, Msg::AlertsUpdated { req: 2, .. })).await
        {
            changed.extend(rows.into_iter().map(|r| r.id));
        }
    }
    assert_eq!(changed, ids(&["da-open-90d", "da-resolved-60d", "da-new"]));
    let rows = store.rows().unwrap();
    let row = |id: &str| rows.iter().find(|r| r.id == id).expect("cached");
    assert_eq!(
        row("da-open-90d").assigned_to.as_deref(),
        Some("bob@contoso.com")
    );
    assert_eq!(row("da-resolved-60d").status, Status::New);
    drop(tx);
    handle.await.unwrap();
    emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_failed_poll_is_counted_retried_soon_and_cleared_by_the_next_success() {
    let emu = emulator(5, Faults::default(), None).await;
    let store = Store::open_in_memory().unwrap();
    let (tx, mut rx, handle) = spawn(client(&emu), store.clone(), quick());
    tx.send(Effect::Start { req: 1 }).await.unwrap();
    let first = fetched(&mut rx, |s| s.last_sync.is_some()).await;
    assert_eq!(first.consecutive_failures, 0);

    control(
        &emu,
        reqwest::Method::PUT,
        "/_emulator/faults",
        r#"{"failRate":1.0}"#,
    )
    .await;
    tx.send(Effect::Refresh {
        req: 2,
        full: false,
    })
    .await
    .unwrap();
    let failed = fetched(&mut rx, |s| s.consecutive_failures > 0).await;
    assert_eq!(failed.consecutive_failures, 1, "one failure, not an outage");
    assert!(failed.error.is_some());
    assert_eq!(
        failed.last_sync, first.last_sync,
        "the last sync stays the real one"
    );
    // The retry is due well before the next regular poll (an hour in these settings).
    let next_poll = failed.next_poll.expect("a retry is scheduled");
    assert!(
        next_poll.0 - chrono::Utc::now() < chrono::Duration::seconds(60),
        "retry at {next_poll:?}"
    );

    // The service is back: the retry succeeds on its own, and the status says so.
    control(&emu, reqwest::Method::PUT, "/_emulator/faults", "{}").await;
    let back = fetched(&mut rx, |s| {
        s.consecutive_failures == 0 && s.last_sync > first.last_sync
    })
    .await;
    assert!(back.error.is_none(), "{back:?}");
    drop(tx);
    handle.await.unwrap();
    emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delivered_write_clears_the_outbox_count_and_the_error_its_failure_set() {
    let emu = emulator(5, Faults::default(), None).await;
    let id = emu.alert_ids()[0].clone();
    let seen = seen_now(&emu);
    let store = Store::open_in_memory().unwrap();
    let (tx, mut rx, handle) = spawn(client(&emu), store.clone(), quick());
    tx.send(Effect::Start { req: 1 }).await.unwrap();
    fetched(&mut rx, |s| s.last_sync.is_some()).await;

    control(
        &emu,
        reqwest::Method::PUT,
        "/_emulator/faults",
        r#"{"failRate":1.0}"#,
    )
    .await;
    let w = write(
        std::slice::from_ref(&id),
        "sent once the service is back",
        &seen,
    );
    tx.send(Effect::Write { req: 2, write: w }).await.unwrap();
    let stuck = fetched(&mut rx, |s| s.error.is_some() && s.outbox_pending == 1).await;
    assert!(stuck.consecutive_failures >= 1);

    // No poll is due for an hour: only the outbox's own retry can clear the status.
    control(&emu, reqwest::Method::PUT, "/_emulator/faults", "{}").await;
    next(&mut rx, |m| matches!(m, Msg::WriteConfirmed { .. })).await;
    let clear = fetched(&mut rx, |s| {
        s.outbox_pending == 0 && s.error.is_none() && s.consecutive_failures == 0
    })
    .await;
    assert_eq!(clear.outbox_failed, 0);
    drop(tx);
    handle.await.unwrap();
    emu.shutdown().await;
}
