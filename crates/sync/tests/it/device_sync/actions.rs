//! Actions sent at once and followed until they settle; refusals, an offline device, cancel,
//! the package link and indicators.

use super::*;

#[tokio::test]
async fn an_action_is_sent_at_once_followed_until_it_succeeds_and_audited() {
    let emu = emulator().await;
    let (alert, mid, name) = subject(&emu).await;
    let store = Store::open_in_memory().unwrap();
    let (tx, mut rx, task) = spawn(client(&emu), store.clone(), quick());
    tx.send(Effect::LoadDevice {
        req: 7,
        subject: DeviceSubject::Alert {
            alert_id: alert.clone(),
        },
    })
    .await
    .unwrap();
    let ctx = device(&mut rx, true).await;
    assert_eq!(ctx.machine.id, mid);
    assert_eq!(ctx.state.isolation.phase(), Phase::Unknown);
    assert!(
        ctx.granted
            .as_ref()
            .unwrap()
            .contains(&"Machine.Isolate".to_string())
    );
    assert!(!ctx.lacks("Machine.Isolate") && ctx.lacks("Machine.Offboard"));

    tx.send(Effect::RunAction {
        req: 8,
        request: isolate(&mid, &name, &alert),
    })
    .await
    .unwrap();
    let sending = update(&mut rx, |s| *s == SendState::Sending).await;
    let pending = update(&mut rx, accepted_with(ActionStatus::Pending)).await;
    assert_eq!(pending.send_id, sending.send_id);
    // The watched device shows it as isolating.
    let ctx = device(&mut rx, true).await;
    assert_eq!(ctx.state.isolation.phase(), Phase::Applying);
    assert_eq!(ctx.sends[0].send_id, sending.send_id);

    advance(&emu, 10.0).await;
    update(&mut rx, accepted_with(ActionStatus::InProgress)).await;
    advance(&emu, 120.0).await;
    let done = update(&mut rx, accepted_with(ActionStatus::Succeeded)).await;
    assert!(done.is_settled() && !done.can_retry());
    let ctx = device(&mut rx, true).await;
    assert_eq!(ctx.state.isolation.phase(), Phase::Applied);
    assert_eq!(held(&emu, "Isolate").await.len(), 1);
    let steps: Vec<String> = store
        .audit_log()
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(steps, ["action-send", "action-created", "action-final"]);
    assert!(
        store.open_sends().unwrap().is_empty(),
        "nothing left to follow"
    );
    tx.send(Effect::Quit).await.unwrap();
    task.await.unwrap();
}

#[tokio::test]
async fn refusals_are_reported_with_their_reason_and_not_retried() {
    let emu = emulator().await;
    let (alert, mid, name) = subject(&emu).await;
    let other = client(&emu);
    other
        .run_action(&isolate(&mid, &name, &alert))
        .await
        .unwrap();
    let store = Store::open_in_memory().unwrap();
    let (tx, mut rx, task) = spawn(client(&emu), store.clone(), quick());
    tx.send(Effect::RunAction {
        req: 1,
        request: isolate(&mid, &name, &alert),
    })
    .await
    .unwrap();
    let (send, f) = failure(&mut rx).await;
    assert_eq!(f.kind, FailureKind::AlreadyPending);
    assert!(
        f.message.contains("mde-triage-demo") && f.message.contains("already pending"),
        "{}",
        f.message
    );
    assert!(!send.unwrap().can_retry());
    // A request that cannot be valid is refused before anything is recorded or sent.
    let mut bad = isolate(&mid, &name, &alert);
    bad.comment = " ".into();
    tx.send(Effect::RunAction {
        req: 2,
        request: bad,
    })
    .await
    .unwrap();
    let (send, f) = failure(&mut rx).await;
    assert!(send.is_none() && f.kind == FailureKind::Invalid && f.message.contains("comment"));
    tx.send(Effect::Quit).await.unwrap();
    task.await.unwrap();

    control(
        &emu,
        reqwest::Method::PUT,
        "/_emulator/roles/withheld",
        json!({"roles": ["Machine.Isolate"]}),
    )
    .await;
    let (tx, mut rx, task) = spawn(client(&emu), store.clone(), quick());
    tx.send(Effect::RunAction {
        req: 3,
        request: ActionRequest {
            action: ResponseAction::Release,
            ..isolate(&mid, &name, &alert)
        },
    })
    .await
    .unwrap();
    let (_, f) = failure(&mut rx).await;
    assert_eq!(
        f.kind,
        FailureKind::Forbidden {
            permission: Some("Machine.Isolate".into())
        }
    );
    tx.send(Effect::LoadDevice {
        req: 4,
        subject: DeviceSubject::Machine {
            machine_id: mid.clone(),
        },
    })
    .await
    .unwrap();
    let ctx = device(&mut rx, true).await;
    assert!(
        ctx.lacks("Machine.Isolate"),
        "the console can refuse before asking"
    );
    assert_eq!(
        ctx.state.isolation.phase(),
        Phase::Applying,
        "the other client's isolation shows"
    );
    tx.send(Effect::Quit).await.unwrap();
    task.await.unwrap();
}

#[tokio::test]
async fn an_offline_device_keeps_the_action_pending_until_it_times_out() {
    let emu = emulator().await;
    let (alert, mid, name) = subject(&emu).await;
    control(
        &emu,
        reqwest::Method::PUT,
        &format!("/_emulator/machines/{mid}"),
        json!({"online": false}),
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
    update(&mut rx, accepted_with(ActionStatus::Pending)).await;
    advance(&emu, 3.0 * 86_400.0 + 1.0).await;
    let out = update(&mut rx, accepted_with(ActionStatus::TimeOut)).await;
    assert!(
        out.is_settled() && out.can_retry(),
        "a timed-out isolation may be sent again"
    );
    tx.send(Effect::Quit).await.unwrap();
    task.await.unwrap();
}

#[tokio::test]
async fn cancel_package_and_indicators_answer_their_requests_and_are_audited() {
    let emu = emulator().await;
    let (alert, mid, name) = subject(&emu).await;
    let store = Store::open_in_memory().unwrap();
    let (tx, mut rx, task) = spawn(client(&emu), store.clone(), quick());
    let collect = ActionRequest {
        action: ResponseAction::CollectPackage,
        ..isolate(&mid, &name, &alert)
    };
    tx.send(Effect::RunAction {
        req: 1,
        request: collect,
    })
    .await
    .unwrap();
    let pending = update(&mut rx, accepted_with(ActionStatus::Pending)).await;
    let SendState::Accepted { action_id, .. } = pending.state else {
        unreachable!()
    };
    tx.send(Effect::GetPackageUri {
        req: 2,
        action_id: action_id.clone(),
    })
    .await
    .unwrap();
    match next(&mut rx, |m| matches!(m, Msg::PackageUri { .. })).await {
        Msg::PackageUri { req, result, .. } => {
            assert_eq!(req, 2);
            assert!(result.unwrap_err().contains("not ready"));
        }
        _ => unreachable!(),
    }
    advance(&emu, 120.0).await;
    update(&mut rx, accepted_with(ActionStatus::Succeeded)).await;
    tx.send(Effect::GetPackageUri { req: 3, action_id })
        .await
        .unwrap();
    match next(&mut rx, |m| matches!(m, Msg::PackageUri { req: 3, .. })).await {
        Msg::PackageUri { result, .. } => assert!(result.unwrap().starts_with("http://")),
        _ => unreachable!(),
    }

    tx.send(Effect::RunAction {
        req: 4,
        request: isolate(&mid, &name, &alert),
    })
    .await
    .unwrap();
    let iso = update(&mut rx, accepted_with(ActionStatus::Pending)).await;
    let SendState::Accepted { action_id, .. } = iso.state else {
        unreachable!()
    };
    tx.send(Effect::CancelAction {
        req: 5,
        action_id: action_id.clone(),
        comment: "wrong device".into(),
    })
    .await
    .unwrap();
    match next(&mut rx, |m| matches!(m, Msg::ActionUpdated { req: 5, .. })).await {
        Msg::ActionUpdated { send, .. } => assert!(matches!(
            send.state,
            SendState::Accepted {
                status: ActionStatus::Cancelled,
                ..
            }
        )),
        _ => unreachable!(),
    }
    tx.send(Effect::CancelAction {
        req: 6,
        action_id: action_id.clone(),
        comment: "again".into(),
    })
    .await
    .unwrap();
    match next(&mut rx, |m| matches!(m, Msg::ActionFailed { req: 6, .. })).await {
        Msg::ActionFailed {
            action_id: Some(a),
            failure,
            ..
        } => {
            assert_eq!(a, action_id);
            assert_eq!(failure.kind, FailureKind::Refused);
        }
        other => panic!("{other:?}"),
    }

    let ind = NewIndicator {
        indicator_value: "evil.example".into(),
        indicator_type: IndicatorType::DomainName,
        action: IndicatorAction::Block,
        title: format!("mde-triage: alert {alert}"),
        description: "seen in the alert".into(),
        expiration_time: None,
        severity: None,
        recommended_actions: None,
        generate_alert: None,
    };
    tx.send(Effect::AddIndicator {
        req: 7,
        indicator: ind.clone(),
    })
    .await
    .unwrap();
    let id = match next(&mut rx, |m| {
        matches!(m, Msg::IndicatorAdded { .. } | Msg::IndicatorFailed { .. })
    })
    .await
    {
        Msg::IndicatorAdded { req: 7, indicator } => indicator.id,
        other => panic!("{other:?}"),
    };
    let private = NewIndicator {
        indicator_value: "10.1.1.1".into(),
        indicator_type: IndicatorType::IpAddress,
        ..ind
    };
    tx.send(Effect::AddIndicator {
        req: 8,
        indicator: private,
    })
    .await
    .unwrap();
    match next(&mut rx, |m| matches!(m, Msg::IndicatorFailed { .. })).await {
        Msg::IndicatorFailed { req, error } => {
            assert!(req == 8 && error.contains("internal"), "{error}")
        }
        _ => unreachable!(),
    }
    tx.send(Effect::DeleteIndicator {
        req: 9,
        id: id.clone(),
    })
    .await
    .unwrap();
    assert!(matches!(
        next(&mut rx, |m| matches!(m, Msg::IndicatorDeleted { .. })).await,
        Msg::IndicatorDeleted { req: 9, .. }
    ));
    let steps: Vec<String> = store
        .audit_log()
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for step in ["action-cancel", "indicator-add", "indicator-delete"] {
        assert!(steps.iter().any(|s| s == step), "{step} in {steps:?}");
    }
    tx.send(Effect::Quit).await.unwrap();
    task.await.unwrap();
}
