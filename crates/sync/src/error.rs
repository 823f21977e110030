//! The sync layer's typed errors.

use super::api::ApiFailure;
use mde_store::StoreError;

/// What can stop a sync operation.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The local store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The service failed.
    #[error(transparent)]
    Api(#[from] ApiFailure),
    /// A blocking store call panicked or was cancelled.
    #[error("store worker stopped: {0}")]
    Worker(String),
}
