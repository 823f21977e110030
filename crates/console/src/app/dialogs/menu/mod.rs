//! Pick-one menus: the generic menu (`state`, `keys`) and the menus built on it.

pub(crate) mod classify;
pub(crate) mod keys;
pub(crate) mod sort;
pub mod state;
pub mod status;
pub(crate) mod views;
pub(crate) mod yank;

pub use state::{MENU_FOOTER, Menu, MenuItem, MenuKind, MenuValue};
