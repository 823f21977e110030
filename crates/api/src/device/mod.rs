//! The device side of the MDE API: machines, machine actions, indicators, and the permissions a
//! token carries. Same transport, retry and rate rules as the alerts; response actions are sent
//! at most once per call (a lost answer comes back as `ActionError::AnswerLost`, for the caller
//! to look the action up before it ever sends it again).

pub mod action_error;
pub mod actions;
pub mod indicators;
pub mod machines;
pub mod permissions;
pub mod query;

pub use action_error::{ActionError, missing_permission};
pub use permissions::permissions_from_jwt;
pub use query::EntityQuery;
