//! The router between the console and its data: it reads the console's effects, passes them to
//! the data source in use (one profile, every profile, or an offline file) and passes the
//! answers back; it answers itself the effects no sync task knows: `SwitchProfile` (a new
//! session, the old one stopped and its outbox drained), `Export` and `Handoff`.

use super::export::{Wanted, export_file};
use super::file_source::{FileSession, read_only_reason};
use super::handoff::{HandoffScope, build_report};
use super::merge::{Merger, Route};
use super::session::{ProfileSession, SessionOpener, Stopped, drain};
use mde_model::Timestamp;
use mde_model::protocol::{Effect, Msg, RequestId};
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::mpsc;

/// Answers of the backend's sessions, tagged with their key.
pub type Inbox = (mpsc::Sender<(u64, Msg)>, mpsc::Receiver<(u64, Msg)>);

/// The data source behind the console.
pub enum Backend {
    /// One profile; `opener` makes `:profile NAME` possible.
    Single {
        /// The running session.
        session: Box<ProfileSession>,
        /// Opens other profiles.
        opener: Option<Arc<dyn SessionOpener>>,
    },
    /// Every profile at once.
    All {
        /// One session per profile, in the merger's order.
        sessions: Vec<ProfileSession>,
        /// The bookkeeping.
        merger: Box<Merger>,
    },
    /// An offline file.
    File(FileSession),
}

/// The router.
pub struct Router {
    backend: Backend,
    inbox_tx: mpsc::Sender<(u64, Msg)>,
    inbox: mpsc::Receiver<(u64, Msg)>,
    to_console: mpsc::Sender<Msg>,
    generation: u64,
    /// Drains of sessions switched away from, still running.
    draining: Vec<tokio::task::JoinHandle<Option<String>>>,
}

/// What the router leaves when the console has ended.
pub struct RouterEnd {
    /// The sessions that were running, for the outbox drain on the way out.
    pub stopped: Vec<Stopped>,
    /// Lines from drains of sessions switched away from.
    pub notes: Vec<String>,
}

impl Router {
    /// A router; `inbox` is the channel the backend's sessions were started on (key 0 for a
    /// single profile or a file, the tenant index for every profile).
    pub fn new(backend: Backend, inbox: Inbox, to_console: mpsc::Sender<Msg>) -> Router {
        Router {
            backend,
            inbox_tx: inbox.0,
            inbox: inbox.1,
            to_console,
            generation: 0,
            draining: Vec::new(),
        }
    }

    /// Runs until the console's effect channel closes (or `Quit`).
    pub async fn run(mut self, mut effects: mpsc::Receiver<Effect>) -> RouterEnd {
        loop {
            tokio::select! {
                effect = effects.recv() => match effect {
                    None | Some(Effect::Quit) => break,
                    Some(e) => self.on_effect(e).await,
                },
                Some((key, msg)) = self.inbox.recv() => self.on_answer(key, msg).await,
            }
        }
        let mut notes = Vec::new();
        for d in self.draining {
            if let Ok(Some(n)) = d.await {
                notes.push(n);
            }
        }
        let stopped = match self.backend {
            Backend::Single { session, .. } => vec![session.stop()],
            Backend::All { sessions, .. } => {
                sessions.into_iter().map(ProfileSession::stop).collect()
            }
            Backend::File(f) => {
                f.stop().await;
                Vec::new()
            }
        };
        RouterEnd { stopped, notes }
    }

    async fn reply(&self, msg: Msg) {
        let _ = self.to_console.send(msg).await;
    }

    async fn on_answer(&mut self, key: u64, msg: Msg) {
        let msg = match &mut self.backend {
            // A session switched away from may still be talking: only the current one counts.
            Backend::Single { .. } | Backend::File(_) if key != self.generation => return,
            Backend::Single { .. } | Backend::File(_) => Some(msg),
            Backend::All { merger, .. } => merger.on_msg(key as usize, msg),
        };
        if let Some(m) = msg {
            self.reply(m).await;
        }
    }

    async fn on_effect(&mut self, effect: Effect) {
        match effect {
            Effect::SwitchProfile { name } => self.switch(name).await,
            Effect::Export {
                req,
                alert_ids,
                path,
                format,
            } => {
                let wanted = self.wanted(alert_ids);
                let msg = match export_file(PathBuf::from(&path), format, wanted).await {
                    Ok((records, 0)) => Msg::FileWritten { req, path, records },
                    Ok((records, missing)) => {
                        self.reply(Msg::Warning(format!("{missing} alert(s) of the view were not in the store and are not in the export"))).await;
                        Msg::FileWritten { req, path, records }
                    }
                    Err(e) => Msg::FileWriteFailed {
                        req,
                        error: format!("{e:#}"),
                    },
                };
                self.reply(msg).await;
            }
            Effect::Handoff {
                req,
                since_secs,
                path,
            } => self.handoff(req, since_secs, path).await,
            other => self.pass(other).await,
        }
    }

    async fn pass(&mut self, effect: Effect) {
        match &self.backend {
            Backend::Single { session, .. } => {
                if !session.send(effect).await {
                    tracing::warn!("sync task gone; effect dropped");
                }
            }
            Backend::File(f) => {
                if !f.send(effect).await {
                    tracing::warn!("file source gone; effect dropped");
                }
            }
            Backend::All { sessions, merger } => match merger.route(effect) {
                Route::All(e) => {
                    for s in sessions {
                        s.send(e.clone()).await;
                    }
                }
                Route::One(t, e) => {
                    if let Some(s) = sessions.get(t) {
                        s.send(e).await;
                    }
                }
                Route::Reply(m) => {
                    let _ = self.to_console.send(m).await;
                }
                Route::Router(e) => tracing::warn!(?e, "effect not routed"),
            },
        }
    }

    /// Where each alert of an export is kept.
    fn wanted(&self, ids: Vec<String>) -> Vec<Wanted> {
        ids.into_iter()
            .filter_map(|id| match &self.backend {
                Backend::Single { session, .. } => Some(Wanted {
                    store: session.store.clone(),
                    tenant: None,
                    id,
                }),
                Backend::File(f) => Some(Wanted {
                    store: f.store.clone(),
                    tenant: None,
                    id,
                }),
                Backend::All { sessions, merger } => {
                    let t = merger.tenant_of(&id)?;
                    Some(Wanted {
                        store: sessions.get(t)?.store.clone(),
                        tenant: Some(merger.name(t).to_string()),
                        id,
                    })
                }
            })
            .collect()
    }

    async fn switch(&mut self, name: String) {
        let fail = |error: String| Msg::ProfileSwitchFailed {
            name: name.clone(),
            error,
        };
        let opener = match &self.backend {
            Backend::Single {
                opener: Some(o), ..
            } => o.clone(),
            Backend::Single { opener: None, .. } => {
                return self
                    .reply(fail("this session has only one profile".into()))
                    .await;
            }
            Backend::All { .. } => {
                return self
                    .reply(fail("--all-profiles already shows every profile".into()))
                    .await;
            }
            Backend::File(f) => return self.reply(fail(read_only_reason(&f.path))).await,
        };
        let setup = match opener.open(&name) {
            Ok(s) => s,
            Err(e) => {
                let known = opener.names().join(", ");
                return self.reply(fail(format!("{e:#} (profiles: {known})"))).await;
            }
        };
        self.generation += 1;
        let info = setup.info.clone();
        let new = Box::new(ProfileSession::start(
            setup,
            self.generation,
            self.inbox_tx.clone(),
        ));
        let Backend::Single { session, .. } = &mut self.backend else {
            return;
        };
        let old = std::mem::replace(session, new);
        tracing::info!(from = %old.info.name, to = %info.name, "profile switched");
        // The old session stops and gets its drain in the background; its late answers carry
        // the old generation and are dropped.
        self.draining
            .push(tokio::spawn(async move { drain(old.stop()).await }));
        self.reply(Msg::ProfileSwitched(Box::new(info))).await;
    }

    async fn handoff(&mut self, req: RequestId, since_secs: u64, path: String) {
        let Backend::Single { session, .. } = &self.backend else {
            let error = match &self.backend {
                Backend::File(f) => format!(
                    "the handoff reads the service; {} is an offline file",
                    f.path.display()
                ),
                _ => "the handoff covers one profile: run it with --profile NAME".into(),
            };
            return self.reply(Msg::FileWriteFailed { req, error }).await;
        };
        let now = Timestamp::now();
        let span = chrono::TimeDelta::try_seconds(i64::try_from(since_secs).unwrap_or(i64::MAX))
            .unwrap_or(chrono::TimeDelta::days(1));
        let scope = HandoffScope {
            profile: session.info.name.clone(),
            tenant: session.info.tenant.clone(),
            author: Some(session.info.identity.clone()).filter(|s| !s.is_empty()),
            zone: session.settings.zone,
            sla: session.settings.sla,
            since: Timestamp(now.0 - span),
            now,
        };
        let (client, store) = (session.client.mde.clone(), session.store.clone());
        let to_console = self.to_console.clone();
        // The report takes a listing of the service: run it aside, so the console keeps going.
        tokio::spawn(async move {
            let msg = match build_report(&client, &store, &scope).await {
                Ok(report) => match write_new(&path, report.as_bytes()) {
                    Ok(()) => Msg::FileWritten {
                        req,
                        path,
                        records: report.lines().count(),
                    },
                    Err(e) => Msg::FileWriteFailed { req, error: e },
                },
                Err(e) => Msg::FileWriteFailed {
                    req,
                    error: format!("{e:#}"),
                },
            };
            let _ = to_console.send(msg).await;
        });
    }
}

fn write_new(path: &str, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| format!("cannot create {path}: {e}"))?;
    f.write_all(bytes)
        .map_err(|e| format!("writing {path}: {e}"))
}
