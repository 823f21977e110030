//! The local SQLite store: alert cache, outbox of triage writes, comment drafts, audit log.
//!
//! One file per tenant profile. `Store` is a cheap handle (`Clone`) to one connection guarded by a
//! mutex; its calls block, so async code runs them on `spawn_blocking`.

mod audit;
mod cache;
mod drafts;
mod error;
mod handle;
mod lease;
mod outbox;
mod schema;
mod ticks;
// `alerts watch` (issue 14): each feed's saved position.
mod watch;

pub use audit::AuditEntry;
pub use error::StoreError;
pub use handle::Store;
pub use lease::lease_owner;
pub use outbox::{OutboxCounts, OutboxEntry, OutboxState};
pub use schema::SCHEMA_VERSION;
pub use watch::WatchPosition;

#[cfg(test)]
mod tests;
