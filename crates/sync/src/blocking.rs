//! Runs store calls (rusqlite is synchronous) on tokio's blocking pool, off the async workers.

use super::error::SyncError;
use mde_store::{Store, StoreError};

/// Runs `f` with a handle to the store on the blocking pool.
pub async fn on_store<T, F>(store: &Store, f: F) -> Result<T, SyncError>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
{
    let store = store.clone();
    tokio::task::spawn_blocking(move || f(&store))
        .await
        .map_err(|e| SyncError::Worker(e.to_string()))?
        .map_err(SyncError::from)
}
