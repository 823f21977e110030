//! Sending the whole outbox without the console: what `mde-triage alerts update` and
//! `mde-triage outbox retry` run after queueing.

use super::api::AlertsApi;
use super::blocking::on_store;
use super::config::SyncConfig;
use super::error::SyncError;
use super::graph_api::GraphApi;
use super::outbox_sender::{OutboxSender, Outcome};
use mde_store::Store;
use std::sync::Arc;
use std::time::Duration;

/// What a drain achieved, per outbox id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DrainReport {
    /// Entries the service confirmed.
    pub confirmed: Vec<i64>,
    /// Entries refused for good, with the reason.
    pub failed: Vec<(i64, String)>,
    /// Entries held back because an alert changed on the server (outbox id, alert ids).
    pub conflicts: Vec<(i64, Vec<String>)>,
    /// Entries still waiting when the drain gave up (transient failures past the deadline, or
    /// another process sending).
    pub still_pending: usize,
    /// Another live process (a running console) holds the outbox and will send the entries.
    pub held_elsewhere: bool,
}

/// Sends every pending entry, retrying transient failures with backoff for up to five minutes.
pub async fn drain_outbox<A: AlertsApi>(client: A, store: Store) -> Result<DrainReport, SyncError> {
    drain_outbox_with(
        client,
        store,
        SyncConfig::default(),
        Duration::from_secs(300),
    )
    .await
}

/// `drain_outbox` with explicit tunables and a deadline for transient retries.
pub async fn drain_outbox_with<A: AlertsApi>(
    client: A,
    store: Store,
    config: SyncConfig,
    deadline: Duration,
) -> Result<DrainReport, SyncError> {
    drain_outbox_graph(client, None, store, config, deadline).await
}

/// `drain_outbox_with` that also sends incident writes through `graph`.
pub async fn drain_outbox_graph<A: AlertsApi>(
    client: A,
    graph: Option<Arc<dyn GraphApi>>,
    store: Store,
    config: SyncConfig,
    deadline: Duration,
) -> Result<DrainReport, SyncError> {
    let until = tokio::time::Instant::now() + deadline;
    let sender = OutboxSender::new(Arc::new(client), store.clone(), config).with_graph(graph);
    let mut report = DrainReport::default();
    let result = drain_loop(&sender, &store, until, &mut report).await;
    sender.release().await?;
    result.map(|()| report)
}

async fn drain_loop<A: AlertsApi>(
    sender: &OutboxSender<A>,
    store: &Store,
    until: tokio::time::Instant,
    report: &mut DrainReport,
) -> Result<(), SyncError> {
    loop {
        if !sender.claim().await? {
            report.held_elsewhere = true;
            let counts = on_store(store, |s| s.outbox_counts()).await?;
            report.still_pending = (counts.pending + counts.sending) as usize;
            return Ok(());
        }
        for entry in sender.due().await? {
            let id = entry.id;
            match sender.process(entry).await? {
                Outcome::Done { .. } => report.confirmed.push(id),
                Outcome::Failed { reason, .. } => report.failed.push((id, reason)),
                Outcome::Conflict { server } => report
                    .conflicts
                    .push((id, server.into_iter().map(|r| r.id).collect())),
                Outcome::IncidentDone { .. } => report.confirmed.push(id),
                Outcome::IncidentFailed { reason, .. } => report.failed.push((id, reason)),
                Outcome::IncidentConflict { server } => {
                    report.conflicts.push((id, vec![server.id]))
                }
                Outcome::Retry { .. } => {}
            }
        }
        let next = on_store(store, |s| s.outbox_next_due()).await?;
        let Some(next_ms) = next else {
            return Ok(());
        };
        let wait_ms = next_ms - chrono::Utc::now().timestamp_millis();
        let at = tokio::time::Instant::now()
            + Duration::from_millis(u64::try_from(wait_ms).unwrap_or(0));
        if at > until {
            let counts = on_store(store, |s| s.outbox_counts()).await?;
            report.still_pending = (counts.pending + counts.sending) as usize;
            return Ok(());
        }
        tokio::time::sleep_until(at).await;
    }
}
