//! The device side of the sync task against the emulator: device context, an action sent at once
//! and followed until it settles, the lost answer that must not become a second isolation, a
//! failed send retried only after a lookup, a send interrupted by a crash, refusals, an offline
//! device, and every step in the audit log. Waits are on messages with a deadline, never sleeps.

use mde_api::auth::{ClientCredentials, CredentialsConfig, Secret, SecretSource};
use mde_api::hosts::API_SCOPE;
use mde_api::{ClientConfig, MdeClient, RetryPolicy};
use mde_emulator::response::config::ResponseConfig;
use mde_emulator::{EmulatorConfig, EmulatorHandle};
use mde_model::Timestamp;
use mde_model::device::{
    ActionRequest, ActionSend, ActionStatus, DeviceContext, DeviceSubject, FailureKind,
    IndicatorAction, IndicatorType, IsolationType, NewIndicator, Phase, ResponseAction, SendState,
};
use mde_model::protocol::{Effect, Msg};
use mde_store::Store;
use mde_sync::{SyncConfig, spawn};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

const DEADLINE: Duration = Duration::from_secs(60);

pub(crate) async fn emulator() -> EmulatorHandle {
    mde_emulator::spawn(EmulatorConfig {
        alerts: 30,
        rate_limits: None,
        token_lifetime: Duration::from_secs(30 * 86_400),
        response: ResponseConfig {
            seed_history: Some(false),
            ..ResponseConfig::default()
        },
        ..EmulatorConfig::default()
    })
    .await
    .unwrap()
}

pub(crate) fn client(emu: &EmulatorHandle) -> MdeClient {
    let tokens = ClientCredentials::new(CredentialsConfig {
        login: emu.login_url(),
        tenant: emu.tenant().to_string(),
        client_id: "mde-triage-demo".into(),
        secret: SecretSource::Value(Secret::new("demo-secret")),
        scope: API_SCOPE.to_string(),
    })
    .unwrap();
    let mut config = ClientConfig::new(&emu.base_url());
    config.timeout = Duration::from_secs(10);
    config.retry = RetryPolicy {
        max_backoffs: 2,
        max_throttle_waits: 2,
        base_backoff: Duration::from_millis(2),
        max_backoff: Duration::from_millis(20),
        max_retry_after: Duration::from_millis(20),
    };
    MdeClient::new(config, Arc::new(tokens)).unwrap()
}

pub(crate) fn quick() -> SyncConfig {
    SyncConfig {
        poll_interval: Duration::from_secs(3600),
        retry_base: Duration::from_millis(2),
        retry_max: Duration::from_millis(40),
        action_poll: Duration::from_millis(20),
        action_poll_max: Duration::from_millis(60),
        ..SyncConfig::default()
    }
}

async fn control(emu: &EmulatorHandle, method: reqwest::Method, path: &str, body: Value) -> Value {
    let r = reqwest::Client::new()
        .request(method, format!("{}{path}", emu.base_url()))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{path}: {}", r.status());
    r.json().await.unwrap_or(Value::Null)
}

async fn advance(emu: &EmulatorHandle, secs: f64) {
    control(
        emu,
        reqwest::Method::POST,
        "/_emulator/clock",
        json!({"advanceSeconds": secs}),
    )
    .await;
}

async fn held(emu: &EmulatorHandle, kind: &str) -> Vec<Value> {
    let all: Vec<Value> = reqwest::get(format!("{}/_emulator/machineactions", emu.base_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    all.into_iter().filter(|a| a["type"] == kind).collect()
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

/// The next update of a send in this state.
async fn update(rx: &mut mpsc::Receiver<Msg>, want: impl Fn(&SendState) -> bool) -> ActionSend {
    match next(
        rx,
        |m| matches!(m, Msg::ActionUpdated { send, .. } if want(&send.state)),
    )
    .await
    {
        Msg::ActionUpdated { send, .. } => *send,
        _ => unreachable!(),
    }
}

fn accepted_with(status: ActionStatus) -> impl Fn(&SendState) -> bool {
    move |s| matches!(s, SendState::Accepted { status: st, .. } if *st == status)
}

async fn failure(
    rx: &mut mpsc::Receiver<Msg>,
) -> (Option<ActionSend>, mde_model::device::ActionFailure) {
    match next(rx, |m| matches!(m, Msg::ActionFailed { .. })).await {
        Msg::ActionFailed { send, failure, .. } => (send.map(|s| *s), failure),
        _ => unreachable!(),
    }
}

async fn device(rx: &mut mpsc::Receiver<Msg>, fresh: bool) -> DeviceContext {
    match next(
        rx,
        |m| matches!(m, Msg::DeviceLoaded { device, .. } if device.from_cache != fresh),
    )
    .await
    {
        Msg::DeviceLoaded { device, .. } => *device,
        _ => unreachable!(),
    }
}

/// An alert on an online Windows device, and that device's id and name.
pub(crate) async fn subject(emu: &EmulatorHandle) -> (String, String, String) {
    let c = client(emu);
    for alert_id in emu.alert_ids() {
        let a = emu.alert(&alert_id).unwrap();
        let Some(mid) = a.machine_id.clone() else {
            continue;
        };
        let m = c.machine(&mid).await.unwrap().machine;
        let online = control(
            emu,
            reqwest::Method::GET,
            &format!("/_emulator/machines/{mid}"),
            Value::Null,
        )
        .await;
        if m.is_windows() && online["online"] == true {
            return (alert_id, mid, m.computer_dns_name.unwrap_or_default());
        }
    }
    panic!("no alert on an online Windows device");
}

fn isolate(machine_id: &str, name: &str, alert: &str) -> ActionRequest {
    ActionRequest {
        machine_id: machine_id.into(),
        device_name: Some(name.into()),
        action: ResponseAction::Isolate {
            isolation: IsolationType::Full,
        },
        comment: format!("Isolate due to alert {alert}"),
        alert_id: Some(alert.into()),
    }
}

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
