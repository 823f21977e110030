//! The link to the sync task as the analyst sees it: connection status, live updates paused or
//! not, the last refresh error, the device-code sign-in prompt, and which refresh answers are
//! still current.

pub(crate) mod actions;
pub mod state;

pub use state::Connection;
