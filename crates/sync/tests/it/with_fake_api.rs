//! The outbox sender and the task against an in-memory fake service.

use super::fake_api::{FakeApi, Fault};
use mde_model::Status;
use mde_model::protocol::{ConflictChoice, Effect, Msg, TriageChange, TriageWrite};
use mde_store::{OutboxState, Store};
use mde_sync::*;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

fn quick() -> SyncConfig {
    SyncConfig {
        poll_interval: Duration::from_secs(3600),
        retry_base: Duration::from_millis(1),
        retry_max: Duration::from_millis(5),
        ..SyncConfig::default()
    }
}

fn comment_write(ids: &[&str], text: &str, api: &FakeApi) -> TriageWrite {
    TriageWrite {
        alert_ids: ids.iter().map(|s| s.to_string()).collect(),
        change: TriageChange {
            status: Some(Status::InProgress),
            comment: Some(text.into()),
            ..Default::default()
        },
        seen_last_update: ids
            .iter()
            .map(|id| (id.to_string(), api.alert(id).last_update_time))
            .collect(),
    }
}

fn transient() -> ApiFailure {
    ApiFailure::Transient {
        message: "HTTP 503".into(),
        retry_after: None,
    }
}

async fn drain(api: Arc<FakeApi>, store: &Store) -> DrainReport {
    let api = ArcApi(api);
    drain_outbox_with(api, store.clone(), quick(), Duration::from_secs(10))
        .await
        .unwrap()
}

/// Lets a test keep looking at the fake after handing it over.
pub(crate) struct ArcApi(pub(crate) Arc<FakeApi>);

impl mde_sync::DevicesApi for ArcApi {}

impl AlertsApi for ArcApi {
    fn list_alerts(
        &self,
        selection: mde_sync::Selection,
        skip: usize,
        top: usize,
    ) -> impl std::future::Future<Output = Result<mde_model::Page, ApiFailure>> + Send {
        self.0.list_alerts(selection, skip, top)
    }
    fn get_alert(
        &self,
        id: &str,
    ) -> impl std::future::Future<Output = Result<mde_model::ParsedAlert, ApiFailure>> + Send {
        self.0.get_alert(id)
    }
    fn update_alert(
        &self,
        id: &str,
        change: &TriageChange,
    ) -> impl std::future::Future<Output = Result<mde_model::ParsedAlert, ApiFailure>> + Send {
        self.0.update_alert(id, change)
    }
    fn batch_update(
        &self,
        ids: &[String],
        change: &TriageChange,
    ) -> impl std::future::Future<Output = Result<(), ApiFailure>> + Send {
        self.0.batch_update(ids, change)
    }
    fn identity(&self) -> Option<String> {
        self.0.identity()
    }
}

fn comments(api: &FakeApi, id: &str, text: &str) -> usize {
    api.alert(id)
        .comments
        .iter()
        .filter(|c| c.comment == text)
        .count()
}

#[tokio::test]
async fn a_write_whose_answer_was_lost_is_not_sent_twice() {
    let api = Arc::new(FakeApi::with_alerts(&["da1"]));
    let store = Store::open_in_memory().unwrap();
    api.state
        .lock()
        .unwrap()
        .write_faults
        .push_back(Fault::After(transient()));
    let id = store
        .enqueue(&comment_write(&["da1"], "looked at it", &api), None)
        .unwrap();
    let report = drain(api.clone(), &store).await;
    assert_eq!(report.confirmed, vec![id]);
    assert_eq!(comments(&api, "da1", "looked at it"), 1);
    assert_eq!(
        api.state.lock().unwrap().writes,
        1,
        "the resend was skipped"
    );
    assert_eq!(
        store.outbox_entry(id).unwrap().unwrap().state,
        OutboxState::Done
    );
}

#[tokio::test]
async fn an_identical_earlier_comment_does_not_hide_a_lost_write() {
    let api = Arc::new(FakeApi::with_alerts(&["da1"]));
    let store = Store::open_in_memory().unwrap();
    let note = TriageChange {
        comment: Some("ack".into()),
        ..Default::default()
    };
    api.update_alert("da1", &note).await.unwrap();
    {
        let mut s = api.state.lock().unwrap();
        // Refused twice: each resend must look, and must not mistake the earlier "ack" for ours.
        s.write_faults.push_back(Fault::Before(transient()));
        s.write_faults.push_back(Fault::Before(transient()));
    }
    let id = store
        .enqueue(&comment_write(&["da1"], "ack", &api), None)
        .unwrap();
    let report = drain(api.clone(), &store).await;
    assert_eq!(report.confirmed, vec![id]);
    assert_eq!(comments(&api, "da1", "ack"), 2, "the earlier one and ours");
    let e = store.outbox_entry(id).unwrap().unwrap();
    assert_eq!(e.baselines.unwrap().get("da1"), Some(&1));
}

#[tokio::test]
async fn a_write_refused_before_landing_is_resent_until_it_lands() {
    let api = Arc::new(FakeApi::with_alerts(&["da1"]));
    let store = Store::open_in_memory().unwrap();
    {
        let mut s = api.state.lock().unwrap();
        for _ in 0..3 {
            s.write_faults.push_back(Fault::Before(transient()));
        }
        s.get_faults.push_back(transient());
    }
    store
        .enqueue(&comment_write(&["da1"], "x", &api), None)
        .unwrap();
    let report = drain(api.clone(), &store).await;
    assert_eq!(report.confirmed.len(), 1);
    assert_eq!(comments(&api, "da1", "x"), 1);
    assert_eq!(api.alert("da1").status, Status::InProgress);
}

#[tokio::test]
async fn a_change_on_the_server_is_a_conflict_until_the_analyst_decides() {
    let api = Arc::new(FakeApi::with_alerts(&["da1", "da2"]));
    let store = Store::open_in_memory().unwrap();
    let w = comment_write(&["da1"], "mine", &api);
    api.touch("da1");
    let id = store.enqueue(&w, None).unwrap();
    let report = drain(api.clone(), &store).await;
    assert_eq!(report.conflicts, vec![(id, vec!["da1".to_string()])]);
    assert_eq!(comments(&api, "da1", "mine"), 0, "nothing overwritten");
    assert_eq!(
        store.outbox_entry(id).unwrap().unwrap().state,
        OutboxState::Conflict
    );

    store.outbox_resolve_conflict(id, true).unwrap();
    let report = drain(api.clone(), &store).await;
    assert_eq!(report.confirmed, vec![id]);
    assert_eq!(comments(&api, "da1", "mine"), 1);

    let w2 = comment_write(&["da2"], "dropped", &api);
    api.touch("da2");
    let id2 = store.enqueue(&w2, None).unwrap();
    drain(api.clone(), &store).await;
    store.outbox_resolve_conflict(id2, false).unwrap();
    assert!(drain(api.clone(), &store).await.confirmed.is_empty());
    assert_eq!(comments(&api, "da2", "dropped"), 0);
}

#[tokio::test]
async fn a_second_write_queued_before_the_first_landed_is_not_a_conflict_with_it() {
    // The analyst assigns, then classifies, faster than the first write is confirmed: both saw
    // the same lastUpdateTime, and the only change since is our own first write.
    let api = Arc::new(FakeApi::with_alerts(&["da1"]));
    let store = Store::open_in_memory().unwrap();
    let first = comment_write(&["da1"], "first", &api);
    let second = comment_write(&["da1"], "second", &api);
    let a = store.enqueue(&first, None).unwrap();
    let b = store.enqueue(&second, None).unwrap();
    let report = drain(api.clone(), &store).await;
    assert!(report.conflicts.is_empty(), "{:?}", report.conflicts);
    assert_eq!(report.confirmed, vec![a, b]);
    assert_eq!(comments(&api, "da1", "first"), 1);
    assert_eq!(comments(&api, "da1", "second"), 1);

    // A change by someone else after that is still a conflict.
    let third = comment_write(&["da1"], "third", &api);
    api.touch("da1");
    let c = store.enqueue(&third, None).unwrap();
    let report = drain(api.clone(), &store).await;
    assert_eq!(report.conflicts, vec![(c, vec!["da1".to_string()])]);
}

#[tokio::test]
async fn a_batch_interrupted_halfway_resends_only_the_rest() {
    let api = Arc::new(FakeApi::with_alerts(&["a", "b", "c"]));
    let store = Store::open_in_memory().unwrap();
    let w = comment_write(&["a", "b", "c"], "batch note", &api);
    // The write reached "a" before the crash; our own change must not look like a conflict.
    api.update_alert("a", &w.change).await.unwrap();
    assert_eq!(comments(&api, "a", "batch note"), 1);
    let id = store.enqueue(&w, None).unwrap();
    store.outbox_mark_sending(id, None).unwrap();
    let report = drain(api.clone(), &store).await;
    assert_eq!(report.confirmed, vec![id]);
    for x in ["a", "b", "c"] {
        assert_eq!(comments(&api, x, "batch note"), 1, "{x}");
    }
    assert_eq!(api.state.lock().unwrap().batch_calls, 1);
}

#[tokio::test]
async fn a_permanent_refusal_fails_the_entry_with_the_reason() {
    let api = Arc::new(FakeApi::with_alerts(&["da1"]));
    let store = Store::open_in_memory().unwrap();
    api.state
        .lock()
        .unwrap()
        .write_faults
        .push_back(Fault::Before(ApiFailure::Permanent {
            message: "HTTP 400 InvalidRequestBody".into(),
        }));
    let id = store
        .enqueue(&comment_write(&["da1"], "x", &api), None)
        .unwrap();
    let report = drain(api.clone(), &store).await;
    assert_eq!(
        report.failed,
        vec![(id, "HTTP 400 InvalidRequestBody".to_string())]
    );
    let e = store.outbox_entry(id).unwrap().unwrap();
    assert_eq!(
        (e.state, e.reason.as_deref()),
        (OutboxState::Failed, Some("HTTP 400 InvalidRequestBody"))
    );
}

pub(crate) async fn next_msg(rx: &mut mpsc::Receiver<Msg>, what: impl Fn(&Msg) -> bool) -> Msg {
    tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            let m = rx.recv().await.expect("task alive");
            if what(&m) {
                return m;
            }
        }
    })
    .await
    .expect("message in time")
}

#[tokio::test]
async fn the_task_answers_each_request_with_its_own_id() {
    let api = Arc::new(FakeApi::with_alerts(&["da1", "da2"]));
    let store = Store::open_in_memory().unwrap();
    let cached = api.get_alert("da1").await.unwrap();
    store.upsert_alerts(&[cached]).unwrap();
    let (tx, mut rx, handle) = spawn(ArcApi(api.clone()), store.clone(), quick());

    tx.send(Effect::Start { req: 7 }).await.unwrap();
    match next_msg(&mut rx, |m| !matches!(m, Msg::Sync(_))).await {
        Msg::CacheLoaded { req, rows } => assert_eq!((req, rows.len()), (7, 1)),
        other => panic!("cache first, got {other:?}"),
    }
    match next_msg(&mut rx, |m| matches!(m, Msg::AlertsUpdated { .. })).await {
        Msg::AlertsUpdated { req, rows, .. } => {
            assert_eq!(req, 7);
            assert_eq!(rows.len(), 1, "only da2 is new: {rows:?}");
        }
        _ => unreachable!(),
    }

    // Two detail requests in a row: each answer names its own request, so the app can drop the older.
    tx.send(Effect::LoadDetail {
        req: 8,
        alert_id: "da1".into(),
    })
    .await
    .unwrap();
    tx.send(Effect::LoadDetail {
        req: 9,
        alert_id: "da2".into(),
    })
    .await
    .unwrap();
    let mut seen = Vec::new();
    while seen.len() < 2 {
        match next_msg(&mut rx, |m| {
            matches!(m, Msg::DetailLoaded { .. } | Msg::DetailFailed { .. })
        })
        .await
        {
            Msg::DetailLoaded { req, detail } => seen.push((req, detail.alert.id)),
            other => panic!("{other:?}"),
        }
    }
    seen.sort();
    assert_eq!(seen, vec![(8, "da1".to_string()), (9, "da2".to_string())]);

    let w = comment_write(&["da2"], "from the task", &api);
    tx.send(Effect::Write { req: 10, write: w }).await.unwrap();
    let outbox_id = match next_msg(&mut rx, |m| matches!(m, Msg::WriteQueued { .. })).await {
        Msg::WriteQueued { req, outbox_id } => {
            assert_eq!(req, 10);
            outbox_id
        }
        _ => unreachable!(),
    };
    match next_msg(&mut rx, |m| matches!(m, Msg::WriteConfirmed { .. })).await {
        Msg::WriteConfirmed { outbox_id: o, rows } => {
            assert_eq!(o, outbox_id);
            assert_eq!(rows[0].status, Status::InProgress);
            assert_eq!(rows[0].comment_count, 1);
        }
        _ => unreachable!(),
    }

    tx.send(Effect::SetPolling { paused: true }).await.unwrap();
    next_msg(
        &mut rx,
        |m| matches!(m, Msg::Sync(s) if s.paused && s.next_poll.is_none()),
    )
    .await;
    tx.send(Effect::Quit).await.unwrap();
    handle.await.unwrap();
}

#[tokio::test]
async fn the_task_reports_conflicts_and_settles_them() {
    let api = Arc::new(FakeApi::with_alerts(&["da1"]));
    let store = Store::open_in_memory().unwrap();
    let (tx, mut rx, handle) = spawn(ArcApi(api.clone()), store.clone(), quick());
    let w = comment_write(&["da1"], "late", &api);
    api.touch("da1");
    tx.send(Effect::Write { req: 1, write: w }).await.unwrap();
    let (outbox_id, server) =
        match next_msg(&mut rx, |m| matches!(m, Msg::WriteConflict { .. })).await {
            Msg::WriteConflict {
                outbox_id,
                alert_id,
                server,
            } => {
                assert_eq!(alert_id, "da1");
                (outbox_id, server)
            }
            _ => unreachable!(),
        };
    assert_eq!(server.last_update, api.alert("da1").last_update_time);
    tx.send(Effect::ResolveConflict {
        outbox_id,
        choice: ConflictChoice::Overwrite,
    })
    .await
    .unwrap();
    next_msg(
        &mut rx,
        |m| matches!(m, Msg::WriteConfirmed { outbox_id: o, .. } if *o == outbox_id),
    )
    .await;
    assert_eq!(comments(&api, "da1", "late"), 1);
    drop(tx);
    handle.await.unwrap();
}
