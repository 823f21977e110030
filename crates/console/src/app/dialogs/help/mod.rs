//! The `?` overlay over the keymap.

pub(crate) mod keys;
pub mod state;

pub use state::Help;
