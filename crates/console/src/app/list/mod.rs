//! The alert list: compact rows, the view and filter (the `mde_query` language) that narrow
//! them, the sort, the cursor (kept by alert id), the scroll hint, marks for bulk actions, and
//! which rows are new.

pub mod actions;
pub mod indexing;
mod lazy_index;
pub mod marks;
pub mod rows;
pub mod sort;
mod sort_keys;
pub mod state;
pub mod step;
pub mod suggest;
pub mod views;
pub mod widths;

pub use state::{ListState, RowView};
