//! The incidents view (issue 11): the Graph incident queue beside the alert list. `I` toggles
//! between them; an incident expands to its alerts (Enter on one opens it as usual); `i` jumps
//! from an alert to its incident; a whole incident is triaged through the same dialogs and the
//! same one-subject rule as alerts, its writes going through the outbox (`Effect::WriteIncident`).
//!
//! `state.rs` (and the pure `view.rs`, `filter.rs`, `sort.rs`, `pending.rs` it uses) never
//! imports the root `State`; `keys.rs`, `feed.rs`, `triage.rs`, `jump.rs`, `menus.rs`,
//! `subject.rs` and `conflict.rs` change it.

pub mod conflict;
pub(crate) mod feed;
pub mod filter;
pub(crate) mod jump;
pub(crate) mod keys;
pub(crate) mod menus;
pub mod pending;
pub mod sort;
pub mod state;
pub(crate) mod subject;
pub(crate) mod triage;
pub(crate) mod undo;
pub mod view;

pub use state::{IncLine, IncidentLoad, IncidentsState, Scope, Sel};
