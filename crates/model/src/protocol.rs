//! The contract between the pure app and the sync task: `Effect`s go out, `Msg`s come back.
//! Every answer carries the id of the request it answers, so a stale answer can be ignored.

use crate::graph::{
    HuntAnswer, HuntFailure, HuntQuery, HuntQuota, IncidentDetail, IncidentRow, IncidentWrite,
};
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
    // Issue 9 (undo): drop a queued write that was not sent yet.
    /// Drop this outbox entry if it has not been handed to the service; answered by
    /// `Msg::WriteCancelled`.
    CancelWrite { outbox_id: i64 },

    // --- Device response (issue 10): device context, response actions, indicators. ---
    /// Load a device for the device panel: the cached machine and actions at once, then the
    /// service's (within the polling budget). The device stays watched (refreshed on each poll)
    /// until another `LoadDevice` or `UnwatchDevice`. Answered by `DeviceLoaded` / `DeviceFailed`.
    LoadDevice {
        req: RequestId,
        subject: crate::device::DeviceSubject,
    },
    /// Stop refreshing the watched device (the panel closed).
    UnwatchDevice,
    /// Send a confirmed response action now (never queued for later). Answered by
    /// `ActionUpdated` (the service holds it; repeated as its status changes until terminal) or
    /// `ActionFailed`. Every step goes to the audit log.
    RunAction {
        req: RequestId,
        request: crate::device::ActionRequest,
    },
    /// Send a failed action again, by its send id. The service is searched first for an action of
    /// that type on the device created since the first attempt; only if none is found is it resent.
    RetryAction { req: RequestId, send_id: i64 },
    /// Cancel a machine action that has not reached a final state (the API requires a comment).
    /// Answered by `ActionUpdated` (now `Cancelled`) or `ActionFailed`.
    CancelAction {
        req: RequestId,
        action_id: String,
        comment: String,
    },
    /// Ask for the download link of a succeeded investigation package. Answered by `PackageUri`.
    GetPackageUri { req: RequestId, action_id: String },
    /// Create (or update: same value and type) an indicator. Answered by `IndicatorAdded` or
    /// `IndicatorFailed`.
    AddIndicator {
        req: RequestId,
        indicator: crate::device::NewIndicator,
    },
    /// Delete an indicator by id. Answered by `IndicatorDeleted` or `IndicatorFailed`.
    DeleteIndicator { req: RequestId, id: String },
    /// Add or remove a device tag (sent at once, audited). Answered by `DeviceTagged` with the
    /// machine as the service now has it, or `DeviceTagFailed`.
    TagDevice {
        req: RequestId,
        request: crate::device::TagRequest,
    },

    // --- Incidents and hunting (Graph security API; issue 11) ---
    /// Read the cached incidents, then fetch what changed (`full`: everything) with their
    /// alerts; answered by `IncidentsUpdated` (cache, then each page), or `IncidentsFailed`.
    LoadIncidents { req: RequestId, full: bool },
    /// Load one incident with its alerts (cache first, then the service): `IncidentLoaded`
    /// or `IncidentFailed`.
    LoadIncident { req: RequestId, id: String },
    /// Queue an incident write in the outbox (the same outbox as alert writes: committed
    /// before it is sent, sent exactly once), then send it: `WriteQueued`, then
    /// `IncidentWriteConfirmed`, `IncidentWriteFailed` or `IncidentWriteConflict`. A conflict
    /// is settled with `ResolveConflict` like an alert's.
    WriteIncident {
        req: RequestId,
        write: IncidentWrite,
    },
    /// Run a hunting query (from the store when cached, unless `refresh`): `HuntResult` or
    /// `HuntFailed`, and `HuntQuota` after every call to the service.
    RunHunt {
        req: RequestId,
        query: HuntQuery,
        refresh: bool,
    },
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
    // Operating on a rotation (issue 12, the console): handled by the terminal runtime.
    /// Write this notification (bell, OSC 9 or OSC 777) to the terminal. It is built by
    /// `mde_ops::notify` with the alert's title sanitised inside it, and only when the config's
    /// `[notify]` turned notifications on.
    Notify { sequence: String },
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
    /// When the last successful fetch started: the list is at least this fresh.
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
    // Issue 9 (the status bar tells the truth):
    /// Calls to the service that failed in a row (polls, writes, detail loads), 0 once one
    /// works: one failure is a retry (the next poll comes sooner), not an outage.
    pub consecutive_failures: u32,
    // Issue 9 (the queue tells the truth): the empty list names the window.
    /// How many days back the first fetch into an empty cache reaches (0: unknown).
    pub window_days: u32,
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
    // Issue 9 (undo): the answer to `Effect::CancelWrite`.
    /// `dropped`: the entry was removed before it was sent (nothing reached the service);
    /// otherwise `reason` says why not (already sent or being sent, confirmed, unknown).
    WriteCancelled {
        outbox_id: i64,
        dropped: bool,
        reason: String,
    },

    // --- Device response (issue 10). ---
    /// The device of a `LoadDevice` (sent again when a fresher copy arrives, when a poll of the
    /// watched device finds a change, and when one of its actions changes status).
    DeviceLoaded {
        req: RequestId,
        device: Box<crate::device::DeviceContext>,
    },
    /// The device could not be loaded (no machine on the alert, unknown machine, service down
    /// with nothing cached).
    DeviceFailed { req: RequestId, error: String },
    /// One of our sends changed: accepted by the service, or its action moved on (Pending →
    /// InProgress → Succeeded/Failed/TimeOut/Cancelled). `req` is the RunAction/RetryAction or
    /// CancelAction it answers (0 for sends resumed after a restart).
    ActionUpdated {
        req: RequestId,
        send: Box<crate::device::ActionSend>,
    },
    /// A send or a cancel failed. `send` is the failed send (None for a failed cancel, whose
    /// action id is in `action_id`); `send.can_retry()` says whether `RetryAction` is offered.
    ActionFailed {
        req: RequestId,
        send: Option<Box<crate::device::ActionSend>>,
        action_id: Option<String>,
        failure: crate::device::ActionFailure,
    },
    /// The download link of an investigation package (quotes stripped), or why there is none
    /// (404 until the collection completed; 2 calls a minute).
    PackageUri {
        req: RequestId,
        action_id: String,
        result: Result<String, String>,
    },
    /// The indicator as the service stored it.
    IndicatorAdded {
        req: RequestId,
        indicator: Box<crate::device::Indicator>,
    },
    /// The indicator was deleted.
    IndicatorDeleted { req: RequestId, id: String },
    /// An indicator could not be created or deleted (the message names the rule it broke).
    IndicatorFailed { req: RequestId, error: String },
    /// A `TagDevice` went through: the machine as the service answered it (its tags now).
    DeviceTagged {
        req: RequestId,
        machine: Box<crate::device::Machine>,
    },
    /// A `TagDevice` failed (a 403 names the permission).
    DeviceTagFailed { req: RequestId, error: String },

    // --- Incidents and hunting (Graph security API; issue 11) ---
    /// Incident rows: from the cache first, then those the service changed (upserts).
    /// `complete` means this is the whole set (a full fetch), so rows not in it are gone.
    IncidentsUpdated {
        req: RequestId,
        rows: Vec<IncidentRow>,
        complete: bool,
    },
    /// Fetching incidents failed; rows held stay.
    IncidentsFailed { req: RequestId, error: String },
    /// One incident with its alerts.
    IncidentLoaded {
        req: RequestId,
        detail: Box<IncidentDetail>,
    },
    /// The incident could not be loaded (nor found in the cache).
    IncidentFailed { req: RequestId, error: String },
    /// The service confirmed an incident write; the row is the incident as it is now, and
    /// `alerts` its cached alerts as re-read after the write (resolving an incident resolves
    /// them; owner and classification reach them too): merge them like `WriteConfirmed` rows.
    IncidentWriteConfirmed {
        outbox_id: i64,
        row: Box<IncidentRow>,
        alerts: Vec<AlertRow>,
    },
    /// An incident write failed for good; the optimistic change must be reverted.
    IncidentWriteFailed {
        outbox_id: i64,
        incident_id: String,
        reason: String,
    },
    /// The incident changed on the server since the analyst saw it.
    IncidentWriteConflict {
        outbox_id: i64,
        server: Box<IncidentRow>,
    },
    /// A hunting answer.
    HuntResult {
        req: RequestId,
        answer: Box<HuntAnswer>,
    },
    /// A hunting query gave no answer.
    HuntFailed {
        req: RequestId,
        query: HuntQuery,
        failure: HuntFailure,
    },
    /// Hunting calls used in the current window, for the status bar.
    HuntQuota(HuntQuota),
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
