//! The conflict prompt: overwrite the server's change, or discard mine.

pub(crate) mod keys;
pub mod state;

pub use state::ConflictPrompt;
