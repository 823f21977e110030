//! The sync task's Graph side against the emulator: incidents from the cache then the service,
//! incident writes exactly once through faults and conflicts, hunting cached and rationed, and
//! a profile whose alerts come from Graph. No sleeps: every wait is on a message with a deadline.

use mde_api::auth::{Audience, ClientCredentials, CredentialsConfig, Secret, SecretSource};
use mde_api::{ClientConfig, MdeClient, RetryPolicy, TokenProvider};
use mde_emulator::{EmulatorConfig, EmulatorHandle, Faults, RateLimits};
use mde_graph::GraphClient;
use mde_model::graph::{
    HuntFailure, HuntQuery, IncidentChange, IncidentStatus, IncidentWrite, MachineId,
    ServiceSource, process_story_query,
};
use mde_model::protocol::{ConflictChoice, Effect, Msg, TriageChange, TriageWrite};
use mde_model::{Classification, Determination, EntityType, Status, Timestamp};
use mde_store::Store;
use mde_sync::{GraphApi, NO_GRAPH, SyncConfig, spawn, spawn_with_graph};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

const DEADLINE: Duration = Duration::from_secs(60);

pub(crate) async fn emulator(faults: Faults, limits: Option<RateLimits>) -> EmulatorHandle {
    mde_emulator::spawn(EmulatorConfig {
        alerts: 60,
        seed: 9,
        faults,
        rate_limits: limits,
        fault_seed: Some(5),
        ..EmulatorConfig::default()
    })
    .await
    .expect("emulator starts")
}

fn mde_tokens(emu: &EmulatorHandle) -> ClientCredentials {
    ClientCredentials::new(CredentialsConfig {
        login: emu.login_url(),
        tenant: emu.tenant().to_string(),
        client_id: "mde-triage-demo".into(),
        secret: SecretSource::Value(Secret::new("demo-secret")),
        scope: Audience::mde().scope,
    })
    .expect("credentials")
}

fn config(emu: &EmulatorHandle) -> ClientConfig {
    let mut c = ClientConfig::new(&emu.base_url());
    c.timeout = Duration::from_secs(10);
    c.retry = RetryPolicy {
        max_backoffs: 2,
        max_throttle_waits: 2,
        base_backoff: Duration::from_millis(2),
        max_backoff: Duration::from_millis(20),
        max_retry_after: Duration::from_millis(20),
    };
    c
}

pub(crate) fn clients(emu: &EmulatorHandle) -> (MdeClient, GraphClient) {
    let tokens = mde_tokens(emu);
    let graph = tokens
        .for_audience(&Audience::graph())
        .expect("Graph tokens");
    (
        MdeClient::new(config(emu), Arc::new(tokens)).unwrap(),
        GraphClient::new(config(emu), graph).unwrap(),
    )
}

pub(crate) fn quick() -> SyncConfig {
    SyncConfig {
        poll_interval: Duration::from_secs(3600),
        retry_base: Duration::from_millis(2),
        retry_max: Duration::from_millis(40),
        budget_window: Duration::from_millis(300),
        page_size: 100,
        ..SyncConfig::default()
    }
}

pub(crate) async fn next(rx: &mut mpsc::Receiver<Msg>, what: impl Fn(&Msg) -> bool) -> Msg {
    tokio::time::timeout(DEADLINE, async {
        loop {
            let m = rx.recv().await.expect("sync task alive");
            if what(&m) {
                return m;
            }
        }
    })
    .await
    .expect("expected message within the deadline")
}

fn as_graph(g: GraphClient) -> Option<Arc<dyn GraphApi>> {
    Some(Arc::new(g))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incidents_come_from_the_cache_then_the_service_with_their_alerts() {
    let emu = emulator(Faults::default(), None).await;
    let store = Store::open_in_memory().unwrap();
    let (mde, graph) = clients(&emu);
    let (tx, mut rx, handle) =
        spawn_with_graph(mde.clone(), as_graph(graph.clone()), store.clone(), quick());
    tx.send(Effect::LoadIncidents {
        req: 7,
        full: false,
    })
    .await
    .unwrap();
    let Msg::IncidentsUpdated {
        req,
        rows,
        complete,
    } = next(&mut rx, |m| matches!(m, Msg::IncidentsUpdated { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(
        (req, rows.len(), complete),
        (7, 0, false),
        "the empty cache first"
    );
    let Msg::IncidentsUpdated { req, rows, .. } =
        next(&mut rx, |m| matches!(m, Msg::IncidentsUpdated { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(req, 7);
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r.status != IncidentStatus::Resolved || r.last_update.is_some())
    );
    let multi = rows
        .iter()
        .find(|r| r.alert_count > 1)
        .expect("an incident of several alerts")
        .clone();
    tx.send(Effect::LoadIncident {
        req: 8,
        id: multi.id.clone(),
    })
    .await
    .unwrap();
    let Msg::IncidentLoaded { req, detail } =
        next(&mut rx, |m| matches!(m, Msg::IncidentLoaded { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(req, 8);
    assert_eq!(detail.incident.id, multi.id);
    assert_eq!(detail.alerts.len() as u32, multi.alert_count);
    assert!(detail.raw.contains(&multi.id));
    // A full refresh answers with the whole set.
    tx.send(Effect::LoadIncidents { req: 9, full: true })
        .await
        .unwrap();
    let m = next(&mut rx, |m| {
        matches!(m, Msg::IncidentsUpdated { complete: true, .. })
    })
    .await;
    let Msg::IncidentsUpdated { req, rows: all, .. } = m else {
        unreachable!()
    };
    assert_eq!(req, 9);
    assert!(all.len() >= rows.len());
    tx.send(Effect::Quit).await.unwrap();
    handle.await.unwrap();
    // Restarted offline, the cache answers at once; without Graph the fetch says why.
    let (tx, mut rx, handle) = spawn(mde, store.clone(), quick());
    tx.send(Effect::LoadIncidents {
        req: 1,
        full: false,
    })
    .await
    .unwrap();
    let Msg::IncidentsUpdated { rows: cached, .. } =
        next(&mut rx, |m| matches!(m, Msg::IncidentsUpdated { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(cached.len(), all.len());
    let Msg::IncidentsFailed { error, .. } =
        next(&mut rx, |m| matches!(m, Msg::IncidentsFailed { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(error, NO_GRAPH);
    tx.send(Effect::LoadIncident {
        req: 2,
        id: multi.id.clone(),
    })
    .await
    .unwrap();
    let Msg::IncidentLoaded { detail, .. } =
        next(&mut rx, |m| matches!(m, Msg::IncidentLoaded { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(detail.incident.id, multi.id);
    let q = HuntQuery::AlertEvidence {
        alert: mde_model::graph::HuntAlertId::parse("da1").unwrap(),
    };
    tx.send(Effect::RunHunt {
        req: 3,
        query: q,
        refresh: false,
    })
    .await
    .unwrap();
    let Msg::HuntFailed { req, failure, .. } =
        next(&mut rx, |m| matches!(m, Msg::HuntFailed { .. })).await
    else {
        unreachable!()
    };
    assert_eq!((req, failure), (3, HuntFailure::NotConfigured));
    tx.send(Effect::Quit).await.unwrap();
    handle.await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incident_writes_land_exactly_once_through_faults() {
    let limits = RateLimits {
        per_minute: 10,
        minute: Duration::from_millis(300),
        ..RateLimits::default()
    };
    let emu = emulator(Faults::default(), Some(limits)).await;
    let store = Store::open_in_memory().unwrap();
    let (mde, graph) = clients(&emu);
    let all = graph
        .list_all_incidents(None, true, 50, None)
        .await
        .unwrap();
    let targets: Vec<_> = all
        .items
        .iter()
        .filter(|p| {
            p.item.status != IncidentStatus::Redirected
                && p.item.alerts.as_ref().is_some_and(|a| !a.is_empty())
        })
        .take(6)
        .map(|p| (p.item.id.clone(), p.item.last_update_date_time))
        .collect();
    assert_eq!(targets.len(), 6);
    // Faults from here on: a third of the calls fail, a fifth lose their answer after acting.
    let faults = serde_json::json!({"failRate": 0.3, "dropRate": 0.2}).to_string();
    let r = reqwest::Client::new()
        .put(format!("{}/_emulator/faults", emu.base_url()))
        .body(faults)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    let (tx, mut rx, handle) = spawn_with_graph(mde, as_graph(graph), store.clone(), quick());
    let mut queued = HashMap::new();
    for (n, (id, seen)) in targets.iter().enumerate() {
        let write = IncidentWrite {
            incident_id: id.clone(),
            change: IncidentChange {
                status: Some(IncidentStatus::Resolved),
                classification: Some(Classification::TruePositive),
                determination: Some(Determination::Malware),
                custom_tags: Some(vec![format!("wave-{n}")]),
                comment: Some(format!("closed {n} ✓ \u{1b}[31m")),
                ..Default::default()
            },
            seen_last_update: *seen,
        };
        tx.send(Effect::WriteIncident {
            req: 100 + n as u64,
            write,
        })
        .await
        .unwrap();
        let Msg::WriteQueued { req, outbox_id } =
            next(&mut rx, |m| matches!(m, Msg::WriteQueued { .. })).await
        else {
            unreachable!()
        };
        assert_eq!(req, 100 + n as u64);
        queued.insert(outbox_id, id.clone());
    }
    let mut confirmed = 0;
    while confirmed < targets.len() {
        match next(&mut rx, |m| {
            matches!(
                m,
                Msg::IncidentWriteConfirmed { .. }
                    | Msg::IncidentWriteFailed { .. }
                    | Msg::IncidentWriteConflict { .. }
            )
        })
        .await
        {
            Msg::IncidentWriteConfirmed {
                outbox_id,
                row,
                alerts,
            } => {
                assert_eq!(queued.get(&outbox_id), Some(&row.id));
                assert_eq!(row.status, IncidentStatus::Resolved);
                assert!(
                    alerts.iter().all(|a| a.status == Status::Resolved),
                    "{alerts:?}"
                );
                confirmed += 1;
            }
            other => panic!("every incident write must be delivered, got {other:?}"),
        }
    }
    tx.send(Effect::Quit).await.unwrap();
    handle.await.unwrap();
    for (n, (id, _)) in targets.iter().enumerate() {
        let i = emu.incident(id).unwrap();
        let text = format!("closed {n} ✓ \u{1b}[31m");
        assert_eq!(
            i.comments.iter().filter(|c| c.comment == text).count(),
            1,
            "{id}: exactly once"
        );
        assert_eq!(i.status, IncidentStatus::Resolved);
        assert_eq!(i.custom_tags, [format!("wave-{n}")]);
        for a in i.alerts.unwrap() {
            assert_eq!(
                (a.status, a.classification),
                (Status::Resolved, Some(Classification::TruePositive))
            );
        }
    }
    let attempts: Vec<u32> = store
        .outbox_list(&[])
        .unwrap()
        .iter()
        .map(|e| e.attempts)
        .collect();
    eprintln!("attempts per incident write: {attempts:?}");
    assert!(
        attempts.iter().any(|a| *a > 1),
        "the faults struck: {attempts:?}"
    );
    let c = store.outbox_counts().unwrap();
    assert_eq!(
        (c.done, c.pending, c.failed, c.conflict),
        (targets.len() as u32, 0, 0, 0)
    );
    emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_incident_changed_since_it_was_seen_is_a_conflict_settled_by_the_analyst() {
    let emu = emulator(Faults::default(), None).await;
    let store = Store::open_in_memory().unwrap();
    let (mde, graph) = clients(&emu);
    let set = graph
        .list_all_incidents(None, false, 50, None)
        .await
        .unwrap();
    let i = set
        .items
        .iter()
        .find(|p| p.item.status == IncidentStatus::Active)
        .unwrap()
        .item
        .clone();
    // Someone else takes it first.
    graph
        .update_incident(
            &i.id,
            &IncidentChange {
                assigned_to: Some("bob@contoso.com".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let (tx, mut rx, handle) =
        spawn_with_graph(mde, as_graph(graph.clone()), store.clone(), quick());
    let write = IncidentWrite {
        incident_id: i.id.clone(),
        change: IncidentChange {
            assigned_to: Some("alice@contoso.com".into()),
            ..Default::default()
        },
        seen_last_update: i.last_update_date_time,
    };
    tx.send(Effect::WriteIncident { req: 1, write })
        .await
        .unwrap();
    let Msg::IncidentWriteConflict { outbox_id, server } =
        next(&mut rx, |m| matches!(m, Msg::IncidentWriteConflict { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(server.assigned_to.as_deref(), Some("bob@contoso.com"));
    tx.send(Effect::ResolveConflict {
        outbox_id,
        choice: ConflictChoice::Overwrite,
    })
    .await
    .unwrap();
    let Msg::IncidentWriteConfirmed { row, .. } =
        next(&mut rx, |m| matches!(m, Msg::IncidentWriteConfirmed { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(row.assigned_to.as_deref(), Some("alice@contoso.com"));
    // A second write seen against the version our own write made is no conflict.
    let mine = emu.incident(&i.id).unwrap();
    let write = IncidentWrite {
        incident_id: i.id.clone(),
        change: IncidentChange {
            status: Some(IncidentStatus::InProgress),
            ..Default::default()
        },
        seen_last_update: mine.last_update_date_time,
    };
    tx.send(Effect::WriteIncident { req: 2, write })
        .await
        .unwrap();
    let m = next(&mut rx, |m| {
        matches!(
            m,
            Msg::IncidentWriteConfirmed { .. } | Msg::IncidentWriteConflict { .. }
        )
    })
    .await;
    assert!(matches!(m, Msg::IncidentWriteConfirmed { .. }), "{m:?}");
    tx.send(Effect::Quit).await.unwrap();
    handle.await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hunts_are_cached_rationed_and_refused_for_old_activity() {
    let emu = emulator(Faults::default(), None).await;
    let store = Store::open_in_memory().unwrap();
    let (mde, graph) = clients(&emu);
    let cfg = SyncConfig {
        hunt_per_window: 2,
        budget_window: Duration::from_secs(60),
        ..quick()
    };
    let (tx, mut rx, handle) = spawn_with_graph(mde, as_graph(graph), store.clone(), cfg);
    let alert = emu
        .alert_ids()
        .into_iter()
        .filter_map(|id| emu.alert(&id))
        .find(|a| {
            a.evidence
                .iter()
                .any(|e| e.entity_type == EntityType::Process)
        })
        .unwrap();
    let story = process_story_query(&alert, Timestamp::now()).unwrap();
    tx.send(Effect::RunHunt {
        req: 1,
        query: story.clone(),
        refresh: false,
    })
    .await
    .unwrap();
    let Msg::HuntQuota(q) = next(&mut rx, |m| matches!(m, Msg::HuntQuota(_))).await else {
        unreachable!()
    };
    assert_eq!((q.used, q.limit), (1, 2));
    assert!(q.resets_in_secs > 0);
    let Msg::HuntResult { req, answer } = next(&mut rx, |m| {
        matches!(m, Msg::HuntResult { .. } | Msg::HuntFailed { .. })
    })
    .await
    else {
        panic!()
    };
    assert_eq!(
        (req, answer.cached, answer.query == story),
        (1, false, true)
    );
    assert!(
        answer.result.rows.len()
            >= alert
                .evidence
                .iter()
                .filter(|e| e.entity_type == EntityType::Process)
                .count()
    );
    // Asked again: from the store, no call.
    tx.send(Effect::RunHunt {
        req: 2,
        query: story.clone(),
        refresh: false,
    })
    .await
    .unwrap();
    let Msg::HuntResult { req, answer: again } =
        next(&mut rx, |m| matches!(m, Msg::HuntResult { .. })).await
    else {
        unreachable!()
    };
    assert_eq!((req, again.cached), (2, true));
    assert_eq!(again.result, answer.result);
    // Refreshed twice: the second is over the quota and says when to try again.
    tx.send(Effect::RunHunt {
        req: 3,
        query: story.clone(),
        refresh: true,
    })
    .await
    .unwrap();
    let Msg::HuntResult { req, answer: fresh } =
        next(&mut rx, |m| matches!(m, Msg::HuntResult { .. })).await
    else {
        unreachable!()
    };
    assert_eq!((req, fresh.cached), (3, false));
    tx.send(Effect::RunHunt {
        req: 4,
        query: story.clone(),
        refresh: true,
    })
    .await
    .unwrap();
    let Msg::HuntFailed { req, failure, .. } =
        next(&mut rx, |m| matches!(m, Msg::HuntFailed { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(req, 4);
    assert!(
        matches!(failure, HuntFailure::Throttled { retry_after_secs } if (1..=60).contains(&retry_after_secs)),
        "{failure:?}"
    );
    // Activity older than hunting keeps is refused without a call.
    let old = HuntQuery::DeviceProcesses {
        device: MachineId::parse(alert.machine_id.as_deref().unwrap()).unwrap(),
        from: Timestamp::parse("2020-01-01T00:00:00Z").unwrap(),
        to: Timestamp::parse("2020-01-01T02:00:00Z").unwrap(),
    };
    tx.send(Effect::RunHunt {
        req: 5,
        query: old,
        refresh: true,
    })
    .await
    .unwrap();
    let Msg::HuntFailed { req, failure, .. } =
        next(&mut rx, |m| matches!(m, Msg::HuntFailed { .. })).await
    else {
        unreachable!()
    };
    assert_eq!((req, failure), (5, HuntFailure::TooOld));
    tx.send(Effect::Quit).await.unwrap();
    handle.await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_graph_profile_lists_every_product_and_writes_through_graph() {
    let emu = emulator(Faults::default(), None).await;
    let store = Store::open_in_memory().unwrap();
    let (_, graph) = clients(&emu);
    let (tx, mut rx, handle) = spawn(graph, store.clone(), quick());
    tx.send(Effect::Start { req: 1 }).await.unwrap();
    let mut rows = Vec::new();
    while rows.len() < emu.alert_ids().len() + 5 {
        if let Msg::AlertsUpdated { rows: r, .. } =
            next(&mut rx, |m| matches!(m, Msg::AlertsUpdated { .. })).await
        {
            assert!(!r.is_empty(), "the first fetch brings every alert");
            rows.extend(r);
        }
    }
    let sources: std::collections::HashSet<_> =
        rows.iter().filter_map(|r| r.source.clone()).collect();
    assert!(sources.contains(&ServiceSource::MicrosoftDefenderForEndpoint));
    assert!(sources.contains(&ServiceSource::MicrosoftDefenderForOffice365));
    assert!(rows.iter().all(|r| r.source.is_some()));
    let mail = rows
        .iter()
        .find(|r| r.source == Some(ServiceSource::MicrosoftDefenderForCloudApps))
        .unwrap()
        .clone();
    let write = TriageWrite {
        alert_ids: vec![mail.id.clone()],
        change: TriageChange {
            status: Some(Status::InProgress),
            assigned_to: Some("me@contoso.com".into()),
            comment: Some("looking".into()),
            ..Default::default()
        },
        seen_last_update: vec![(mail.id.clone(), mail.last_update)],
    };
    tx.send(Effect::Write { req: 2, write }).await.unwrap();
    let Msg::WriteConfirmed { rows: after, .. } = next(&mut rx, |m| {
        matches!(
            m,
            Msg::WriteConfirmed { .. } | Msg::WriteFailed { .. } | Msg::WriteConflict { .. }
        )
    })
    .await
    else {
        panic!()
    };
    assert_eq!(after[0].status, Status::InProgress);
    assert_eq!(
        after[0].source,
        Some(ServiceSource::MicrosoftDefenderForCloudApps)
    );
    tx.send(Effect::LoadDetail {
        req: 3,
        alert_id: mail.id.clone(),
    })
    .await
    .unwrap();
    let Msg::DetailLoaded { detail, .. } =
        next(&mut rx, |m| matches!(m, Msg::DetailLoaded { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(
        detail
            .alert
            .comments
            .iter()
            .filter(|c| c.comment == "looking")
            .count(),
        1
    );
    assert!(detail.raw.contains("alertWebUrl"));
    tx.send(Effect::Quit).await.unwrap();
    handle.await.unwrap();
    // The rows keep their product across a restart.
    let cached = store.rows_for(std::slice::from_ref(&mail.id)).unwrap();
    assert_eq!(
        cached[0].source,
        Some(ServiceSource::MicrosoftDefenderForCloudApps)
    );
}
