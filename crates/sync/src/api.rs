//! What the sync task needs from the service, as a trait: `MdeClient` implements it, and tests
//! can drive the outbox with a fake.

use mde_api::PageBatch;
use mde_model::protocol::TriageChange;
use mde_model::{Page, ParsedAlert, Timestamp};
use std::future::Future;
use std::time::Duration;
use tokio::sync::mpsc;

/// How a call failed, in the terms the outbox acts on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiFailure {
    /// Worth retrying later: throttled, 5xx, timeout, dropped connection, sign-in trouble.
    #[error("{message}")]
    Transient {
        /// What happened.
        message: String,
        /// How long the service asked us to wait, if it said.
        retry_after: Option<Duration>,
    },
    /// The alert does not exist (or is out of retention).
    #[error("not found: {message}")]
    NotFound {
        /// What happened.
        message: String,
    },
    /// Final: the service refused the request and retrying cannot help.
    #[error("{message}")]
    Permanent {
        /// What happened.
        message: String,
    },
}

impl ApiFailure {
    /// True when a retry may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(self, ApiFailure::Transient { .. })
    }
}

/// Which alerts a fetch asks the service for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    /// Every alert: a full refetch.
    All,
    /// Alerts changed after this time, whatever their status: a poll.
    UpdatedSince(Timestamp),
    /// Every alert that is not resolved, however old: the queue, in the first fetch.
    Unresolved,
    /// Resolved alerts changed after this time: the first fetch's window of history.
    ResolvedSince(Timestamp),
}

impl Selection {
    /// Whether `alert` is one of the selected (what the service's filter does).
    pub fn matches(&self, alert: &mde_model::Alert) -> bool {
        let resolved = alert.status == mde_model::Status::Resolved;
        let after = |t: Timestamp| alert.last_update_time.is_some_and(|u| u > t);
        match *self {
            Selection::All => true,
            Selection::UpdatedSince(t) => after(t),
            Selection::Unresolved => !resolved,
            Selection::ResolvedSince(t) => resolved && after(t),
        }
    }
}

/// The alerts API as the sync task uses it.
pub trait AlertsApi: Send + Sync + 'static {
    /// One page (`$skip`, `$top`) of the `selection`, with evidence.
    fn list_alerts(
        &self,
        selection: Selection,
        skip: usize,
        top: usize,
    ) -> impl Future<Output = Result<Page, ApiFailure>> + Send;

    /// One page like `list_alerts`, handed to `out` in batches as it arrives (scale issue: a
    /// page is never held whole); answers how many items the page held. By default the page is
    /// read whole and handed on as one batch.
    fn list_alerts_streamed(
        &self,
        selection: Selection,
        skip: usize,
        top: usize,
        out: &mpsc::Sender<PageBatch>,
    ) -> impl Future<Output = Result<usize, ApiFailure>> + Send {
        async move {
            let page = self.list_alerts(selection, skip, top).await?;
            let items = page.alerts.len() + page.skipped.len();
            let batch = PageBatch {
                rows: page.alerts.into_iter().map(Into::into).collect(),
                skipped: page.skipped,
            };
            // A reader that went away wants nothing more.
            let _ = out.send(batch).await;
            Ok(items)
        }
    }

    /// One alert by id.
    fn get_alert(&self, id: &str) -> impl Future<Output = Result<ParsedAlert, ApiFailure>> + Send;

    /// PATCH one alert; answers the alert as it is now. Must not retry by itself once the
    /// request may have reached the service: the outbox decides about resending.
    fn update_alert(
        &self,
        id: &str,
        change: &TriageChange,
    ) -> impl Future<Output = Result<ParsedAlert, ApiFailure>> + Send;

    /// batchUpdate several alerts (empty answer). Same rule about retries as `update_alert`.
    fn batch_update(
        &self,
        ids: &[String],
        change: &TriageChange,
    ) -> impl Future<Output = Result<(), ApiFailure>> + Send;

    /// The name the service writes as `createdBy` on our comments, when known.
    fn identity(&self) -> Option<String>;
}
