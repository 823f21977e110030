//! Copying the write-ahead log into the database file on a thread of its own (scale issue).
//!
//! SQLite's automatic checkpoint runs inside the commit that crosses its threshold, so the
//! writer paid for copying every page twice (perf: 18% of storing a 10k page, and storing
//! ran 60% faster without it). Here the writing connection only appends to the log; after a
//! bulk write it nudges this thread, whose own connection copies what is committed (a
//! `PASSIVE` checkpoint: it never waits for, nor blocks, the writer or a reader) while the
//! writer goes on. SQLite's own checkpoint stays as a safety net at a high threshold, for a
//! log that grows without a nudge.

use super::error::StoreError;
use rusqlite::Connection;
use std::path::Path;
use std::sync::mpsc;
use std::thread::JoinHandle;

/// Log pages (16 kB each) past which the writer checkpoints itself: 256 MB, reached only
/// when this thread falls behind or is never nudged.
pub(crate) const SAFETY_NET_PAGES: u32 = 16_384;

/// Size the log file is cut back to after it was emptied (it keeps its largest size otherwise).
pub(crate) const LOG_SIZE_LIMIT: u64 = 64 * 1024 * 1024;

/// The checkpointing thread of one store file; dropping it lets the thread finish and joins it.
pub(crate) struct Checkpointer {
    nudges: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Opens a second connection to `path` and starts the thread.
    pub(crate) fn start(path: &Path) -> Result<Checkpointer, StoreError> {
        let conn = Connection::open(path)?;
        let (nudges, wake) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("mde-store-checkpoint".into())
            .spawn(move || run(&conn, &wake))?;
        Ok(Checkpointer {
            nudges: Some(nudges),
            thread: Some(thread),
        })
    }

    /// Asks for a checkpoint of what is committed; nudges that arrive while one runs make one more.
    pub(crate) fn nudge(&self) {
        if let Some(n) = &self.nudges {
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

fn run(conn: &Connection, wake: &mpsc::Receiver<()>) {
    while wake.recv().is_ok() {
        while wake.try_recv().is_ok() {}
        // A failed checkpoint loses nothing (the log holds the pages); the next nudge tries again.
        if let Err(e) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
            tracing::debug!(error = %e, "background checkpoint failed");
        }
    }
}
