//! The status board: the one `SyncStatus` every part of the sync task updates, sent to the app
//! only when it changed. Every call to the service reports whether it worked, so the error and
//! the count of failures in a row say how the connection is now, not how one part last saw it.

use mde_model::protocol::{Msg, SyncStatus};
use tokio::sync::{Mutex, mpsc};

/// Shared status with change detection.
#[derive(Debug)]
pub struct StatusBoard {
    inner: Mutex<Board>,
    tx: mpsc::Sender<Msg>,
}

#[derive(Debug, Default)]
struct Board {
    status: SyncStatus,
    sent: Option<SyncStatus>,
}

impl StatusBoard {
    /// A board that reports on `tx`.
    pub fn new(tx: mpsc::Sender<Msg>, initial: SyncStatus) -> Self {
        StatusBoard {
            inner: Mutex::new(Board {
                status: initial,
                sent: None,
            }),
            tx,
        }
    }

    /// A call to the service worked: its error and the count of failures clear; then `f`.
    pub async fn succeeded(&self, f: impl FnOnce(&mut SyncStatus)) {
        self.publish(|s| {
            s.error = None;
            s.consecutive_failures = 0;
            f(s);
        })
        .await;
    }

    /// A call to the service failed: its error is shown and counted; then `f`.
    pub async fn failed(&self, error: String, f: impl FnOnce(&mut SyncStatus)) {
        self.publish(|s| {
            s.error = Some(error);
            s.consecutive_failures = s.consecutive_failures.saturating_add(1);
            f(s);
        })
        .await;
    }

    /// Applies `f` and sends the status if it differs from the last one sent. The lock is held
    /// across the send so that two updaters cannot deliver their snapshots out of order.
    pub async fn publish(&self, f: impl FnOnce(&mut SyncStatus)) {
        let mut b = self.inner.lock().await;
        f(&mut b.status);
        if b.sent.as_ref() != Some(&b.status) {
            let s = b.status.clone();
            if self.tx.send(Msg::Sync(s.clone())).await.is_ok() {
                b.sent = Some(s);
            }
        }
    }
}
