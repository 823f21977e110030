//! `e`: export the filtered view (issue 12) — exactly its rows, in its order, to a CSV or JSON
//! file the runtime writes through the one export writer (`mde_ops::export`, as `alerts list
//! --csv/--json`). The dialog asks for the format and the path, with a default path.

pub mod keys;
pub mod state;

pub use state::ExportDialog;
