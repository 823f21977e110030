//! The runtime router of issue 12 against real emulators: `:profile NAME` switches between two
//! tenants (two emulators at once) with the list, store and sign-in following; `--all-profiles`
//! merges them with tenant tags and keeps writes in their tenant; an offline file answers in
//! place of the sync task, read-only; export writes exactly the alerts asked for.

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_profile_moves_list_store_and_sign_in_to_the_other_tenant() {
    let a = Arc::new(tenant("contoso", &["a1", "a2"]).await);
    let b = Arc::new(tenant("fabrikam", &["b1", "b2", "b3"]).await);
    let opener = Arc::new(TwoTenants(HashMap::from([
        ("contoso".to_string(), a.clone()),
        ("fabrikam".to_string(), b.clone()),
    ])));
    let inbox: Inbox = mpsc::channel(256);
    let session = ProfileSession::start(opener.open("contoso").unwrap(), 0, inbox.0.clone());
    let mut c = Console::start(
        Backend::Single {
            session: Box::new(session),
            opener: Some(opener.clone()),
        },
        inbox,
    );
    c.send(Effect::Start { req: 1 }).await;
    let rows = c.rows_until(2).await;
    assert!(rows.iter().all(|r| r.id.starts_with('a')), "{rows:?}");

    // An unknown profile is refused and the current one stays.
    c.send(Effect::SwitchProfile {
        name: "nope".into(),
    })
    .await;
    let error = c
        .wait("ProfileSwitchFailed", |m| match m {
            Msg::ProfileSwitchFailed { error, .. } => Some(error),
            _ => None,
        })
        .await;
    assert!(
        error.contains("no profile \"nope\"") && error.contains("contoso, fabrikam"),
        "{error}"
    );

    c.send(Effect::SwitchProfile {
        name: "fabrikam".into(),
    })
    .await;
    let info = c
        .wait("ProfileSwitched", |m| match m {
            Msg::ProfileSwitched(info) => Some(info),
            _ => None,
        })
        .await;
    assert_eq!(
        (info.name.as_str(), info.tenant.as_str()),
        ("fabrikam", "fabrikam-tenant")
    );
    // The console starts again on the new profile: its cache is the new store (empty), then
    // the new tenant's alerts arrive; nothing of the old tenant comes after the switch.
    c.send(Effect::Start { req: 2 }).await;
    let rows = c.rows_until(3).await;
    let mut ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["b1", "b2", "b3"]);

    // A write goes to the new tenant only.
    c.send(Effect::Write {
        req: 3,
        write: write(&["b2"], "switched"),
    })
    .await;
    c.wait("WriteConfirmed", |m| {
        matches!(m, Msg::WriteConfirmed { .. }).then_some(())
    })
    .await;
    assert_eq!(b.emu.alert("b2").unwrap().status, Status::InProgress);
    assert!(a.emu.alert("a1").unwrap().comments.is_empty());

    // Switching back reads the first tenant's store: its cache holds a1, a2 already.
    c.send(Effect::SwitchProfile {
        name: "contoso".into(),
    })
    .await;
    c.wait("ProfileSwitched", |m| {
        matches!(m, Msg::ProfileSwitched(_)).then_some(())
    })
    .await;
    c.send(Effect::Start { req: 4 }).await;
    assert_eq!(c.cache_ids().await, ["a1", "a2"]);
    let end = c.end().await;
    assert_eq!(end.stopped.len(), 1);
    assert_eq!(end.stopped[0].info.name, "contoso");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn all_profiles_merges_two_tenants_and_keeps_each_write_in_its_tenant() {
    let a = Arc::new(tenant("contoso", &["a1", "a2"]).await);
    let b = Arc::new(tenant("fabrikam", &["b1"]).await);
    let inbox: Inbox = mpsc::channel(256);
    let sessions = vec![
        ProfileSession::start(a.setup("contoso"), 0, inbox.0.clone()),
        ProfileSession::start(b.setup("fabrikam"), 1, inbox.0.clone()),
    ];
    let mut c = Console::start(
        Backend::All {
            sessions,
            merger: Box::new(Merger::new(vec!["contoso".into(), "fabrikam".into()])),
        },
        inbox,
    );
    c.send(Effect::Start { req: 1 }).await;
    let rows = c.rows_until(3).await;
    let tenant_of: HashMap<&str, &str> = rows
        .iter()
        .map(|r| (r.id.as_str(), r.tenant.as_deref().unwrap()))
        .collect();
    assert_eq!(
        tenant_of,
        HashMap::from([("a1", "contoso"), ("a2", "contoso"), ("b1", "fabrikam")])
    );

    c.send(Effect::Write {
        req: 2,
        write: write(&["a1", "b1"], "both"),
    })
    .await;
    let reason = c
        .wait("WriteFailed", |m| match m {
            Msg::WriteFailed { reason, .. } => Some(reason),
            _ => None,
        })
        .await;
    assert!(reason.contains("2 tenants"), "{reason}");
    c.send(Effect::Write {
        req: 3,
        write: write(&["b1"], "one tenant"),
    })
    .await;
    let rows = c
        .wait("WriteConfirmed", |m| match m {
            Msg::WriteConfirmed { rows, .. } => Some(rows),
            _ => None,
        })
        .await;
    assert_eq!(rows[0].tenant.as_deref(), Some("fabrikam"));
    assert_eq!(b.emu.alert("b1").unwrap().comments.len(), 1);
    assert!(a.emu.alert("a1").unwrap().comments.is_empty());
    // The detail of an alert is asked of its own tenant.
    c.send(Effect::LoadDetail {
        req: 4,
        alert_id: "a2".into(),
    })
    .await;
    let title = c
        .wait("DetailLoaded", |m| match m {
            Msg::DetailLoaded { req: 4, detail } => Some(detail.alert.title),
            _ => None,
        })
        .await;
    assert_eq!(title, "contoso a2");
    // Export names the tenant of each row.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("all.csv").display().to_string();
    c.send(Effect::Export {
        req: 5,
        alert_ids: vec!["b1".into(), "a1".into()],
        path: path.clone(),
        format: ExportFormat::Csv,
    })
    .await;
    let records = c
        .wait("FileWritten", |m| match m {
            Msg::FileWritten {
                req: 5, records, ..
            } => Some(records),
            Msg::FileWriteFailed { error, .. } => panic!("{error}"),
            _ => None,
        })
        .await;
    assert_eq!(records, 2);
    let csv = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("tenant,id,severity"), "{csv}");
    assert!(
        lines[1].starts_with("fabrikam,b1,High,InProgress")
            && lines[2].starts_with("contoso,a1,High,New"),
        "{csv}"
    );
    assert_eq!(c.end().await.stopped.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offline_file_loads_in_batches_read_only_and_exports_what_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.ndjson");
    let mut lines: Vec<String> = (0..450)
        .map(|i| serde_json::to_string(&alert(&format!("f{i}"), "from the file")).unwrap())
        .collect();
    lines.insert(200, "{\"id\": \"broken\", \"title\": }".into());
    std::fs::write(&file, lines.join("\n")).unwrap();
    let inbox: Inbox = mpsc::channel(256);
    let session = FileSession::start(
        file.clone(),
        Store::open_in_memory().unwrap(),
        0,
        inbox.0.clone(),
    );
    let mut c = Console::start(Backend::File(session), inbox);
    c.send(Effect::Start { req: 1 }).await;
    // The first screen's worth comes first, as the cache answer; the rest follows.
    let first = c
        .wait("CacheLoaded", |m| match m {
            Msg::CacheLoaded { req: 1, rows } => Some(rows.len()),
            _ => None,
        })
        .await;
    assert_eq!(first, 200);
    let mut total = first;
    let warning = loop {
        match c.wait("more", Some).await {
            Msg::AlertsUpdated {
                rows,
                complete: false,
                ..
            } => total += rows.len(),
            Msg::Warning(w) => break w,
            _ => {}
        }
    };
    assert!(
        warning.starts_with(
            "1 malformed record(s) skipped, the rest loaded: record 201 (line 201, byte "
        ),
        "{warning}"
    );
    let done = c
        .wait("FileProgress done", |m| match m {
            Msg::FileProgress(p) if p.done => Some(p),
            _ => None,
        })
        .await;
    assert_eq!((total, done.alerts, done.skipped), (450, 450, 1));
    assert_eq!(
        done.bytes_total,
        Some(std::fs::metadata(&file).unwrap().len())
    );
    // Read-only: a write is refused with a clear message, nothing is queued.
    c.send(Effect::Write {
        req: 2,
        write: write(&["f1"], "x"),
    })
    .await;
    let reason = c
        .wait("WriteFailed", |m| match m {
            Msg::WriteFailed {
                outbox_id: 0,
                reason,
                ..
            } => Some(reason),
            _ => None,
        })
        .await;
    assert!(
        reason.starts_with("read-only: ") && reason.contains("export.ndjson"),
        "{reason}"
    );
    // Opening an alert reads it from the file's store.
    c.send(Effect::LoadDetail {
        req: 3,
        alert_id: "f7".into(),
    })
    .await;
    let id = c
        .wait("DetailLoaded", |m| match m {
            Msg::DetailLoaded { detail, .. } => Some(detail.alert.id),
            _ => None,
        })
        .await;
    assert_eq!(id, "f7");
    // A switch is refused; the handoff needs the service.
    c.send(Effect::SwitchProfile { name: "x".into() }).await;
    c.wait("ProfileSwitchFailed", |m| {
        matches!(m, Msg::ProfileSwitchFailed { .. }).then_some(())
    })
    .await;
    // Export writes exactly the alerts named, in order, and reads back as a file.
    let out = dir.path().join("view.json").display().to_string();
    c.send(Effect::Export {
        req: 4,
        alert_ids: vec!["f3".into(), "f1".into(), "missing".into()],
        path: out.clone(),
        format: ExportFormat::Json,
    })
    .await;
    c.wait("FileWritten", |m| match m {
        Msg::FileWritten { records: 2, .. } => Some(()),
        Msg::FileWriteFailed { error, .. } => panic!("{error}"),
        _ => None,
    })
    .await;
    let page = mde_model::parse_page(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let ids: Vec<&str> = page.alerts.iter().map(|p| p.alert.id.as_str()).collect();
    assert_eq!(ids, ["f3", "f1"]);
    // An export never overwrites.
    c.send(Effect::Export {
        req: 5,
        alert_ids: vec!["f3".into()],
        path: out,
        format: ExportFormat::Json,
    })
    .await;
    c.wait("FileWriteFailed", |m| {
        matches!(m, Msg::FileWriteFailed { req: 5, .. }).then_some(())
    })
    .await;
    assert!(c.end().await.stopped.is_empty());
}
