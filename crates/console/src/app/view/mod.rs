//! How the console is shown: which pane has the focus or the whole screen, UTC or local time,
//! defanging. The settings sit at the root of `State` because every pane reads them; this
//! feature holds their types and the actions that change them.

pub mod actions;
pub mod state;

pub use state::{Pane, TimeMode};
