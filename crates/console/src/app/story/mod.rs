//! The process story (issue 11): for an endpoint alert, `P` asks advanced hunting for every
//! process created on its device within an hour of its activity and shows the tree around the
//! alert's evidence processes — their ancestors and their children — with the network and file
//! events of the process under the cursor. Queries are built by the model from validated values
//! only (the 40-hex machine id, integer pids, re-formatted times); answers come from the store
//! when cached; an alert older than hunting keeps says so instead of showing an empty tree.
//!
//! `state.rs` and `lines.rs` never import the root `State`; `actions.rs` and `feed.rs` do.

pub(crate) mod actions;
pub(crate) mod feed;
pub mod lines;
pub mod state;

pub use state::{EventKind, EventsLoad, Story, StoryLoad, StoryState};
