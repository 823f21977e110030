//! The open alert: its properties, evidence tree and comments, loaded on demand by request id.

pub mod actions;
pub mod evidence;
pub mod state;

pub use state::{DetailLoad, DetailState};
