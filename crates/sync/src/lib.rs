//! The sync task: owns client and store, turns `Effect`s into `Msg`s, polls within the rate limit,
//! and sends the outbox.

mod api;
mod backoff;
mod blocking;
mod budget;
mod config;
mod delivery;
mod detail;
mod drain;
mod error;
// `alerts watch` (issue 14): new and changed alerts, delivered once.
mod feed;
mod mde_client;
mod outbox_loop;
mod outbox_sender;
mod poller;
mod status;
mod task;

pub use api::{AlertsApi, ApiFailure};
pub use config::SyncConfig;
pub use delivery::{Sent, already_applied};
pub use drain::{DrainReport, drain_outbox, drain_outbox_with};
pub use error::SyncError;
pub use feed::{ChangeFeed, ChangeKind, FeedItem};
pub use outbox_sender::{OutboxSender, Outcome};
pub use poller::FetchSummary;
pub use task::spawn;
