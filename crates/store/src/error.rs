//! The store's typed errors.

/// Anything that can go wrong reading or writing the local store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused the operation.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored JSON document could not be (de)serialised.
    #[error("stored JSON is unreadable: {0}")]
    Json(#[from] serde_json::Error),
    /// Creating the data directory failed.
    #[error("cannot create the data directory: {0}")]
    Io(#[from] std::io::Error),
    /// No home or XDG data directory could be determined.
    #[error("no data directory could be determined for this user")]
    NoDataDir,
    /// A profile name that cannot be a file name.
    #[error("invalid profile name {0:?}: use letters, digits, '-', '_' or '.'")]
    BadProfile(String),
    /// The database was written by a newer version of this program.
    #[error("store schema version {found} is newer than this program understands ({supported})")]
    NewerSchema {
        /// Version in the file.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
    /// A stored row holds a value this build cannot interpret.
    #[error("corrupt store row: {0}")]
    Corrupt(String),
    /// No outbox entry with that id.
    #[error("no outbox entry {0}")]
    NoSuchEntry(i64),
}
