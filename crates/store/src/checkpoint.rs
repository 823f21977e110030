//! Copying the write-ahead log into the database file on a thread of its own (scale issue).
//!
//! SQLite's automatic checkpoint runs inside the commit that crosses its threshold, so the
//! writer paid for copying every page twice (perf: 18% of storing a 10k page, and storing
//! ran 60% faster without it). Here the writing connection only appends to the log; after a
//! bulk write it nudges this thread, whose own connection copies what is committed (a
//! `PASSIVE` checkpoint: it never waits for, nor blocks, the writer or a reader) while the
//! writer goes on. SQLite's own checkpoint stays as a safety net at a high threshold, for a
//! log that grows without a nudge.
//!
//! The copy waits for the writes to pause (`QUIET`): a first sync of 100k alerts commits every
//! few milliseconds for seconds, and copying its log meanwhile took the CPU the sync waited for
//! on 2 cores (full sync bench: 2.64–2.79 s with the copy beside it, 2.20–2.47 s after it). A
//! burst longer than `MAX_WAIT` is copied as it goes.

use super::error::StoreError;
use rusqlite::Connection;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Log size past which the writer checkpoints itself: 2 GB, above the 0.7 GB log a 100k first
/// sync leaves for the copy after it, so reached only when this thread falls behind or is never
/// nudged. SQLite counts it in pages, whose size depends on when the file was made.
pub(crate) const SAFETY_NET_BYTES: u64 = 2 << 30;

/// How long the writes must pause before the log is copied.
const QUIET: Duration = Duration::from_millis(200);

/// The longest a copy waits for that pause after the first write it would copy.
const MAX_WAIT: Duration = Duration::from_secs(10);

/// Size the log file is cut back to after it was emptied (it keeps its largest size otherwise).
pub(crate) const LOG_SIZE_LIMIT: u64 = 64 * 1024 * 1024;

/// The checkpointing thread of one store file; dropping it lets the thread finish and joins it.
pub(crate) struct Checkpointer {
    nudges: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
    progress: Arc<Progress>,
}

/// Nudges sent, and how many of them a finished copy covered.
#[derive(Default)]
struct Progress {
    nudged: AtomicU64,
    copied: AtomicU64,
}

impl Checkpointer {
    /// Opens a second connection to `path` and starts the thread.
    pub(crate) fn start(path: &Path) -> Result<Checkpointer, StoreError> {
        let conn = Connection::open(path)?;
        let (nudges, wake) = mpsc::channel::<()>();
        let progress = Arc::new(Progress::default());
        let seen = Arc::clone(&progress);
        let thread = std::thread::Builder::new()
            .name("mde-store-checkpoint".into())
            .spawn(move || run(&conn, &wake, &seen))?;
        Ok(Checkpointer {
            nudges: Some(nudges),
            thread: Some(thread),
            progress,
        })
    }

    /// True while committed bulk writes wait to be copied into the file: closing the store now
    /// waits for that copy.
    pub(crate) fn behind(&self) -> bool {
        let p = &self.progress;
        p.nudged.load(Ordering::Acquire) > p.copied.load(Ordering::Acquire)
    }

    /// Asks for a checkpoint of what is committed; nudges that arrive while one runs make one more.
    pub(crate) fn nudge(&self) {
        if let Some(n) = &self.nudges {
            self.progress.nudged.fetch_add(1, Ordering::AcqRel);
            // The thread only stops when this handle is dropped.
            let _ = n.send(());
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        // Closing the channel ends the thread; its connection, the file's last, checkpoints on close.
        self.nudges = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(conn: &Connection, wake: &mpsc::Receiver<()>, progress: &Progress) {
    while wake.recv().is_ok() {
        let first = Instant::now();
        while let Some(wait) = wait_left(first, Instant::now()) {
            match wake.recv_timeout(wait) {
                Ok(()) => {}
                Err(RecvTimeoutError::Timeout) => break,
                // Closing: the connection, the file's last, copies the rest as it closes.
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        // What this copy covers: every nudge sent before it starts.
        let covers = progress.nudged.load(Ordering::Acquire);
        // A failed checkpoint loses nothing (the log holds the pages); the next nudge tries again.
        let frames = |r: &rusqlite::Row<'_>| Ok((r.get::<_, i64>(1)?, r.get::<_, i64>(2)?));
        match conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], frames) {
            // Every frame of the log copied (a reader on an older snapshot can hold some back).
            Ok((log, done)) if log == done => {
                progress.copied.fetch_max(covers, Ordering::AcqRel);
            }
            Ok(_) => {}
            Err(e) => tracing::debug!(error = %e, "background checkpoint failed"),
        }
    }
}

/// How long to wait for a further nudge (each one restarts the quiet period), `first` being
/// the first nudge not yet copied; `None` when the copy is due regardless.
fn wait_left(first: Instant, now: Instant) -> Option<Duration> {
    let left = MAX_WAIT.checked_sub(now.saturating_duration_since(first))?;
    (!left.is_zero()).then(|| left.min(QUIET))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_waits_for_a_pause_but_not_past_the_longest_wait() {
        let t = Instant::now();
        assert_eq!(wait_left(t, t), Some(QUIET));
        assert_eq!(wait_left(t, t + MAX_WAIT / 2), Some(QUIET));
        let near = MAX_WAIT - Duration::from_millis(5);
        assert_eq!(wait_left(t, t + near), Some(Duration::from_millis(5)));
        assert_eq!(wait_left(t, t + MAX_WAIT), None);
        assert_eq!(wait_left(t, t + MAX_WAIT * 2), None);
    }
}
