//! Sends outbox entries: conflict check, duplicate check on resend, PATCH or batchUpdate (or, for
//! an incident write, `incident_sender`), and the settling of each entry (done, failed, conflict,
//! or rescheduled with backoff).

use super::api::{AlertsApi, ApiFailure};
use super::backoff;
use super::blocking::on_store;
use super::budget::Budget;
use super::config::SyncConfig;
use super::delivery::{Sent, already_applied, fields_match};
use super::error::SyncError;
use super::graph_api::GraphApi;
use mde_model::graph::{IncidentRow, OutboxWrite};
use mde_model::protocol::{Msg, TriageWrite};
use mde_model::{AlertRow, ParsedAlert, Timestamp};
use mde_store::{OutboxEntry, Store};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use tokio::sync::Mutex;
use tokio::time::Instant;

/// How one attempt at an entry ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Confirmed; the rows are the alerts as they are now.
    Done {
        /// Fresh rows of the changed alerts.
        rows: Vec<AlertRow>,
    },
    /// Refused for good.
    Failed {
        /// The alerts the entry was for.
        alert_ids: Vec<String>,
        /// Why.
        reason: String,
    },
    /// An alert changed on the server since the analyst saw it.
    Conflict {
        /// The server's version of each conflicting alert.
        server: Vec<AlertRow>,
    },
    /// A transient failure; the entry will be retried.
    Retry {
        /// What went wrong this time.
        reason: String,
    },
    /// An incident write was confirmed.
    IncidentDone {
        /// The incident as it is now.
        row: IncidentRow,
        /// Its cached alerts, re-read after the write.
        alerts: Vec<AlertRow>,
    },
    /// An incident write was refused for good.
    IncidentFailed {
        /// The incident.
        incident_id: String,
        /// Why.
        reason: String,
    },
    /// The incident changed on the server since the analyst saw it.
    IncidentConflict {
        /// The server's version.
        server: IncidentRow,
    },
}

impl Outcome {
    /// The messages that tell the app about this outcome.
    pub fn messages(&self, outbox_id: i64) -> Vec<Msg> {
        match self {
            Outcome::Done { rows } => vec![Msg::WriteConfirmed {
                outbox_id,
                rows: rows.clone(),
            }],
            Outcome::Failed { alert_ids, reason } => vec![Msg::WriteFailed {
                outbox_id,
                alert_ids: alert_ids.clone(),
                reason: reason.clone(),
            }],
            Outcome::Conflict { server } => server
                .iter()
                .map(|r| Msg::WriteConflict {
                    outbox_id,
                    alert_id: r.id.clone(),
                    server: Box::new(r.clone()),
                })
                .collect(),
            Outcome::Retry { .. } => Vec::new(),
            Outcome::IncidentDone { row, alerts } => vec![Msg::IncidentWriteConfirmed {
                outbox_id,
                row: Box::new(row.clone()),
                alerts: alerts.clone(),
            }],
            Outcome::IncidentFailed {
                incident_id,
                reason,
            } => vec![Msg::IncidentWriteFailed {
                outbox_id,
                incident_id: incident_id.clone(),
                reason: reason.clone(),
            }],
            Outcome::IncidentConflict { server } => vec![Msg::IncidentWriteConflict {
                outbox_id,
                server: Box::new(server.clone()),
            }],
        }
    }
}

/// Sends entries one at a time, in queue order, so that two writes to one alert land in order.
pub struct OutboxSender<A> {
    pub(super) api: Arc<A>,
    /// Graph, for incident writes (None: they wait for a profile that signs in to Graph).
    pub(super) graph: Option<Arc<dyn GraphApi>>,
    pub(super) store: Store,
    config: SyncConfig,
    batch_budget: Mutex<Budget>,
    /// Transient failures per entry since this process started, for the backoff.
    failures: Mutex<HashMap<i64, u32>>,
    /// This sender's name as holder of the outbox lease.
    owner: String,
    /// Our own confirmed writes per alert: `lastUpdateTime` before → after. A later write queued
    /// against the "before" time was seen against a version we changed ourselves, not a conflict.
    own_writes: Mutex<HashMap<String, HashMap<Timestamp, Timestamp>>>,
    /// The same for incidents.
    pub(super) own_incident_writes: Mutex<HashMap<String, HashMap<Timestamp, Timestamp>>>,
}

impl<A: AlertsApi> OutboxSender<A> {
    /// A sender over `api` and `store`.
    pub fn new(api: Arc<A>, store: Store, config: SyncConfig) -> Self {
        let batch_budget = Mutex::new(Budget::new(config.batch_per_window, config.budget_window));
        OutboxSender {
            api,
            graph: None,
            store,
            config,
            batch_budget,
            failures: Mutex::new(HashMap::new()),
            owner: mde_store::lease_owner(),
            own_writes: Mutex::new(HashMap::new()),
            own_incident_writes: Mutex::new(HashMap::new()),
        }
    }

    /// The same sender, sending incident writes through `graph`.
    pub fn with_graph(mut self, graph: Option<Arc<dyn GraphApi>>) -> Self {
        self.graph = graph;
        self
    }

    /// Takes or renews the outbox lease; false while another process is sending this outbox.
    pub async fn claim(&self) -> Result<bool, SyncError> {
        let owner = self.owner.clone();
        let ttl = i64::try_from(self.config.lease_ttl.as_millis()).unwrap_or(i64::MAX / 2);
        on_store(&self.store, move |s| s.outbox_claim(&owner, ttl)).await
    }

    /// Gives the outbox lease up.
    pub async fn release(&self) -> Result<(), SyncError> {
        let owner = self.owner.clone();
        on_store(&self.store, move |s| s.outbox_release(&owner)).await
    }

    /// Entries due now.
    pub async fn due(&self) -> Result<Vec<OutboxEntry>, SyncError> {
        let now = chrono::Utc::now().timestamp_millis();
        on_store(&self.store, move |s| s.outbox_due(now)).await
    }

    /// Makes one attempt at `entry` and records the result in the store. The caller holds the
    /// lease (`claim`).
    pub async fn process(&self, entry: OutboxEntry) -> Result<Outcome, SyncError> {
        let attempt = match &entry.write {
            OutboxWrite::Alerts(w) => self.attempt(&entry, w).await,
            OutboxWrite::Incident(w) => self.attempt_incident(&entry, w).await,
        };
        match attempt {
            Ok(outcome) => {
                self.failures.lock().await.remove(&entry.id);
                Ok(outcome)
            }
            Err(SyncError::Api(failure)) => self.settle_failure(&entry, failure).await,
            Err(e) => Err(e),
        }
    }

    async fn attempt(&self, entry: &OutboxEntry, w: &TriageWrite) -> Result<Outcome, SyncError> {
        let ids = w.alert_ids.clone();
        let change = &w.change;
        let seen = self.seen_after_own_writes(w).await;
        let check_conflict = !entry.force && ids.iter().any(|id| seen.contains_key(id));
        let mut remaining = ids.clone();
        // Before the first send of a comment, count the identical comments already there.
        let need_baselines =
            change.comment.is_some() && entry.baselines.is_none() && !entry.maybe_sent();
        let mut baselines: Option<BTreeMap<String, usize>> = None;

        if entry.maybe_sent() || check_conflict || need_baselines {
            let mut current = Vec::with_capacity(ids.len());
            for id in &ids {
                current.push(self.api.get_alert(id).await?);
            }
            self.cache(current.clone()).await?;
            if let (true, Some(text)) = (need_baselines, &change.comment) {
                baselines = Some(
                    current
                        .iter()
                        .map(|p| {
                            let n = p.alert.comments.iter().filter(|c| c.comment == *text);
                            (p.alert.id.clone(), n.count())
                        })
                        .collect(),
                );
            }
            if entry.maybe_sent() {
                let identity = entry.identity.clone().or_else(|| self.api.identity());
                remaining.retain(|id| {
                    !current.iter().any(|p| {
                        let sent = Sent {
                            queued_at: entry.queued_at,
                            identity: identity.as_deref(),
                            skew: self.config.clock_skew,
                            baseline: entry.baselines.as_ref().and_then(|b| b.get(id).copied()),
                        };
                        p.alert.id == *id && already_applied(&p.alert, change, sent)
                    })
                });
                if remaining.is_empty() {
                    return self.confirm(entry, w, Vec::new()).await;
                }
            }
            if check_conflict {
                let server: Vec<AlertRow> = current
                    .iter()
                    .filter(|p| remaining.contains(&p.alert.id))
                    // A maybe-sent write whose fields are already there moved the alert itself
                    // (a two-step write lost its answer midway): that is no one else's change.
                    .filter(|p| !(entry.maybe_sent() && fields_match(&p.alert, change)))
                    .filter(
                        |p| match (seen.get(&p.alert.id), p.alert.last_update_time) {
                            (Some(saw), Some(now)) => now > *saw,
                            _ => false,
                        },
                    )
                    .map(|p| AlertRow::from_alert(&p.alert))
                    .collect();
                if !server.is_empty() {
                    let names: Vec<&str> = server.iter().map(|r| r.id.as_str()).collect();
                    let reason =
                        format!("changed on the server since loaded: {}", names.join(", "));
                    let id = entry.id;
                    on_store(&self.store, move |s| s.outbox_mark_conflict(id, &reason)).await?;
                    return Ok(Outcome::Conflict { server });
                }
            }
            if remaining.len() != ids.len() {
                let narrowed = TriageWrite {
                    alert_ids: remaining.clone(),
                    ..w.clone()
                };
                let id = entry.id;
                on_store(&self.store, move |s| s.outbox_update_write(id, &narrowed)).await?;
            }
        }

        if remaining.len() > 1 {
            self.wait_for_batch_slot().await;
        }
        // Committed before the request leaves: after a crash, this entry is known to be maybe-sent.
        let id = entry.id;
        on_store(&self.store, move |s| {
            s.outbox_mark_sending(id, baselines.as_ref())
        })
        .await?;
        let fresh = if let [one] = remaining.as_slice() {
            vec![self.api.update_alert(one, change).await?]
        } else {
            self.api.batch_update(&remaining, change).await?;
            Vec::new()
        };
        self.confirm(entry, w, fresh).await
    }

    /// What the analyst saw of each alert, moved forward past our own confirmed writes.
    async fn seen_after_own_writes(&self, write: &TriageWrite) -> HashMap<String, Timestamp> {
        let own = self.own_writes.lock().await;
        write
            .seen_last_update
            .iter()
            .filter_map(|(id, t)| {
                let mut t = (*t)?;
                if let Some(moves) = own.get(id) {
                    // Bounded: each step follows one recorded write.
                    for _ in 0..moves.len() {
                        match moves.get(&t) {
                            Some(next) => t = *next,
                            None => break,
                        }
                    }
                }
                Some((id.clone(), t))
            })
            .collect()
    }

    /// Marks the entry done, remembers the change as ours, then refreshes the cache with the
    /// alerts as they are now.
    async fn confirm(
        &self,
        entry: &OutboxEntry,
        w: &TriageWrite,
        mut fresh: Vec<ParsedAlert>,
    ) -> Result<Outcome, SyncError> {
        let id = entry.id;
        let ids = w.alert_ids.clone();
        on_store(&self.store, move |s| s.outbox_mark_done(id)).await?;
        if fresh.is_empty() {
            // batchUpdate answers with an empty body: re-read what changed. A failed re-read only
            // costs freshness; the poll brings it later.
            for alert_id in &ids {
                if let Ok(p) = self.api.get_alert(alert_id).await {
                    fresh.push(p);
                }
            }
        }
        let seen = self.seen_after_own_writes(w).await;
        {
            let mut own = self.own_writes.lock().await;
            for p in &fresh {
                if let (Some(before), Some(after)) =
                    (seen.get(&p.alert.id), p.alert.last_update_time)
                    && after > *before
                {
                    own.entry(p.alert.id.clone())
                        .or_default()
                        .insert(*before, after);
                }
            }
        }
        self.cache(fresh).await?;
        let rows = on_store(&self.store, move |s| s.rows_for(&ids)).await?;
        Ok(Outcome::Done { rows })
    }

    async fn cache(&self, alerts: Vec<ParsedAlert>) -> Result<(), SyncError> {
        if alerts.is_empty() {
            return Ok(());
        }
        on_store(&self.store, move |s| s.upsert_alerts(&alerts).map(|_| ())).await
    }

    async fn settle_failure(
        &self,
        entry: &OutboxEntry,
        failure: ApiFailure,
    ) -> Result<Outcome, SyncError> {
        let id = entry.id;
        match failure {
            ApiFailure::Transient {
                message,
                retry_after,
            } => {
                let n = {
                    let mut f = self.failures.lock().await;
                    let n = f.entry(id).or_insert(0);
                    *n += 1;
                    *n
                };
                let wait = backoff::delay(
                    n,
                    self.config.retry_base,
                    self.config.retry_max,
                    retry_after,
                );
                let at = chrono::Utc::now().timestamp_millis()
                    + i64::try_from(wait.as_millis()).unwrap_or(i64::MAX / 2);
                let reason = message.clone();
                on_store(&self.store, move |s| s.outbox_reschedule(id, at, &reason)).await?;
                Ok(Outcome::Retry { reason: message })
            }
            ApiFailure::NotFound { message } | ApiFailure::Permanent { message } => {
                self.failures.lock().await.remove(&id);
                let reason = message.clone();
                on_store(&self.store, move |s| s.outbox_mark_failed(id, &reason)).await?;
                Ok(match &entry.write {
                    OutboxWrite::Alerts(w) => Outcome::Failed {
                        alert_ids: w.alert_ids.clone(),
                        reason: message,
                    },
                    OutboxWrite::Incident(w) => Outcome::IncidentFailed {
                        incident_id: w.incident_id.clone(),
                        reason: message,
                    },
                })
            }
        }
    }

    /// batchUpdate has its own, lower limit: wait for a slot rather than fail.
    async fn wait_for_batch_slot(&self) {
        loop {
            let next = self.batch_budget.lock().await.try_take(Instant::now());
            match next {
                Ok(()) => return,
                Err(at) => tokio::time::sleep_until(at).await,
            }
        }
    }
}
