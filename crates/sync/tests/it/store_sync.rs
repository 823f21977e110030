//! The store and the sync task against the emulator on 127.0.0.1:0: exactly-once delivery through
//! throttling, failures, dropped connections and token expiry; request ids echoed; cache and drafts
//! across restarts; conflicts. No sleeps: every wait is on a channel message with a deadline.

use super::emulator_kit::{client, control, count, emulator, next, quick, seen_now, write};
use mde_emulator::{Faults, RateLimits};
use mde_model::Status;
use mde_model::protocol::{ConflictChoice, Effect, Msg};
use mde_store::{OutboxState, Store};
use mde_sync::{SyncConfig, spawn};
use std::collections::HashMap;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_write_lands_exactly_once_through_429s_500s_drops_and_token_expiry() {
    let limits = RateLimits {
        per_minute: 8,
        batch_per_minute: 2,
        minute: Duration::from_millis(300),
        ..RateLimits::default()
    };
    let faults = Faults {
        fail_rate: 0.3,
        drop_rate: 0.2,
        ..Faults::default()
    };
    let emu = emulator(40, faults, Some(limits)).await;
    let ids = emu.alert_ids();
    let seen = seen_now(&emu);
    let store = Store::open_in_memory().unwrap();
    let (tx, mut rx, handle) = spawn(client(&emu), store.clone(), quick());

    // Twelve single-alert writes and three batches of three, each with its own comment.
    let mut expected: Vec<(String, String)> = Vec::new();
    let mut writes = Vec::new();
    for (i, id) in ids.iter().take(12).enumerate() {
        let text = format!("single {i} ✓ 'quoted' \u{1b}[31m");
        expected.push((id.clone(), text.clone()));
        writes.push(write(std::slice::from_ref(id), &text, &seen));
    }
    for b in 0..3 {
        let batch: Vec<String> = ids[12 + b * 3..15 + b * 3].to_vec();
        let text = format!("batch {b}");
        for id in &batch {
            expected.push((id.clone(), text.clone()));
        }
        writes.push(write(&batch, &text, &seen));
    }
    let total = writes.len();
    let mut queued = HashMap::new();
    let settled = |m: &Msg| {
        matches!(
            m,
            Msg::WriteConfirmed { .. } | Msg::WriteFailed { .. } | Msg::WriteConflict { .. }
        )
    };
    // An early write can be settled while later ones are still being queued: keep its answer.
    let mut early = Vec::new();
    for (req, w) in writes.into_iter().enumerate() {
        let req = req as u64 + 100;
        tx.send(Effect::Write { req, write: w }).await.unwrap();
        loop {
            match next(&mut rx, |m| {
                matches!(m, Msg::WriteQueued { .. }) || settled(m)
            })
            .await
            {
                Msg::WriteQueued { req: r, outbox_id } => {
                    assert_eq!(r, req, "WriteQueued echoes the request id");
                    queued.insert(outbox_id, req);
                    break;
                }
                m => early.push(m),
            }
        }
    }

    let mut confirmed = 0;
    let mut early = early.into_iter();
    while confirmed < total {
        let m = match early.next() {
            Some(m) => m,
            None => next(&mut rx, settled).await,
        };
        match m {
            Msg::WriteConfirmed { outbox_id, .. } => {
                assert!(queued.contains_key(&outbox_id));
                confirmed += 1;
                if confirmed == total / 2 {
                    // Every token issued so far stops working: the client must sign in again.
                    control(&emu, reqwest::Method::POST, "/_emulator/tokens/expire", "").await;
                }
            }
            other => panic!("every write must be delivered, got {other:?}"),
        }
    }
    tx.send(Effect::Quit).await.unwrap();
    handle.await.unwrap();

    for (id, text) in &expected {
        assert_eq!(count(&emu, id, text), 1, "{id}: {text:?} exactly once");
        assert_eq!(emu.alert(id).unwrap().status, Status::InProgress);
    }
    let c = store.outbox_counts().unwrap();
    assert_eq!(
        (c.done, c.pending, c.sending, c.failed),
        (total as u32, 0, 0, 0)
    );
    // The faults really struck: some writes needed more than one send.
    let attempts: Vec<u32> = store
        .outbox_list(&[])
        .unwrap()
        .iter()
        .map(|e| e.attempts)
        .collect();
    eprintln!("attempts per write: {attempts:?}");
    assert!(attempts.iter().any(|a| *a > 1), "{attempts:?}");
    emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_carry_the_id_of_the_request_they_answer() {
    let emu = emulator(30, Faults::default(), None).await;
    let ids = emu.alert_ids();
    let store = Store::open_in_memory().unwrap();
    let (tx, mut rx, handle) = spawn(client(&emu), store.clone(), quick());

    tx.send(Effect::Start { req: 1 }).await.unwrap();
    match next(&mut rx, |m| matches!(m, Msg::CacheLoaded { .. })).await {
        Msg::CacheLoaded { req, rows } => assert_eq!((req, rows.len()), (1, 0)),
        _ => unreachable!(),
    }
    let mut got = 0;
    while got < ids.len() {
        match next(&mut rx, |m| matches!(m, Msg::AlertsUpdated { .. })).await {
            Msg::AlertsUpdated { req, rows, .. } => {
                assert_eq!(req, 1);
                got += rows.len();
            }
            _ => unreachable!(),
        }
    }
    // Two refreshes in a row: the second is answered with its own id, whatever the first did.
    tx.send(Effect::Refresh {
        req: 2,
        full: false,
    })
    .await
    .unwrap();
    tx.send(Effect::Refresh { req: 3, full: true })
        .await
        .unwrap();
    let mut answered = Vec::new();
    while !answered.contains(&3) {
        if let Msg::AlertsUpdated {
            req,
            complete,
            rows,
        } = next(&mut rx, |m| matches!(m, Msg::AlertsUpdated { .. })).await
        {
            if req == 3 && complete {
                assert_eq!(rows.len(), ids.len(), "a full refresh sends the whole set");
            }
            answered.push(req);
        }
    }
    assert!(answered.iter().all(|r| *r == 2 || *r == 3), "{answered:?}");

    // Detail requests overtaken by newer ones still name themselves, so the app can drop them.
    for (n, id) in ids.iter().take(5).enumerate() {
        tx.send(Effect::LoadDetail {
            req: 10 + n as u64,
            alert_id: id.clone(),
        })
        .await
        .unwrap();
    }
    let mut details = HashMap::new();
    while details.len() < 5 {
        if let Msg::DetailLoaded { req, detail } =
            next(&mut rx, |m| matches!(m, Msg::DetailLoaded { .. })).await
        {
            details.insert(req, detail.alert.id.clone());
        }
    }
    for (n, id) in ids.iter().take(5).enumerate() {
        assert_eq!(details.get(&(10 + n as u64)), Some(id));
    }
    drop(tx);
    handle.await.unwrap();
    emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cache_and_drafts_survive_a_restart_and_an_outage() {
    let emu = emulator(25, Faults::default(), None).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("profile.sqlite3");
    let first = emu.alert_ids()[0].clone();
    {
        let store = Store::open(&path).unwrap();
        let (tx, mut rx, handle) = spawn(client(&emu), store, quick());
        tx.send(Effect::Start { req: 1 }).await.unwrap();
        let mut got = 0;
        while got < 25 {
            if let Msg::AlertsUpdated { rows, .. } =
                next(&mut rx, |m| matches!(m, Msg::AlertsUpdated { .. })).await
            {
                got += rows.len();
            }
        }
        tx.send(Effect::SaveDraft {
            alert_id: first.clone(),
            text: "half-written note\nsecond line".into(),
        })
        .await
        .unwrap();
        tx.send(Effect::Quit).await.unwrap();
        handle.await.unwrap();
    }
    let offline_client = client(&emu);
    emu.shutdown().await;

    // The service is gone: the cache still answers, with the draft.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.alert_count().unwrap(), 25);
    assert!(store.watermark().unwrap().is_some());
    let (tx, mut rx, handle) = spawn(offline_client, store, quick());
    tx.send(Effect::Start { req: 5 }).await.unwrap();
    // The first screen's rows first (the open queue), then every cached row.
    let mut cached = std::collections::HashSet::new();
    let mut messages = 0;
    while cached.len() < 25 {
        match next(&mut rx, |m| matches!(m, Msg::CacheLoaded { .. })).await {
            Msg::CacheLoaded { req, rows } => {
                assert_eq!(req, 5);
                assert!(messages > 0 || rows.iter().all(|r| r.status != Status::Resolved));
                cached.extend(rows.into_iter().map(|r| r.id));
                messages += 1;
            }
            _ => unreachable!(),
        }
    }
    assert!(
        messages <= 2,
        "first screen, then the rest: {messages} messages"
    );
    tx.send(Effect::LoadDetail {
        req: 6,
        alert_id: first.clone(),
    })
    .await
    .unwrap();
    // Both answers come, in either order: the detail from the cache, the refresh as failed.
    let (mut detail_seen, mut refresh_failed) = (false, false);
    while !(detail_seen && refresh_failed) {
        match next(&mut rx, |m| {
            matches!(m, Msg::DetailLoaded { .. } | Msg::RefreshFailed { .. })
        })
        .await
        {
            Msg::DetailLoaded { req, detail } => {
                assert_eq!(req, 6);
                assert_eq!(detail.alert.id, first);
                assert_eq!(
                    detail.draft.as_deref(),
                    Some("half-written note\nsecond line")
                );
                detail_seen = true;
            }
            Msg::RefreshFailed { req, .. } => {
                assert_eq!(req, 5);
                refresh_failed = true;
            }
            _ => unreachable!(),
        }
    }
    drop(tx);
    handle.await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_on_the_server_after_it_was_seen_is_a_conflict() {
    let emu = emulator(5, Faults::default(), None).await;
    let id = emu.alert_ids()[0].clone();
    let seen = seen_now(&emu);
    let store = Store::open_in_memory().unwrap();
    let (tx, mut rx, handle) = spawn(client(&emu), store.clone(), quick());

    // Another analyst comments after we loaded the alert.
    control(
        &emu,
        reqwest::Method::PATCH,
        &format!("/_emulator/alerts/{id}?as=other%40contoso.example"),
        r#"{"comment":"theirs","status":"Resolved"}"#,
    )
    .await;
    tx.send(Effect::Write {
        req: 1,
        write: write(std::slice::from_ref(&id), "mine", &seen),
    })
    .await
    .unwrap();
    let outbox_id = match next(&mut rx, |m| {
        matches!(m, Msg::WriteConflict { .. } | Msg::WriteConfirmed { .. })
    })
    .await
    {
        Msg::WriteConflict {
            outbox_id,
            alert_id,
            server,
        } => {
            assert_eq!(alert_id, id);
            assert_eq!(server.status, Status::Resolved);
            assert_eq!(server.last_update, emu.alert(&id).unwrap().last_update_time);
            outbox_id
        }
        other => panic!("expected a conflict, got {other:?}"),
    };
    assert_eq!(count(&emu, &id, "mine"), 0, "nothing overwritten yet");
    assert_eq!(
        store.outbox_entry(outbox_id).unwrap().unwrap().state,
        OutboxState::Conflict
    );

    tx.send(Effect::ResolveConflict {
        outbox_id,
        choice: ConflictChoice::Overwrite,
    })
    .await
    .unwrap();
    match next(&mut rx, |m| matches!(m, Msg::WriteConfirmed { .. })).await {
        Msg::WriteConfirmed { outbox_id: o, rows } => {
            assert_eq!(o, outbox_id);
            assert_eq!(rows[0].status, Status::InProgress);
        }
        _ => unreachable!(),
    }
    assert_eq!(count(&emu, &id, "mine"), 1);
    assert_eq!(count(&emu, &id, "theirs"), 1);
    drop(tx);
    handle.await.unwrap();
    emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn polling_brings_changes_and_pauses_on_request() {
    let emu = emulator(5, Faults::default(), None).await;
    let id = emu.alert_ids()[2].clone();
    let store = Store::open_in_memory().unwrap();
    let config = SyncConfig {
        poll_interval: Duration::from_millis(20),
        ..quick()
    };
    let (tx, mut rx, handle) = spawn(client(&emu), store.clone(), config);
    tx.send(Effect::Start { req: 1 }).await.unwrap();
    let mut got = 0;
    while got < 5 {
        if let Msg::AlertsUpdated { rows, .. } =
            next(&mut rx, |m| matches!(m, Msg::AlertsUpdated { .. })).await
        {
            got += rows.len();
        }
    }
    control(
        &emu,
        reqwest::Method::PATCH,
        &format!("/_emulator/alerts/{id}"),
        r#"{"assignedTo":"someone@contoso.example"}"#,
    )
    .await;
    next(&mut rx, |m| {
        matches!(m, Msg::AlertsUpdated { req: 1, rows, .. }
            if rows.iter().any(|r| r.id == id && r.assigned_to.as_deref() == Some("someone@contoso.example")))
    })
    .await;
    let status = next(
        &mut rx,
        |m| matches!(m, Msg::Sync(s) if s.last_sync.is_some()),
    )
    .await;
    if let Msg::Sync(s) = status {
        assert_eq!(s.budget_per_minute, 20);
        assert!(s.budget_left <= 20);
    }
    tx.send(Effect::SetPolling { paused: true }).await.unwrap();
    next(
        &mut rx,
        |m| matches!(m, Msg::Sync(s) if s.paused && s.next_poll.is_none()),
    )
    .await;
    drop(tx);
    handle.await.unwrap();
    emu.shutdown().await;
}
