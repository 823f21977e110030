//! The console's way out: stop the sync task, give the outbox a few seconds to deliver what is
//! queued (with the runtime's countdown frame on screen while it does), and say what is left.
//! Exit status 75 (try again later) when writes are still queued: the next start sends them.

use crate::tui::ExitReason;
use crate::tui::farewell::{countdown, saving};
use crate::tui::rotation::clients::Clients;
use crate::tui::terminal::Tty;
use mde_console::app::State;
use mde_store::Store;
use mde_sync::{DrainReport, SyncConfig};
use std::time::Duration;
use tokio::task::JoinHandle;

/// How long leaving may take while writes are queued, the sync task's stop included.
pub const GRACE: Duration = Duration::from_secs(3);

/// What the way out needs: the sync task to stop, and what the outbox drain runs on.
pub struct WindDown {
    /// The sync task (its effect channel is closed once the session ends).
    pub sync_task: JoinHandle<()>,
    /// The clients the outbox sends through.
    pub client: Clients,
    /// The profile's store.
    pub store: Store,
    /// Sync tunables.
    pub sync: SyncConfig,
}

/// What was left when the console ended.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Left {
    /// Writes still queued (pending or in flight).
    pub queued: usize,
    /// Writes the service refused for good.
    pub failed: usize,
    /// Writes held back by a conflict.
    pub conflicts: usize,
}

impl WindDown {
    /// Stops sync and drains the outbox for at most `GRACE`; the countdown is drawn while
    /// writes are queued, unless the terminal is gone (hangup, input closed).
    pub async fn run(self, terminal: &mut Tty, state: &State, reason: ExitReason) -> Left {
        let store = self.store.clone();
        let queued = if queued_now(&store).await > 0 {
            let work = drain(self);
            let drawable = !reason.terminal_gone();
            let report = if drawable {
                let counter = store.clone();
                countdown(
                    terminal,
                    state,
                    GRACE,
                    async || queued_now(&counter).await,
                    work,
                )
                .await
            } else {
                tokio::time::timeout(GRACE, work).await.ok()
            };
            report.flatten()
        } else {
            // Nothing to send: only let the sync task stop in order.
            if tokio::time::timeout(GRACE, self.sync_task).await.is_err() {
                tracing::warn!("sync task did not stop in time");
            }
            None
        };
        let mut left = Left {
            queued: queued_now(&store).await,
            ..Left::default()
        };
        // Closing the store next may wait seconds for the log's copy: say so on screen.
        if store.copy_pending() && !reason.terminal_gone() {
            tracing::info!("closing waits for the cache's log to be copied into its file");
            saving(terminal, state);
        }
        if let Some(r) = queued {
            left.failed = r.failed.len();
            left.conflicts = r.conflicts.len();
        }
        left
    }
}

/// Stops the sync task, then sends what is due within the grace period.
async fn drain(w: WindDown) -> Option<DrainReport> {
    let started = tokio::time::Instant::now();
    if tokio::time::timeout(GRACE, w.sync_task).await.is_err() {
        tracing::warn!("sync task did not stop in time");
    }
    let rest = GRACE.saturating_sub(started.elapsed());
    match w.client.drain(w.store, w.sync, rest).await {
        Ok(r) => Some(r),
        Err(e) => {
            tracing::warn!("outbox not drained on exit: {e}");
            None
        }
    }
}

/// Writes pending or in flight in the store.
async fn queued_now(store: &Store) -> usize {
    let store = store.clone();
    match tokio::task::spawn_blocking(move || store.outbox_counts()).await {
        Ok(Ok(c)) => (c.pending + c.sending) as usize,
        _ => 0,
    }
}

impl Left {
    /// The line for stderr once the terminal is back, if anything is left.
    pub fn message(&self) -> Option<String> {
        if self.queued == 0 && self.failed == 0 && self.conflicts == 0 {
            return None;
        }
        Some(format!(
            "mde-triage: {} write(s) still queued, {} failed, {} in conflict; \
             the next start sends the queued ones (`mde-triage outbox` shows them)",
            self.queued, self.failed, self.conflicts
        ))
    }
}
