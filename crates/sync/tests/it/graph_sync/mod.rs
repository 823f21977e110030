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

mod hunts_and_alerts;
mod incidents;
