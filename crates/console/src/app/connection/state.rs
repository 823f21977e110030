//! What the console knows about the sync task, and how healthy the link to the service looks:
//! one failed poll is "retrying", several in a row are "offline", and an error the service has
//! since answered past (a write confirmed, a refresh delivered) is not shown any more.

use mde_model::protocol::{RequestId, SyncStatus};

/// Failed refreshes in a row from which the service counts as unreachable.
const OFFLINE_AFTER: u32 = 2;

/// How the link to the service looks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Health {
    /// Answering.
    Ok,
    /// One failure (or an error the next attempt may clear): trying again.
    Retrying(String),
    /// Several failures in a row.
    Offline(String),
}

/// Everything the connection feature owns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Connection {
    /// The sync task's last status report.
    pub status: SyncStatus,
    /// The last refresh failed with this.
    pub refresh_error: Option<String>,
    /// Polling paused by the analyst.
    pub paused: bool,
    /// Device-code sign-in prompt: the page to open and the code to enter.
    pub sign_in: Option<(String, String)>,
    /// Refreshes that failed in a row.
    pub failures: u32,
    /// The status error the service has answered past since (not shown again).
    pub(crate) answered_past: Option<String>,
    /// The refresh the console waits for, if any.
    pub(crate) refresh_req: Option<RequestId>,
    /// The highest request whose complete answer was applied (older complete answers are stale).
    pub(crate) complete_applied: RequestId,
}

impl Connection {
    /// How the link looks now.
    pub fn health(&self) -> Health {
        let status_error = self
            .status
            .error
            .as_ref()
            .filter(|e| self.answered_past.as_ref() != Some(*e));
        match self.refresh_error.as_ref().or(status_error) {
            None => Health::Ok,
            Some(e) if self.failures >= OFFLINE_AFTER => Health::Offline(e.clone()),
            Some(e) => Health::Retrying(e.clone()),
        }
    }

    /// True when the service has not answered several times in a row.
    pub fn offline(&self) -> bool {
        matches!(self.health(), Health::Offline(_))
    }

    /// The service answered (a refresh delivered, a write confirmed): earlier errors are over.
    pub fn on_service_answered(&mut self) {
        self.failures = 0;
        self.refresh_error = None;
        self.answered_past = self.status.error.clone();
    }
}
