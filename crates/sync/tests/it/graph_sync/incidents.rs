//! Incidents through the sync task: from the cache then the service, writes exactly once
//! through faults, and a conflict settled by the analyst.

use super::*;

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
