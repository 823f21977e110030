//! One-line prompts: the generic input (`state`, `keys`) and the prompts built on it.

pub mod assign;
pub(crate) mod filter;
pub(crate) mod keys;
pub mod palette;
pub mod state;

pub use state::{Input, InputKind};
