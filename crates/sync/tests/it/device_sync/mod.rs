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

mod actions;
mod lost_answers;
