//! What the detail pane holds: the alert shown, its load state and the request that fills it,
//! the evidence tree, and the scroll of the properties and comments panes.

use super::evidence::tree::EvidenceTree;
use mde_model::protocol::{AlertDetail, RequestId};

/// Loading state of the detail pane.
#[derive(Debug, Clone, PartialEq)]
pub enum DetailLoad {
    /// Nothing asked.
    Idle,
    /// Waiting for this request.
    Loading,
    /// Loaded.
    Loaded(Box<AlertDetail>),
    /// Failed; existing data stays elsewhere.
    Failed(String),
}

/// The detail pane.
#[derive(Debug, Clone, PartialEq)]
pub struct DetailState {
    /// The alert shown (or being loaded).
    pub alert_id: String,
    /// The request whose answer is shown; answers to any other request are stale.
    pub req: RequestId,
    /// Load state.
    pub load: DetailLoad,
    /// The evidence tree (empty until loaded).
    pub tree: EvidenceTree,
    /// Scroll of the properties pane.
    pub scroll: usize,
    /// Scroll of the comments pane.
    pub comments_scroll: usize,
}

impl DetailState {
    /// The pane for an alert whose detail was just asked for with `req`.
    pub fn loading(alert_id: String, req: RequestId) -> DetailState {
        DetailState {
            alert_id,
            req,
            load: DetailLoad::Loading,
            tree: EvidenceTree::default(),
            scroll: 0,
            comments_scroll: 0,
        }
    }

    /// The loaded detail, if it is loaded.
    pub fn loaded(&self) -> Option<&AlertDetail> {
        match &self.load {
            DetailLoad::Loaded(d) => Some(d),
            _ => None,
        }
    }
}
