//! Hunting (cached, rationed, refused for old activity) and a Graph profile's alerts.

use super::*;

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
