//! The comment editor: opening it with a saved draft, sending, and keeping the draft on Esc.

pub(crate) mod keys;
pub mod state;

pub use state::{Editor, EditorPurpose};
