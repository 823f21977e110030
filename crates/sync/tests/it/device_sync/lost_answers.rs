//! A lost answer, a lost send and a crash mid-send: the client looks the action up before it
//! ever sends it again, so a device is never isolated twice.

use super::*;

#[tokio::test]
async fn a_lost_answer_is_looked_up_and_the_device_is_isolated_once() {
    let emu = emulator().await;
    let (alert, mid, name) = subject(&emu).await;
    control(
        &emu,
        reqwest::Method::POST,
        "/_emulator/faults/drop-next",
        json!({"method": "POST", "path": "/isolate"}),
    )
    .await;
    // The service queues duplicates in this mode, so a resend would show as a second isolation.
    control(
        &emu,
        reqwest::Method::PUT,
        "/_emulator/response",
        json!({"duplicates": "queue"}),
    )
    .await;
    let store = Store::open_in_memory().unwrap();
    let (tx, mut rx, task) = spawn(client(&emu), store.clone(), quick());
    tx.send(Effect::RunAction {
        req: 1,
        request: isolate(&mid, &name, &alert),
    })
    .await
    .unwrap();
    let found = update(&mut rx, accepted_with(ActionStatus::Pending)).await;
    let emu_side = held(&emu, "Isolate").await;
    assert_eq!(
        emu_side.len(),
        1,
        "exactly one isolation on the service: {emu_side:?}"
    );
    match &found.state {
        SendState::Accepted { action_id, .. } => {
            assert_eq!(action_id, emu_side[0]["id"].as_str().unwrap())
        }
        other => panic!("{other:?}"),
    }
    advance(&emu, 120.0).await;
    update(&mut rx, accepted_with(ActionStatus::Succeeded)).await;
    assert_eq!(held(&emu, "Isolate").await.len(), 1);
    let steps: Vec<String> = store
        .audit_log()
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        steps,
        ["action-send", "action-created", "action-final"],
        "sent once"
    );
    tx.send(Effect::Quit).await.unwrap();
    task.await.unwrap();
}

#[tokio::test]
async fn an_action_lost_before_it_was_created_fails_and_a_retry_looks_before_it_sends() {
    let emu = emulator().await;
    let (alert, mid, name) = subject(&emu).await;
    let store = Store::open_in_memory().unwrap();
    let (tx, mut rx, task) = spawn(client(&emu), store.clone(), quick());
    // 503 without serving: not created, but the client cannot know; the lookup says so.
    control(
        &emu,
        reqwest::Method::POST,
        "/_emulator/faults/drop-next",
        json!({"method": "POST", "path": "/isolate", "fail": true}),
    )
    .await;
    tx.send(Effect::RunAction {
        req: 1,
        request: isolate(&mid, &name, &alert),
    })
    .await
    .unwrap();
    let (send, f) = failure(&mut rx).await;
    let send = send.unwrap();
    assert_eq!(f.kind, FailureKind::Lost, "{}", f.message);
    assert!(f.message.contains("not created"), "{}", f.message);
    assert!(send.can_retry());
    assert!(
        held(&emu, "Isolate").await.is_empty(),
        "the one attempt was not resent by the client"
    );

    // Someone isolates it meanwhile: the retry finds that and sends nothing.
    let theirs = client(&emu)
        .run_action(&ActionRequest {
            comment: "from the portal".into(),
            ..isolate(&mid, &name, &alert)
        })
        .await
        .unwrap();
    tx.send(Effect::RetryAction {
        req: 2,
        send_id: send.send_id,
    })
    .await
    .unwrap();
    let adopted = update(&mut rx, accepted_with(ActionStatus::Pending)).await;
    assert_eq!(adopted.send_id, send.send_id);
    assert_eq!(
        adopted.state,
        SendState::Accepted {
            action_id: theirs.id.clone(),
            status: ActionStatus::Pending
        }
    );
    assert_eq!(
        held(&emu, "Isolate").await.len(),
        1,
        "not sent a second time"
    );
    tx.send(Effect::Quit).await.unwrap();
    task.await.unwrap();
}

#[tokio::test]
async fn a_retry_with_nothing_on_the_service_sends_it_again_once() {
    let emu = emulator().await;
    let (alert, mid, name) = subject(&emu).await;
    let store = Store::open_in_memory().unwrap();
    let (tx, mut rx, task) = spawn(client(&emu), store.clone(), quick());
    control(
        &emu,
        reqwest::Method::POST,
        "/_emulator/faults/drop-next",
        json!({"method": "POST", "path": "/isolate", "fail": true}),
    )
    .await;
    tx.send(Effect::RunAction {
        req: 1,
        request: isolate(&mid, &name, &alert),
    })
    .await
    .unwrap();
    let (send, _) = failure(&mut rx).await;
    let send = send.unwrap();
    tx.send(Effect::RetryAction {
        req: 2,
        send_id: send.send_id,
    })
    .await
    .unwrap();
    let again = update(&mut rx, |s| *s == SendState::Sending).await;
    assert_eq!(
        again.started, send.started,
        "the first attempt's start is kept"
    );
    update(&mut rx, accepted_with(ActionStatus::Pending)).await;
    assert_eq!(held(&emu, "Isolate").await.len(), 1);
    let steps: Vec<String> = store
        .audit_log()
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        steps,
        [
            "action-send",
            "action-failed",
            "action-retry",
            "action-created"
        ]
    );
    // A send that is in flight or done cannot be retried.
    tx.send(Effect::RetryAction {
        req: 3,
        send_id: send.send_id,
    })
    .await
    .unwrap();
    let (_, f) = failure(&mut rx).await;
    assert_eq!(f.kind, FailureKind::Invalid);
    tx.send(Effect::Quit).await.unwrap();
    task.await.unwrap();
}

#[tokio::test]
async fn a_send_interrupted_by_a_crash_is_looked_up_at_start_never_resent() {
    let emu = emulator().await;
    let (alert, mid, name) = subject(&emu).await;
    let c = client(&emu);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite3");
    let (reached, lost) = {
        let store = Store::open(&path).unwrap();
        // One send reached the service before the crash, one did not.
        let reached = store
            .begin_send(&isolate(&mid, &name, &alert), Timestamp::now())
            .unwrap();
        c.run_action(&isolate(&mid, &name, &alert)).await.unwrap();
        let scan = ActionRequest {
            action: ResponseAction::Scan {
                scan: mde_model::device::ScanType::Quick,
            },
            ..isolate(&mid, &name, &alert)
        };
        let lost = store.begin_send(&scan, Timestamp::now()).unwrap();
        (reached, lost)
    };
    let store = Store::open(&path).unwrap();
    let (tx, mut rx, task) = spawn(client(&emu), store.clone(), quick());
    let mut got_reached = false;
    let mut got_lost = false;
    while !(got_reached && got_lost) {
        match next(&mut rx, |m| {
            matches!(m, Msg::ActionUpdated { .. } | Msg::ActionFailed { .. })
        })
        .await
        {
            Msg::ActionUpdated { req, send } if send.send_id == reached => {
                assert_eq!(req, 0);
                got_reached = matches!(send.state, SendState::Accepted { .. });
            }
            Msg::ActionFailed {
                send: Some(send),
                failure,
                ..
            } if send.send_id == lost => {
                assert_eq!(
                    failure.kind,
                    FailureKind::Interrupted,
                    "{}",
                    failure.message
                );
                assert!(send.can_retry());
                got_lost = true;
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(held(&emu, "Isolate").await.len(), 1);
    assert!(
        held(&emu, "RunAntiVirusScan").await.is_empty(),
        "not resent by itself"
    );
    tx.send(Effect::Quit).await.unwrap();
    task.await.unwrap();
}
