//! The full-value viewer and the dialogs that open it: raw JSON and the portal link.

pub(crate) mod keys;
pub mod portal;
pub(crate) mod raw_json;
pub mod state;

pub use state::Viewer;
