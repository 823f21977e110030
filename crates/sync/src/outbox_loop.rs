//! The console's outbox worker: sends due entries in queue order, reports each outcome, and
//! sleeps until the next entry falls due or a new one is queued.

use super::api::AlertsApi;
use super::blocking::on_store;
use super::config::SyncConfig;
use super::outbox_sender::{OutboxSender, Outcome};
use super::status::StatusBoard;
use mde_model::protocol::Msg;
use mde_store::Store;
use std::sync::Arc;
use tokio::sync::{Notify, mpsc};

/// Publishes the outbox counts on the status board.
pub(super) async fn publish_counts(store: &Store, board: &StatusBoard) {
    if let Ok(c) = on_store(store, |s| s.outbox_counts()).await {
        board
            .publish(|s| {
                // Conflicts wait for the analyst, so they count as not yet sent.
                s.outbox_pending = c.pending + c.sending + c.conflict;
                s.outbox_failed = c.failed;
            })
            .await;
    }
}

/// Sends due entries in order, then sleeps until the next is due or a new one is queued.
pub(super) async fn outbox_loop<A: AlertsApi>(
    sender: Arc<OutboxSender<A>>,
    store: Store,
    tx: mpsc::Sender<Msg>,
    board: Arc<StatusBoard>,
    wake: Arc<Notify>,
    config: SyncConfig,
) {
    loop {
        let mut trouble: Option<String> = None;
        match sender.claim().await {
            Ok(true) => {}
            Ok(false) => {
                // Another process (the CLI) is sending; look again later or when woken.
                tokio::select! {
                    _ = wake.notified() => {}
                    _ = tokio::time::sleep(config.retry_base.max(std::time::Duration::from_millis(200))) => {}
                }
                continue;
            }
            Err(e) => trouble = Some(e.to_string()),
        }
        match sender.due().await {
            Ok(due) => {
                for entry in due {
                    if !matches!(sender.claim().await, Ok(true)) {
                        break;
                    }
                    let id = entry.id;
                    match sender.process(entry).await {
                        Ok(outcome) => {
                            match &outcome {
                                Outcome::Retry { reason } => trouble = Some(reason.clone()),
                                // The service answered (a refusal and a conflict too).
                                _ => board.succeeded(|_| {}).await,
                            }
                            for m in outcome.messages(id) {
                                let _ = tx.send(m).await;
                            }
                        }
                        Err(e) => trouble = Some(e.to_string()),
                    }
                    publish_counts(&store, &board).await;
                }
            }
            Err(e) => trouble = Some(e.to_string()),
        }
        if let Some(error) = trouble.clone() {
            board.failed(error, |_| {}).await;
        }
        let next = on_store(&store, |s| s.outbox_next_due()).await;
        let wait = match next {
            Ok(Some(ms)) => {
                let ahead = ms - chrono::Utc::now().timestamp_millis();
                Some(std::time::Duration::from_millis(
                    u64::try_from(ahead).unwrap_or(0),
                ))
            }
            Ok(None) => None,
            // The store failed: try again after a pause rather than spin.
            Err(_) => Some(config.retry_base),
        };
        match wait {
            Some(d) => {
                tokio::select! {
                    _ = wake.notified() => {}
                    _ = tokio::time::sleep(d) => {}
                }
            }
            None => wake.notified().await,
        }
    }
}
