//! The device side of the sync task: device context for the panel (cache first, then the
//! service within the polling budget), response actions sent at once after confirmation and
//! never replayed silently (a lost answer is looked up before any resend), actions in flight
//! polled with backoff until they settle — across restarts — and indicators. Every step of an
//! action is in the audit log (the store writes it with the send's row).

pub mod api;
mod context;
pub mod deliver;
mod loader;
pub mod lookup;
pub mod mde;
mod requests;
mod sender;
mod tags;
mod tracker;

use super::budget::Budget;
use super::config::SyncConfig;
use super::status::StatusBoard;
use mde_model::protocol::{Effect, Msg, RequestId};
use mde_store::Store;
use std::collections::HashMap;
use std::sync::{Arc, Mutex as StdMutex};
use tokio::sync::{Mutex, Notify, mpsc};
use tokio::time::Instant;
use tracker::Track;

pub use api::{DevicesApi, SendError};

/// Shown in the device panel: the newest actions of a device, and our sends.
pub(crate) const ACTIONS_SHOWN: usize = 50;
pub(crate) const SENDS_SHOWN: usize = 20;

/// The device the console shows, refreshed on each poll.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Watched {
    req: RequestId,
    machine_id: Option<String>,
}

/// Everything the device side shares; its handlers run as the sync task's children.
pub(crate) struct DeviceDesk<A> {
    api: Arc<A>,
    store: Store,
    tx: mpsc::Sender<Msg>,
    board: Arc<StatusBoard>,
    budget: Arc<Mutex<Budget>>,
    config: SyncConfig,
    watched: StdMutex<Option<Watched>>,
    tracks: StdMutex<HashMap<i64, Track>>,
    wake: Notify,
}

impl<A: DevicesApi> DeviceDesk<A> {
    /// A desk sharing the polling budget and the status board with the alerts side.
    pub(crate) fn new(
        api: Arc<A>,
        store: Store,
        tx: mpsc::Sender<Msg>,
        board: Arc<StatusBoard>,
        budget: Arc<Mutex<Budget>>,
        config: SyncConfig,
    ) -> Self {
        DeviceDesk {
            api,
            store,
            tx,
            board,
            budget,
            config,
            watched: StdMutex::new(None),
            tracks: StdMutex::new(HashMap::new()),
            wake: Notify::new(),
        }
    }

    /// True for the effects this desk handles.
    pub(crate) fn handles(effect: &Effect) -> bool {
        matches!(
            effect,
            Effect::LoadDevice { .. }
                | Effect::UnwatchDevice
                | Effect::RunAction { .. }
                | Effect::RetryAction { .. }
                | Effect::CancelAction { .. }
                | Effect::GetPackageUri { .. }
                | Effect::AddIndicator { .. }
                | Effect::DeleteIndicator { .. }
                | Effect::TagDevice { .. }
        )
    }

    /// The part that must happen in order (which device is watched), before the work is spawned.
    pub(crate) fn note(&self, effect: &Effect) {
        match effect {
            Effect::LoadDevice { req, subject } => {
                let machine_id = match subject {
                    mde_model::device::DeviceSubject::Machine { machine_id } => {
                        Some(machine_id.clone())
                    }
                    mde_model::device::DeviceSubject::Alert { .. } => None,
                };
                *self.watched_lock() = Some(Watched {
                    req: *req,
                    machine_id,
                });
            }
            Effect::UnwatchDevice => *self.watched_lock() = None,
            _ => {}
        }
    }

    /// Does the work of an effect (run it as a child task).
    pub(crate) async fn handle(self: Arc<Self>, effect: Effect) {
        match effect {
            Effect::LoadDevice { req, subject } => self.load(req, subject).await,
            Effect::RunAction { req, request } => self.run(req, request).await,
            Effect::RetryAction { req, send_id } => self.retry(req, send_id).await,
            Effect::CancelAction {
                req,
                action_id,
                comment,
            } => self.cancel(req, action_id, comment).await,
            Effect::GetPackageUri { req, action_id } => self.package(req, action_id).await,
            Effect::AddIndicator { req, indicator } => self.add_indicator(req, indicator).await,
            Effect::DeleteIndicator { req, id } => self.delete_indicator(req, id).await,
            Effect::TagDevice { req, request } => self.tag(req, request).await,
            _ => {}
        }
    }

    fn watched_lock(&self) -> std::sync::MutexGuard<'_, Option<Watched>> {
        self.watched.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn tracks_lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Track>> {
        self.tracks.lock().unwrap_or_else(|p| p.into_inner())
    }

    async fn send(&self, msg: Msg) {
        let _ = self.tx.send(msg).await;
    }

    /// Takes `n` calls from the polling budget, all or none.
    async fn take_budget(&self, n: u32) -> Result<(), Instant> {
        let mut b = self.budget.lock().await;
        let now = Instant::now();
        match b.left(now) {
            left if left >= n => {
                for _ in 0..n {
                    b.try_take(now)?;
                }
                Ok(())
            }
            // Nothing left: the budget says when its oldest call expires.
            0 => b.try_take(now),
            // Some left, not enough: look again a little later.
            _ => Err(now + self.config.budget_window / 8),
        }
    }
}
