//! The sync task: one tokio task that owns client and store, takes `Effect`s and answers with
//! `Msg`s carrying the id of the request they answer. Fetches, detail loads and the outbox run
//! as child tasks so that a slow service never delays the answer to another effect.

use super::api::AlertsApi;
use super::backoff;
use super::blocking::on_store;
use super::budget::Budget;
use super::config::SyncConfig;
use super::detail::load_detail;
use super::devices::{DeviceDesk, DevicesApi};
use super::graph_api::GraphApi;
use super::hunts::{HuntJob, run_hunt};
use super::incidents::{IncidentPoll, load_incident, load_incidents};
use super::outbox_loop::{outbox_loop, publish_counts};
use super::outbox_sender::OutboxSender;
use super::poller::{FetchSummary, Poller};
use super::status::StatusBoard;
use mde_model::Timestamp;
use mde_model::protocol::{Effect, Msg, RequestId, SyncStatus};
use mde_store::Store;
use std::sync::Arc;
use tokio::sync::{Mutex, Notify, mpsc};
use tokio::task::{JoinHandle, JoinSet};
use tokio::time::Instant;

mod writes;

/// Starts the sync task. Send it `Effect`s; read its `Msg`s; it ends on `Effect::Quit` or when
/// the effect sender is dropped.
pub fn spawn<A: AlertsApi + DevicesApi>(
    client: A,
    store: Store,
    config: SyncConfig,
) -> (mpsc::Sender<Effect>, mpsc::Receiver<Msg>, JoinHandle<()>) {
    spawn_with_graph(client, None, store, config)
}

/// `spawn` with Graph for incidents, incident writes and hunting (None: those effects are
/// answered with what is cached and a failure naming the missing Graph sign-in).
pub fn spawn_with_graph<A: AlertsApi + DevicesApi>(
    client: A,
    graph: Option<Arc<dyn GraphApi>>,
    store: Store,
    config: SyncConfig,
) -> (mpsc::Sender<Effect>, mpsc::Receiver<Msg>, JoinHandle<()>) {
    let cap = config.channel_capacity.max(1);
    let (effect_tx, effect_rx) = mpsc::channel(cap);
    let (msg_tx, msg_rx) = mpsc::channel(cap);
    let task = SyncTask::new(Arc::new(client), graph, store, config, msg_tx);
    let handle = tokio::spawn(task.run(effect_rx));
    (effect_tx, msg_rx, handle)
}

struct SyncTask<A> {
    api: Arc<A>,
    /// Graph, when the profile signs in to it.
    graph: Option<Arc<dyn GraphApi>>,
    /// Hunting's share of its quota.
    hunt_budget: Arc<Mutex<Budget>>,
    /// The latest incidents request, which answers about incidents carry.
    incidents_req: RequestId,
    store: Store,
    config: SyncConfig,
    tx: mpsc::Sender<Msg>,
    board: Arc<StatusBoard>,
    poll_budget: Arc<Mutex<Budget>>,
    poller: Arc<Poller<A>>,
    outbox: Arc<OutboxSender<A>>,
    outbox_wake: Arc<Notify>,
    /// Device context, response actions and indicators (issue 10).
    devices: Arc<DeviceDesk<A>>,
    children: JoinSet<()>,
    started: bool,
    paused: bool,
    fetching: bool,
    queued_refresh: Option<(RequestId, bool)>,
    next_poll: Option<Instant>,
    /// Polls answer with the id of the latest Start or Refresh, so the app files them with it.
    poll_req: RequestId,
    /// When the running fetch started: what `last_sync` becomes if it succeeds.
    fetch_started: Option<Timestamp>,
    /// Fetches that failed in a row: the next one comes sooner than a poll, backing off.
    fetch_failures: u32,
}

type FetchDone = (RequestId, Result<FetchSummary, String>);

impl<A: AlertsApi + DevicesApi> SyncTask<A> {
    fn new(
        api: Arc<A>,
        graph: Option<Arc<dyn GraphApi>>,
        store: Store,
        config: SyncConfig,
        tx: mpsc::Sender<Msg>,
    ) -> Self {
        let poll_budget = Arc::new(Mutex::new(Budget::new(
            config.poll_budget,
            config.budget_window,
        )));
        let board = Arc::new(StatusBoard::new(
            tx.clone(),
            SyncStatus {
                budget_left: config.poll_budget,
                budget_per_minute: config.poll_budget,
                window_days: config.initial_days,
                ..SyncStatus::default()
            },
        ));
        SyncTask {
            poller: Arc::new(Poller::new(
                api.clone(),
                store.clone(),
                config.clone(),
                poll_budget.clone(),
            )),
            outbox: Arc::new(
                OutboxSender::new(api.clone(), store.clone(), config.clone())
                    .with_graph(graph.clone()),
            ),
            hunt_budget: Arc::new(Mutex::new(Budget::new(
                config.hunt_per_window,
                config.budget_window,
            ))),
            graph,
            incidents_req: 0,
            devices: Arc::new(DeviceDesk::new(
                api.clone(),
                store.clone(),
                tx.clone(),
                board.clone(),
                poll_budget.clone(),
                config.clone(),
            )),
            api,
            store,
            config,
            tx,
            board,
            poll_budget,
            outbox_wake: Arc::new(Notify::new()),
            children: JoinSet::new(),
            started: false,
            paused: false,
            fetching: false,
            queued_refresh: None,
            next_poll: None,
            poll_req: 0,
            fetch_started: None,
            fetch_failures: 0,
        }
    }

    async fn run(mut self, mut effects: mpsc::Receiver<Effect>) {
        // Entries left from a crash or an earlier run are replayed at once.
        self.children.spawn(outbox_loop(
            self.outbox.clone(),
            self.store.clone(),
            self.tx.clone(),
            self.board.clone(),
            self.outbox_wake.clone(),
            self.config.clone(),
        ));
        // Response actions in flight (also those an earlier run left) are followed to the end.
        self.children.spawn(self.devices.clone().run_tracker());
        let (done_tx, mut done_rx) = mpsc::channel::<FetchDone>(4);
        loop {
            let poll_at = self
                .next_poll
                .filter(|_| self.started && !self.paused && !self.fetching);
            tokio::select! {
                effect = effects.recv() => match effect {
                    None | Some(Effect::Quit) => break,
                    Some(e) => self.handle(e, &done_tx).await,
                },
                Some((req, result)) = done_rx.recv() => self.fetch_finished(req, result, &done_tx).await,
                _ = sleep_until_opt(poll_at), if poll_at.is_some() => {
                    self.start_fetch(self.poll_req, false, &done_tx);
                }
            }
        }
        self.children.shutdown().await;
        let _ = self.outbox.release().await;
    }

    async fn handle(&mut self, effect: Effect, done_tx: &mpsc::Sender<FetchDone>) {
        if DeviceDesk::<A>::handles(&effect) {
            self.devices.note(&effect);
            self.children.spawn(self.devices.clone().handle(effect));
            return;
        }
        match effect {
            Effect::Start { req } => {
                self.started = true;
                self.poll_req = req;
                // Scale issue: the first screen's rows first, the rest behind.
                super::warm_start::send_cache(&self.store, &self.tx, req).await;
                self.refresh(req, false, done_tx);
            }
            Effect::Refresh { req, full } => {
                self.poll_req = req;
                self.refresh(req, full, done_tx);
            }
            Effect::LoadDetail { req, alert_id } => {
                let (api, store, tx) = (self.api.clone(), self.store.clone(), self.tx.clone());
                let board = self.board.clone();
                self.children
                    .spawn(load_detail(api, store, tx, board, req, alert_id));
            }
            Effect::Write { req, write } => self.queue_write(req, write).await,
            Effect::ResolveConflict { outbox_id, choice } => {
                self.resolve_conflict(outbox_id, choice).await
            }
            Effect::RetryOutbox => {
                if let Err(e) = on_store(&self.store, |s| s.outbox_retry_failed(None)).await {
                    self.send(Msg::Warning(format!("outbox: {e}"))).await;
                }
                self.outbox_wake.notify_one();
                self.publish_counts().await;
            }
            Effect::SaveDraft { alert_id, text } => {
                if let Err(e) = on_store(&self.store, move |s| s.save_draft(&alert_id, &text)).await
                {
                    self.send(Msg::Warning(format!("draft not saved: {e}")))
                        .await;
                }
            }
            Effect::SetPolling { paused } => {
                self.paused = paused;
                if !paused && self.started {
                    // Resuming catches up at once.
                    self.next_poll = Some(Instant::now());
                }
                let next = self.next_poll_wall();
                self.board
                    .publish(|s| {
                        s.paused = paused;
                        s.next_poll = next;
                    })
                    .await;
            }
            Effect::CancelWrite { outbox_id } => {
                let answer = super::cancel::cancel_write(&self.store, outbox_id).await;
                self.send(answer).await;
                self.publish_counts().await;
            }
            // The terminal runtime handles the clipboard; Quit is handled by the loop; the
            // device effects went to the device desk above.
            Effect::Clipboard { .. }
            | Effect::Notify { .. }
            | Effect::Quit
            | Effect::LoadDevice { .. }
            | Effect::UnwatchDevice
            | Effect::RunAction { .. }
            | Effect::RetryAction { .. }
            | Effect::CancelAction { .. }
            | Effect::GetPackageUri { .. }
            | Effect::AddIndicator { .. }
            | Effect::DeleteIndicator { .. }
            | Effect::TagDevice { .. } => {}

            // --- Incidents and hunting (Graph; issue 11) ---
            Effect::LoadIncidents { req, full } => {
                self.incidents_req = req;
                let (graph, store, tx) = (self.graph.clone(), self.store.clone(), self.tx.clone());
                let config = self.config.clone();
                self.children
                    .spawn(load_incidents(graph, store, tx, config, req, full));
            }
            Effect::LoadIncident { req, id } => {
                let (graph, store, tx) = (self.graph.clone(), self.store.clone(), self.tx.clone());
                self.children
                    .spawn(load_incident(graph, store, tx, req, id));
            }
            Effect::WriteIncident { req, write } => self.queue_incident_write(req, write).await,
            Effect::RunHunt {
                req,
                query,
                refresh,
            } => {
                let job = HuntJob {
                    graph: self.graph.clone(),
                    store: self.store.clone(),
                    tx: self.tx.clone(),
                    budget: self.hunt_budget.clone(),
                    config: self.config.clone(),
                };
                self.children.spawn(run_hunt(job, req, query, refresh));
            }
            // Issue 12: the console runtime's router answers these before they reach a sync task.
            Effect::SwitchProfile { .. } | Effect::Export { .. } | Effect::Handoff { .. } => {}
        }
    }

    fn refresh(&mut self, req: RequestId, full: bool, done_tx: &mpsc::Sender<FetchDone>) {
        if self.fetching {
            // One fetch at a time; the newest request runs when the current one ends.
            self.queued_refresh = Some((req, full));
        } else {
            self.start_fetch(req, full, done_tx);
        }
    }

    fn start_fetch(&mut self, req: RequestId, full: bool, done_tx: &mpsc::Sender<FetchDone>) {
        self.fetching = true;
        self.fetch_started = Some(Timestamp::now());
        self.next_poll = None;
        let (poller, tx, done) = (self.poller.clone(), self.tx.clone(), done_tx.clone());
        // Issue 11: incidents are polled with the alerts once the console has asked for them.
        let incidents = self
            .graph
            .clone()
            .filter(|_| self.incidents_req != 0)
            .map(|graph| IncidentPoll {
                graph,
                store: self.store.clone(),
                tx: self.tx.clone(),
                config: self.config.clone(),
                req: self.incidents_req,
                budget: self.poll_budget.clone(),
            });
        self.children.spawn(async move {
            let result = poller
                .fetch(req, full, &tx)
                .await
                .map_err(|e| e.to_string());
            if let Some(p) = incidents {
                p.run().await;
            }
            let _ = done.send((req, result)).await;
        });
    }

    async fn fetch_finished(
        &mut self,
        req: RequestId,
        result: Result<FetchSummary, String>,
        done_tx: &mpsc::Sender<FetchDone>,
    ) {
        self.fetching = false;
        let started = self.fetch_started.take();
        let error = match result {
            Ok(_) => {
                self.fetch_failures = 0;
                None
            }
            Err(error) => {
                self.fetch_failures = self.fetch_failures.saturating_add(1);
                self.send(Msg::RefreshFailed {
                    req,
                    error: error.clone(),
                })
                .await;
                Some(error)
            }
        };
        self.next_poll = Some(Instant::now() + self.next_fetch_in());
        let left = self.poll_budget.lock().await.left(Instant::now());
        let next = self.next_poll_wall();
        let update = |s: &mut SyncStatus| {
            s.budget_left = left;
            s.next_poll = next;
        };
        match error {
            None => {
                self.board
                    .succeeded(|s| {
                        s.last_sync = started.or(s.last_sync);
                        update(s);
                    })
                    .await
            }
            Some(error) => self.board.failed(error, update).await,
        }
        if let Some((req, full)) = self.queued_refresh.take() {
            self.start_fetch(req, full, done_tx);
        }
    }

    async fn publish_counts(&self) {
        publish_counts(&self.store, &self.board).await;
    }

    /// The time to the next fetch: the poll interval, or after a failure a retry that backs off
    /// from `retry_base` up to the poll interval.
    fn next_fetch_in(&self) -> std::time::Duration {
        match self.fetch_failures {
            0 => self.config.poll_interval,
            n => backoff::delay(n, self.config.retry_base, self.config.poll_interval, None),
        }
    }

    fn next_poll_wall(&self) -> Option<Timestamp> {
        if self.paused {
            return None;
        }
        let at = self.next_poll?;
        let ahead = at.saturating_duration_since(Instant::now());
        let ahead = chrono::Duration::from_std(ahead).ok()?;
        Some(Timestamp(chrono::Utc::now() + ahead))
    }

    async fn send(&self, msg: Msg) {
        let _ = self.tx.send(msg).await;
    }
}

async fn sleep_until_opt(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}
