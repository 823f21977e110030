//! All console state and the one function that changes it. No I/O here.

pub mod action;
mod bindings;
pub mod dialog;
mod evidence_build;
mod evidence_text;
pub mod evidence_tree;
pub mod filter;
mod key_help;
pub mod keymap;
pub mod line_input;
pub mod marks;
pub mod palette;
pub mod rows;
pub mod sort;
pub mod state;
pub mod triage;
mod update;
mod update_dialog;
mod update_list;
mod update_sync;
mod update_triage;
mod update_view;

pub use action::{Action, QuickView};
pub use keymap::{BINDINGS, Mode, action_for};
pub use state::{AppConfig, Pane, State, TimeMode};
pub use update::{AppMsg, update};
pub use update_dialog::owner_suggestions;
pub use update_view::portal_url;
