//! Operating the console on a rotation (issue 12): the config's settings applied (key remap,
//! theme, saved views, SLA targets, notifications), profile switching, offline files, export and
//! the shift handoff. `state.rs` and `views.rs` are the feature's state and the pure view table
//! it builds; the other files are its handlers.

pub mod complete;
pub(crate) mod derived;
pub mod files;
pub mod handoff;
pub mod notify;
pub mod profiles;
pub mod sla;
pub mod state;
pub mod views;
pub mod window;

pub use state::{Rotation, SlaCache};
