//! The evidence tree of the open alert: its nodes and cursor (`tree`), how it is built from the
//! alert's evidence (`build`), and the labels and full text of each item (`text`).

pub mod build;
pub mod text;
pub mod tree;

pub use text::{evidence_full_text, evidence_label};
pub use tree::{EvidenceTree, NodeKind, TreeNode};
