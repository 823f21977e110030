//! `--file FILE`: an offline export as the console's data source, in place of the sync task.
//! The loader runs on a blocking thread and hands over batches (a small first one, so the first
//! screen comes up at once); they go into a scratch store (so opening an alert reads it the
//! same way as online) and on to the console as `CacheLoaded` then `AlertsUpdated`, with a
//! `FileProgress` after each. Read-only: every write effect is refused with a clear message.

use mde_model::ParsedAlert;
use mde_model::protocol::{AlertDetail, Effect, FileProgress, Msg, RequestId, SyncStatus};
use mde_offline::{FileLoader, LoadEvent, Progress, SkippedRecord};
use mde_store::Store;
use std::path::PathBuf;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// Alerts in the first batch: enough for a screen, quick to parse.
const FIRST_BATCH: usize = 200;
/// Alerts in each later batch.
const BATCH: usize = 5_000;
/// Skipped records named one by one in the summary; the rest are counted (all go to the log).
const NAMED_SKIPS: usize = 5;

/// What the loader thread hands the source.
enum Batch {
    Alerts(Vec<ParsedAlert>, Progress),
    Skipped(SkippedRecord),
    Failed(String),
    Done(Progress),
}

/// A running file source.
pub struct FileSession {
    /// The scratch store the file is loaded into.
    pub store: Store,
    /// The file.
    pub path: PathBuf,
    effects: mpsc::Sender<Effect>,
    task: JoinHandle<()>,
}

impl FileSession {
    /// Starts the source; nothing is read before the console's `Start`.
    pub fn start(
        path: PathBuf,
        store: Store,
        key: u64,
        inbox: mpsc::Sender<(u64, Msg)>,
    ) -> FileSession {
        let (effects, rx) = mpsc::channel(256);
        let task = tokio::spawn(run(path.clone(), store.clone(), rx, key, inbox));
        FileSession {
            store,
            path,
            effects,
            task,
        }
    }

    /// Passes an effect on; false when the source has ended.
    pub async fn send(&self, effect: Effect) -> bool {
        self.effects.send(effect).await.is_ok()
    }

    /// Stops the source.
    pub async fn stop(self) {
        drop(self.effects);
        self.task.abort();
        let _ = self.task.await;
    }
}

/// The message for any write in file mode.
pub fn read_only_reason(path: &std::path::Path) -> String {
    format!(
        "read-only: {} is an offline file; nothing is sent to the service",
        path.display()
    )
}

/// Why an offline file cannot show a `what` (device, incident): an export carries alerts only.
fn offline_reason(path: &std::path::Path, what: &str) -> String {
    format!(
        "{} is an offline file of alerts: it has no {what} data",
        path.display()
    )
}

async fn run(
    path: PathBuf,
    store: Store,
    mut effects: mpsc::Receiver<Effect>,
    key: u64,
    out: mpsc::Sender<(u64, Msg)>,
) {
    let send = |m: Msg| {
        let out = out.clone();
        async move { out.send((key, m)).await.is_ok() }
    };
    let mut batches: Option<mpsc::Receiver<Batch>> = None;
    let mut start_req: Option<RequestId> = None;
    let mut first_sent = false;
    let mut skipped: Vec<SkippedRecord> = Vec::new();
    let mut skipped_total = 0u64;
    loop {
        tokio::select! {
            effect = effects.recv() => {
                let Some(effect) = effect else { break };
                match effect {
                    Effect::Start { req } => {
                        start_req = Some(req);
                        if batches.is_none() {
                            batches = Some(spawn_loader(path.clone()));
                        }
                    }
                    Effect::Refresh { req, .. } => {
                        // Nothing to fetch: answer so the console's refresh completes.
                        send(Msg::AlertsUpdated { req, rows: Vec::new(), complete: false }).await;
                    }
                    Effect::LoadDetail { req, alert_id } => {
                        let s = store.clone();
                        let found = tokio::task::spawn_blocking(move || s.get(&alert_id).map(|a| (alert_id, a))).await;
                        let msg = match found {
                            Ok(Ok((_, Some(p)))) => Msg::DetailLoaded {
                                req,
                                detail: Box::new(AlertDetail { alert: p.alert, raw: p.raw, draft: None }),
                            },
                            Ok(Ok((id, None))) => Msg::DetailFailed { req, error: format!("alert {id} is not in the file") },
                            Ok(Err(e)) => Msg::DetailFailed { req, error: e.to_string() },
                            Err(e) => Msg::DetailFailed { req, error: e.to_string() },
                        };
                        send(msg).await;
                    }
                    Effect::Write { write, .. } => {
                        send(Msg::WriteFailed { outbox_id: 0, alert_ids: write.alert_ids, reason: read_only_reason(&path) }).await;
                    }
                    Effect::ResolveConflict { .. } | Effect::RetryOutbox => {
                        send(Msg::Warning(read_only_reason(&path))).await;
                    }
                    Effect::SetPolling { paused } => {
                        send(Msg::Sync(SyncStatus { paused, ..SyncStatus::default() })).await;
                    }
                    Effect::CancelWrite { outbox_id } => {
                        send(Msg::WriteCancelled { outbox_id, dropped: false, reason: read_only_reason(&path) }).await;
                    }
                    // An export holds alerts only: no device, no incidents, no hunting, no actions.
                    Effect::LoadDevice { req, .. } => {
                        send(Msg::DeviceFailed { req, error: offline_reason(&path, "device") }).await;
                    }
                    Effect::LoadIncidents { req, .. } => {
                        send(Msg::IncidentsFailed { req, error: offline_reason(&path, "incident") }).await;
                    }
                    Effect::LoadIncident { req, .. } => {
                        send(Msg::IncidentFailed { req, error: offline_reason(&path, "incident") }).await;
                    }
                    Effect::RunAction { .. } | Effect::RetryAction { .. } | Effect::CancelAction { .. }
                    | Effect::GetPackageUri { .. } | Effect::AddIndicator { .. }
                    | Effect::DeleteIndicator { .. } | Effect::WriteIncident { .. }
                    | Effect::RunHunt { .. } | Effect::TagDevice { .. } => {
                        send(Msg::Warning(read_only_reason(&path))).await;
                    }
                    // Drafts of an offline file have nowhere to go; the rest is the router's.
                    Effect::SaveDraft { .. } | Effect::Clipboard { .. } | Effect::Notify { .. } | Effect::Quit
                    | Effect::UnwatchDevice
                    | Effect::SwitchProfile { .. } | Effect::Export { .. } | Effect::Handoff { .. } => {}
                }
            }
            batch = next_batch(&mut batches) => {
                let Some(batch) = batch else {
                    batches = None;
                    continue;
                };
                let req = start_req.unwrap_or_default();
                match batch {
                    Batch::Alerts(alerts, progress) => {
                        let s = store.clone();
                        let rows = match tokio::task::spawn_blocking(move || s.upsert_alerts(&alerts)).await {
                            Ok(Ok(rows)) => rows,
                            Ok(Err(e)) => { send(Msg::Warning(format!("offline file: {e}"))).await; Vec::new() }
                            Err(e) => { send(Msg::Warning(format!("offline file: {e}"))).await; Vec::new() }
                        };
                        let msg = if first_sent {
                            Msg::AlertsUpdated { req, rows, complete: false }
                        } else {
                            first_sent = true;
                            Msg::CacheLoaded { req, rows }
                        };
                        send(msg).await;
                        send(Msg::FileProgress(progress_msg(progress))).await;
                    }
                    Batch::Skipped(s) => {
                        tracing::warn!(position = %s.position, id = ?s.id, reason = %s.reason, "offline file: record skipped");
                        skipped_total += 1;
                        if skipped.len() < NAMED_SKIPS {
                            skipped.push(s);
                        }
                    }
                    Batch::Failed(e) => {
                        send(Msg::Warning(format!("offline file {}: {e}", path.display()))).await;
                    }
                    Batch::Done(progress) => {
                        if !first_sent {
                            first_sent = true;
                            send(Msg::CacheLoaded { req, rows: Vec::new() }).await;
                        }
                        if skipped_total > 0 {
                            send(Msg::Warning(skip_summary(&skipped, skipped_total))).await;
                        }
                        send(Msg::FileProgress(progress_msg(progress))).await;
                    }
                }
            }
        }
    }
}

async fn next_batch(rx: &mut Option<mpsc::Receiver<Batch>>) -> Option<Batch> {
    match rx {
        Some(rx) => rx.recv().await,
        None => std::future::pending().await,
    }
}

/// One line naming the first skipped records by position.
pub fn skip_summary(named: &[SkippedRecord], total: u64) -> String {
    let mut s = format!("{total} malformed record(s) skipped, the rest loaded: ");
    let parts: Vec<String> = named
        .iter()
        .map(|r| match &r.id {
            Some(id) => format!("{} id {id}: {}", r.position, r.reason),
            None => format!("{}: {}", r.position, r.reason),
        })
        .collect();
    s.push_str(&parts.join("; "));
    if total > named.len() as u64 {
        s.push_str(&format!(
            "; and {} more (see the log)",
            total - named.len() as u64
        ));
    }
    s
}

fn progress_msg(p: Progress) -> FileProgress {
    FileProgress {
        bytes_read: p.bytes_read,
        bytes_total: p.bytes_total,
        alerts: p.alerts,
        skipped: p.skipped,
        done: p.done,
    }
}

/// Runs the loader on a blocking thread, batching its alerts.
fn spawn_loader(path: PathBuf) -> mpsc::Receiver<Batch> {
    let (tx, rx) = mpsc::channel(8);
    tokio::task::spawn_blocking(move || {
        let mut loader = match FileLoader::open(&path) {
            Ok(l) => l,
            Err(e) => {
                let _ = tx.blocking_send(Batch::Failed(e.to_string()));
                let _ = tx.blocking_send(Batch::Done(Progress::default()));
                return;
            }
        };
        let mut batch = Vec::with_capacity(FIRST_BATCH);
        let mut limit = FIRST_BATCH;
        while let Some(event) = loader.next() {
            let sent = match event {
                Ok(LoadEvent::Alert(a)) => {
                    batch.push(*a);
                    if batch.len() >= limit {
                        limit = BATCH;
                        tx.blocking_send(Batch::Alerts(
                            std::mem::take(&mut batch),
                            loader.progress(),
                        ))
                        .is_ok()
                    } else {
                        true
                    }
                }
                Ok(LoadEvent::Skipped(s)) => tx.blocking_send(Batch::Skipped(s)).is_ok(),
                Err(e) => tx.blocking_send(Batch::Failed(e.to_string())).is_ok(),
            };
            if !sent {
                return;
            }
        }
        let progress = loader.progress();
        if !batch.is_empty() {
            let _ = tx.blocking_send(Batch::Alerts(batch, progress));
        }
        let _ = tx.blocking_send(Batch::Done(progress));
    });
    rx
}
