//! Pick-one menus: the generic menu (`state`, `keys`) and the menus built on it.

pub(crate) mod classify;
pub(crate) mod keys;
pub(crate) mod sort;
pub mod state;
pub(crate) mod status;
pub(crate) mod yank;

pub use state::{Menu, MenuItem, MenuValue};
