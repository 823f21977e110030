//! The confirmation of a write to several alerts.

pub(crate) mod keys;
pub mod state;

pub use state::Confirm;
