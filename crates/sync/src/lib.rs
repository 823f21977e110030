//! The sync task: owns client and store, turns `Effect`s into `Msg`s, polls within the rate limit,
//! and sends the outbox.

mod api;
mod backoff;
mod blocking;
mod budget;
mod cancel;
mod config;
mod delivery;
mod detail;
mod devices;
mod drain;
mod error;
// `alerts watch` (issue 14): new and changed alerts, delivered once.
mod feed;
mod graph_api;
mod graph_client;
mod hunts;
mod incident_sender;
mod incidents;
mod mde_client;
mod outbox_loop;
mod outbox_sender;
mod poller;
mod status;
mod task;
// Scale issue: a warm start sends the first screen first.
mod warm_start;

pub use api::{AlertsApi, ApiFailure, Selection};
pub use config::SyncConfig;
pub use delivery::{Sent, already_applied};
pub use devices::deliver::{
    Delivered, RetryPlan, begin as begin_action, deliver as deliver_action, plan_retry,
};
pub use devices::lookup::{Purpose, pick};
pub use devices::{DevicesApi, SendError};
pub use drain::{DrainReport, drain_outbox, drain_outbox_graph, drain_outbox_with};
pub use error::SyncError;
pub use feed::{ChangeFeed, ChangeKind, FeedItem};
pub use graph_api::{GraphApi, GraphFuture};
pub use hunts::cache_key as hunt_cache_key;
pub use incidents::NO_GRAPH;
pub use outbox_sender::{OutboxSender, Outcome};
pub use poller::FetchSummary;
pub use task::{spawn, spawn_with_graph};
