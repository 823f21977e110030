//! The `Store` handle: opening (and migrating) one profile's file, and the one connection its
//! calls share.

use super::error::StoreError;
use super::schema;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// A handle to one profile's store.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
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
        Self::prepared(Connection::open(path)?)
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
        })
    }

    /// The connection; a panic in another holder does not make the data unusable, so poison is ignored.
    pub(crate) fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }
}
