//! What the console knows about the sync task.

use mde_model::protocol::{RequestId, SyncStatus};

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
    /// The refresh the console waits for, if any.
    pub(crate) refresh_req: Option<RequestId>,
    /// The highest request whose complete answer was applied (older complete answers are stale).
    pub(crate) complete_applied: RequestId,
}
