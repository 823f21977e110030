//! The contract between the pure app and the sync task: `Effect`s go out, `Msg`s come back.
//! Every answer carries the id of the request it answers, so a stale answer can be ignored.

use crate::{Alert, AlertRow, Classification, Determination, Status, Timestamp};

/// Identifies one request from the app to the sync task.
pub type RequestId = u64;

/// A triage change: any subset of the four writable fields plus a comment.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TriageChange {
    /// New status.
    pub status: Option<Status>,
    /// New owner (UPN).
    pub assigned_to: Option<String>,
    /// New classification.
    pub classification: Option<Classification>,
    /// New determination.
    pub determination: Option<Determination>,
    /// Comment to append.
    pub comment: Option<String>,
}

impl TriageChange {
    /// True when nothing would change.
    pub fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.assigned_to.is_none()
            && self.classification.is_none()
            && self.determination.is_none()
            && self.comment.is_none()
    }
}

/// A write the analyst asked for: one alert (PATCH) or several (batchUpdate).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TriageWrite {
    /// The alerts to change.
    pub alert_ids: Vec<String>,
    /// The change.
    pub change: TriageChange,
    /// `lastUpdateTime` of each alert as the analyst saw it, for the conflict check.
    pub seen_last_update: Vec<(String, Option<Timestamp>)>,
}

/// What to do with a write that hit a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictChoice {
    /// Send it anyway, overwriting the server's change.
    Overwrite,
    /// Drop it; keep the server's version.
    Discard,
}

/// Work the app asks the outside world to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Read the cached rows (start-up), then start the incremental fetch and polling.
    Start { req: RequestId },
    /// Fetch changes now (`full` refetches everything).
    Refresh { req: RequestId, full: bool },
    /// Load one alert in full (cache first, then the service) for the detail pane.
    LoadDetail { req: RequestId, alert_id: String },
    /// Queue a triage write in the outbox, then send it.
    Write { req: RequestId, write: TriageWrite },
    /// Settle a conflicted outbox entry.
    ResolveConflict {
        outbox_id: i64,
        choice: ConflictChoice,
    },
    /// Retry failed outbox entries now.
    RetryOutbox,
    /// Persist an unsent comment draft (empty text deletes it).
    SaveDraft { alert_id: String, text: String },
    /// Pause or resume polling.
    SetPolling { paused: bool },
    /// Copy text to the clipboard (OSC 52); handled by the terminal runtime.
    Clipboard { text: String, what: String },
    /// Leave the program.
    Quit,
    // Operating on a rotation (issue 12): handled by the console runtime, not the sync task.
    /// Switch the store, sign-in and sync to another profile; answered by `ProfileSwitched` or
    /// `ProfileSwitchFailed`, after which the console resets and sends `Start` again.
    SwitchProfile { name: String },
    /// Write these alerts, in this order, to `path` (the console's `e`: exactly the filtered view).
    Export {
        req: RequestId,
        alert_ids: Vec<String>,
        path: String,
        format: ExportFormat,
    },
    /// Write the shift handoff report of the last `since_secs` seconds to `path`.
    Handoff {
        req: RequestId,
        since_secs: u64,
        path: String,
    },
}

/// The file format of an export (issue 12).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// CSV: sanitised display columns, formula cells neutralised.
    Csv,
    /// JSON: the alerts exactly as the service sent them.
    Json,
}

/// The full data behind the detail pane.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertDetail {
    /// The alert with evidence and comments.
    pub alert: Alert,
    /// Its JSON as received.
    pub raw: String,
    /// A saved comment draft, if any.
    pub draft: Option<String>,
}

/// The state of the connection to the service, for the status bar.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncStatus {
    /// Last successful fetch.
    pub last_sync: Option<Timestamp>,
    /// When the next poll is due (None when paused).
    pub next_poll: Option<Timestamp>,
    /// Calls left in the current minute of the rate-limit budget.
    pub budget_left: u32,
    /// The per-minute budget.
    pub budget_per_minute: u32,
    /// Outbox entries waiting to be sent.
    pub outbox_pending: u32,
    /// Outbox entries that failed permanently.
    pub outbox_failed: u32,
    /// Polling paused by the analyst.
    pub paused: bool,
    /// The last error talking to the service, cleared on success.
    pub error: Option<String>,
}

/// Events the app reacts to.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// Rows read from the cache at start-up.
    CacheLoaded { req: RequestId, rows: Vec<AlertRow> },
    /// Rows that changed on the service (upserts). `complete` means this is the whole set.
    AlertsUpdated {
        req: RequestId,
        rows: Vec<AlertRow>,
        complete: bool,
    },
    /// A fetch failed; existing data stays.
    RefreshFailed { req: RequestId, error: String },
    /// The detail of an alert.
    DetailLoaded {
        req: RequestId,
        detail: Box<AlertDetail>,
    },
    /// The detail could not be loaded.
    DetailFailed { req: RequestId, error: String },
    /// A write is safely in the outbox.
    WriteQueued { req: RequestId, outbox_id: i64 },
    /// The service confirmed a write; the rows are the alerts as they are now.
    WriteConfirmed { outbox_id: i64, rows: Vec<AlertRow> },
    /// A write failed for good; the optimistic change must be reverted.
    WriteFailed {
        outbox_id: i64,
        alert_ids: Vec<String>,
        reason: String,
    },
    /// The alert changed on the server since the analyst saw it.
    WriteConflict {
        outbox_id: i64,
        alert_id: String,
        server: Box<AlertRow>,
    },
    /// Connection status for the status bar.
    Sync(SyncStatus),
    /// Device-code sign-in: show this to the analyst.
    SignIn { url: String, code: String },
    /// Skipped malformed alerts, reported once.
    Warning(String),
    // Operating on a rotation (issue 12).
    /// The runtime now talks to another profile: reset the list and send `Effect::Start`.
    ProfileSwitched(Box<ProfileInfo>),
    /// The switch did not happen; the current profile stays.
    ProfileSwitchFailed { name: String, error: String },
    /// An offline file is loading: how far it has got.
    FileProgress(FileProgress),
    /// An export or a handoff report was written.
    FileWritten {
        req: RequestId,
        path: String,
        records: usize,
    },
    /// An export or a handoff report could not be written.
    FileWriteFailed { req: RequestId, error: String },
}

/// What the console needs to know about the profile it now shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileInfo {
    /// The profile's name.
    pub name: String,
    /// Its tenant id or name.
    pub tenant: String,
    /// The analyst's identity there.
    pub identity: String,
    /// Writes refused.
    pub read_only: bool,
}

/// Loading progress of an offline file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileProgress {
    /// Bytes of the file read (compressed bytes for gzip).
    pub bytes_read: u64,
    /// The file's size, when known.
    pub bytes_total: Option<u64>,
    /// Alerts loaded.
    pub alerts: u64,
    /// Records skipped as malformed.
    pub skipped: u64,
    /// The whole file has been read.
    pub done: bool,
}
