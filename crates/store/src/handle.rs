//! The `Store` handle: opening (and migrating) one profile's file, and the one connection its
//! calls share.

use super::checkpoint::{Checkpointer, LOG_SIZE_LIMIT, SAFETY_NET_BYTES};
use super::error::StoreError;
use super::schema;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// A handle to one profile's store.
#[derive(Clone)]
pub struct Store {
    // Declared first so it closes first: the checkpointer's connection, the file's last, then
    // copies the rest of the log on close.
    conn: Arc<Mutex<Connection>>,
    /// A file's background checkpoints (none in memory).
    checkpoints: Option<Arc<Checkpointer>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) the store file at `path` and migrates its schema.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir)?;
        }
        let mut store = Self::prepared(Connection::open(path)?)?;
        {
            let conn = store.lock();
            let page: u64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
            let pages = SAFETY_NET_BYTES / page.max(512);
            conn.execute_batch(&format!(
                "PRAGMA wal_autocheckpoint={pages}; PRAGMA journal_size_limit={LOG_SIZE_LIMIT};"
            ))?;
        }
        store.checkpoints = Some(Arc::new(Checkpointer::start(path)?));
        Ok(store)
    }

    /// A store in a throwaway file (an offline export's copy, deleted when the session ends):
    /// no write-ahead log and no syncs, so nothing is written twice and closing copies
    /// nothing. A crash loses only what the export itself still holds.
    pub fn open_scratch(path: &Path) -> Result<Store, StoreError> {
        let store = Self::prepared(Connection::open(path)?)?;
        {
            let conn = store.lock();
            let _mode: String = conn.query_row("PRAGMA journal_mode=MEMORY", [], |r| r.get(0))?;
            conn.execute_batch("PRAGMA synchronous=OFF;")?;
        }
        Ok(store)
    }

    /// A private in-memory store, for tests.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Self::prepared(Connection::open_in_memory()?)
    }

    /// The store file of a profile in the XDG data directory (`…/mde-triage/<profile>.sqlite3`).
    pub fn default_path(profile: &str) -> Result<PathBuf, StoreError> {
        let valid = !profile.is_empty()
            && !profile.starts_with('.')
            && profile.len() <= 64
            && profile
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !valid {
            return Err(StoreError::BadProfile(profile.chars().take(80).collect()));
        }
        let dirs =
            directories::ProjectDirs::from("", "", "mde-triage").ok_or(StoreError::NoDataDir)?;
        Ok(dirs.data_dir().join(format!("{profile}.sqlite3")))
    }

    fn prepared(mut conn: Connection) -> Result<Store, StoreError> {
        schema::prepare(&mut conn)?;
        Ok(Store {
            conn: Arc::new(Mutex::new(conn)),
            checkpoints: None,
        })
    }

    /// A bulk write was committed: its pages are copied into the file in the background.
    pub(crate) fn wrote(&self) {
        if let Some(c) = &self.checkpoints {
            c.nudge();
        }
    }

    /// True while bulk writes wait to be copied from the log into the file (after a large
    /// sync, for a few seconds): closing the last handle now waits for the copy.
    pub fn copy_pending(&self) -> bool {
        self.checkpoints.as_ref().is_some_and(|c| c.behind())
    }

    /// The connection; a panic in another holder does not make the data unusable, so poison is ignored.
    pub(crate) fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }
}
