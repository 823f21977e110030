//! The alert list: compact rows, the filter and sort that make the view, the cursor (kept by
//! alert id), the scroll hint, marks for bulk actions, and which rows are new.

pub mod actions;
pub mod filter;
pub mod marks;
pub mod rows;
pub mod sort;
pub mod state;

pub use state::{ListState, RowView};
