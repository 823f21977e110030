//! The local SQLite store: alert cache, outbox of triage writes, comment drafts, audit log.
//!
//! One file per tenant profile. `Store` is a cheap handle (`Clone`) to one connection guarded by a
//! mutex; its calls block, so async code runs them on `spawn_blocking`.

mod alert_key;
mod audit;
mod cache;
mod checkpoint;
mod devices;
mod drafts;
mod error;
mod handle;
mod hunts;
mod incidents;
mod lease;
mod outbox;
mod rows_read;
mod schema;
mod search_index;
mod ticks;
// `alerts watch` (issue 14): each feed's saved position.
mod watch;

pub use audit::AuditEntry;
pub use devices::CachedMachine;
pub use error::StoreError;
pub use handle::Store;
pub use lease::lease_owner;
pub use outbox::{OutboxCounts, OutboxEntry, OutboxState};
pub use schema::SCHEMA_VERSION;
pub use watch::WatchPosition;

#[cfg(test)]
mod alert_key_tests;
#[cfg(test)]
mod devices_tests;
#[cfg(test)]
mod incident_tests;
#[cfg(test)]
mod rows_read_tests;
#[cfg(test)]
mod tests;
