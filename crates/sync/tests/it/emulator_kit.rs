//! What the emulator-backed suites share: an emulator on 127.0.0.1:0, a client signed in to it
//! with quick retries, sync settings that wait milliseconds instead of minutes, the control
//! endpoints, and waits on the sync task's messages under a deadline.

use mde_api::auth::{ClientCredentials, CredentialsConfig, Secret, SecretSource};
use mde_api::hosts::API_SCOPE;
use mde_api::{ClientConfig, MdeClient, RetryPolicy};
use mde_emulator::{EmulatorConfig, EmulatorHandle, Faults, RateLimits};
use mde_model::protocol::{Msg, TriageChange, TriageWrite};
use mde_model::{Status, Timestamp};
use mde_sync::SyncConfig;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

pub(crate) const DEADLINE: Duration = Duration::from_secs(60);

pub(crate) async fn emulator(
    alerts: usize,
    faults: Faults,
    limits: Option<RateLimits>,
) -> EmulatorHandle {
    mde_emulator::spawn(EmulatorConfig {
        alerts,
        faults,
        rate_limits: limits,
        fault_seed: Some(11),
        ..EmulatorConfig::default()
    })
    .await
    .expect("emulator starts")
}

pub(crate) fn client(emu: &EmulatorHandle) -> MdeClient {
    let defaults = EmulatorConfig::default();
    let tokens = ClientCredentials::new(CredentialsConfig {
        login: emu.login_url(),
        tenant: emu.tenant().to_string(),
        client_id: defaults.app.client_id.clone(),
        secret: SecretSource::Value(Secret::new(defaults.app.secret.clone())),
        scope: API_SCOPE.to_string(),
    })
    .expect("credentials");
    let mut config = ClientConfig::new(&emu.base_url());
    config.timeout = Duration::from_secs(10);
    config.retry = RetryPolicy {
        max_backoffs: 2,
        max_throttle_waits: 2,
        base_backoff: Duration::from_millis(2),
        max_backoff: Duration::from_millis(20),
        max_retry_after: Duration::from_millis(20),
    };
    MdeClient::new(config, Arc::new(tokens)).expect("client")
}

pub(crate) fn quick() -> SyncConfig {
    SyncConfig {
        poll_interval: Duration::from_secs(3600),
        retry_base: Duration::from_millis(2),
        retry_max: Duration::from_millis(40),
        budget_window: Duration::from_millis(200),
        page_size: 100,
        ..SyncConfig::default()
    }
}

pub(crate) async fn control(
    emu: &EmulatorHandle,
    method: reqwest::Method,
    path: &str,
    body: &str,
) -> String {
    let r = reqwest::Client::new()
        .request(method, format!("{}{path}", emu.base_url()))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("control call");
    assert!(r.status().is_success(), "{path}: {}", r.status());
    r.text().await.expect("control body")
}

/// The next message matching `what`, skipping others, within the deadline.
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

pub(crate) fn write(
    ids: &[String],
    comment: &str,
    seen: &HashMap<String, Option<Timestamp>>,
) -> TriageWrite {
    TriageWrite {
        alert_ids: ids.to_vec(),
        change: TriageChange {
            status: Some(Status::InProgress),
            comment: Some(comment.to_string()),
            ..Default::default()
        },
        seen_last_update: ids
            .iter()
            .map(|id| (id.clone(), seen.get(id).copied().flatten()))
            .collect(),
    }
}

pub(crate) fn count(emu: &EmulatorHandle, id: &str, text: &str) -> usize {
    emu.alert(id)
        .expect("alert exists")
        .comments
        .iter()
        .filter(|c| c.comment == text)
        .count()
}

pub(crate) fn seen_now(emu: &EmulatorHandle) -> HashMap<String, Option<Timestamp>> {
    emu.alert_ids()
        .into_iter()
        .map(|id| {
            let t = emu.alert(&id).and_then(|a| a.last_update_time);
            (id, t)
        })
        .collect()
}
