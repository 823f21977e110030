//! Triage: the writes on their way (shown at once, with a pending marker), comment drafts and
//! the owners offered by "assign to…"; the actions that make writes and the answers about them.

pub mod actions;
pub mod history;
pub mod outcomes;
pub mod state;
pub(crate) mod undo;
pub mod write;

pub use state::Triage;
pub use write::Pending;
