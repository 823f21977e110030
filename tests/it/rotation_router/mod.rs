//! The runtime router of issue 12 against real emulators: `:profile NAME` switches between two
//! tenants (two emulators at once) with the list, store and sign-in following; `--all-profiles`
//! merges them with tenant tags and keeps writes in their tenant; an offline file answers in
//! place of the sync task, read-only; export writes exactly the alerts asked for. This file is
//! the harness (tenants on emulators, the console's side of a router); the tests are beside it.

mod offline_file;
mod profiles;

use mde_api::auth::{ClientCredentials, CredentialsConfig, Secret, SecretSource};
use mde_api::hosts::API_SCOPE;
use mde_api::{ClientConfig, MdeClient};
use mde_emulator::{EmulatorConfig, EmulatorHandle, spawn};
use mde_model::protocol::{Effect, ExportFormat, Msg, ProfileInfo, TriageChange, TriageWrite};
use mde_model::{Alert, Severity, Status, Timestamp};
use mde_store::Store;
use mde_sync::SyncConfig;
use mde_triage::tui::rotation::clients::Clients;
use mde_triage::tui::rotation::file_source::FileSession;
use mde_triage::tui::rotation::merge::Merger;
use mde_triage::tui::rotation::router::{Backend, Inbox, Router, RouterEnd};
use mde_triage::tui::rotation::session::{ProfileSession, SessionOpener, SessionSetup};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

/// Waits this long at most for one answer; tests wait on answers, not on time.
const ANSWER: Duration = Duration::from_secs(20);

struct Tenant {
    emu: EmulatorHandle,
    config: EmulatorConfig,
    _dir: tempfile::TempDir,
    store_dir: tempfile::TempDir,
}

fn alert(id: &str, title: &str) -> Alert {
    let mut a = Alert::new(id, title);
    a.severity = Severity::High;
    a.alert_creation_time = Some(Timestamp::now());
    a.last_update_time = a.alert_creation_time;
    a
}

async fn tenant(name: &str, ids: &[&str]) -> Tenant {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("alerts.json");
    let alerts: Vec<Alert> = ids
        .iter()
        .map(|id| alert(id, &format!("{name} {id}")))
        .collect();
    std::fs::write(&data, serde_json::to_string(&alerts).unwrap()).unwrap();
    let config = EmulatorConfig {
        data_file: Some(data),
        rate_limits: None,
        tenant: format!("{name}-tenant"),
        ..EmulatorConfig::default()
    };
    let emu = spawn(config.clone()).await.unwrap();
    Tenant {
        emu,
        config,
        _dir: dir,
        store_dir: tempfile::tempdir().unwrap(),
    }
}

impl Tenant {
    fn setup(&self, name: &str) -> SessionSetup {
        let tokens = ClientCredentials::new(CredentialsConfig {
            login: self.emu.login_url(),
            tenant: self.config.tenant.clone(),
            client_id: self.config.app.client_id.clone(),
            secret: SecretSource::Value(Secret::new(self.config.app.secret.clone())),
            scope: API_SCOPE.to_string(),
        })
        .unwrap();
        SessionSetup {
            info: ProfileInfo {
                name: name.into(),
                tenant: self.config.tenant.clone(),
                identity: self.config.app.name.clone(),
                read_only: false,
            },
            client: Clients::mde(
                MdeClient::new(ClientConfig::new(&self.emu.base_url()), Arc::new(tokens)).unwrap(),
            ),
            store: Store::open(&self.store_dir.path().join(format!("{name}.sqlite3"))).unwrap(),
            sync: SyncConfig {
                poll_interval: Duration::from_secs(3600),
                ..SyncConfig::default()
            },
            settings: mde_ops::ConsoleSettings::default(),
        }
    }
}

/// Two tenants by profile name.
struct TwoTenants(HashMap<String, Arc<Tenant>>);

impl SessionOpener for TwoTenants {
    fn open(&self, name: &str) -> anyhow::Result<SessionSetup> {
        Ok(self
            .0
            .get(name)
            .ok_or_else(|| anyhow::anyhow!("no profile {name:?}"))?
            .setup(name))
    }

    fn names(&self) -> Vec<String> {
        let mut n: Vec<String> = self.0.keys().cloned().collect();
        n.sort();
        n
    }
}

/// The console's side of a router.
struct Console {
    effects: mpsc::Sender<Effect>,
    msgs: mpsc::Receiver<Msg>,
    router: tokio::task::JoinHandle<RouterEnd>,
}

impl Console {
    fn start(backend: Backend, inbox: Inbox) -> Console {
        let (to_console, msgs) = mpsc::channel(1024);
        let (effects, effect_rx) = mpsc::channel(64);
        let router = tokio::spawn(Router::new(backend, inbox, to_console).run(effect_rx));
        Console {
            effects,
            msgs,
            router,
        }
    }

    async fn send(&self, e: Effect) {
        self.effects.send(e).await.unwrap();
    }

    /// The next message `pick` accepts; others are skipped.
    async fn wait<T>(&mut self, what: &str, mut pick: impl FnMut(Msg) -> Option<T>) -> T {
        let deadline = tokio::time::Instant::now() + ANSWER;
        loop {
            let msg = tokio::time::timeout_at(deadline, self.msgs.recv())
                .await
                .unwrap_or_else(|_| panic!("no {what} in time"))
                .unwrap_or_else(|| panic!("channel closed before {what}"));
            if let Some(t) = pick(msg) {
                return t;
            }
        }
    }

    /// Ids of the rows of a cache answer.
    async fn cache_ids(&mut self) -> Vec<String> {
        let mut ids = self
            .wait("CacheLoaded", |m| match m {
                Msg::CacheLoaded { rows, .. } => {
                    Some(rows.into_iter().map(|r| r.id).collect::<Vec<_>>())
                }
                _ => None,
            })
            .await;
        ids.sort();
        ids
    }

    /// Rows arriving after Start until `want` ids have been seen.
    async fn rows_until(&mut self, want: usize) -> Vec<mde_model::AlertRow> {
        let mut seen: HashMap<String, mde_model::AlertRow> = HashMap::new();
        while seen.len() < want {
            let rows = self
                .wait("rows", |m| match m {
                    Msg::CacheLoaded { rows, .. } | Msg::AlertsUpdated { rows, .. } => Some(rows),
                    _ => None,
                })
                .await;
            for r in rows {
                seen.insert(r.id.clone(), r);
            }
        }
        seen.into_values().collect()
    }

    async fn end(self) -> RouterEnd {
        drop(self.effects);
        self.router.await.unwrap()
    }
}

fn write(ids: &[&str], comment: &str) -> TriageWrite {
    TriageWrite {
        alert_ids: ids.iter().map(|s| s.to_string()).collect(),
        change: TriageChange {
            status: Some(Status::InProgress),
            comment: Some(comment.into()),
            ..TriageChange::default()
        },
        seen_last_update: vec![],
    }
}
