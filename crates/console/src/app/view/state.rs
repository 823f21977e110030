//! The panes that can have the focus, and how times are shown.

use chrono::FixedOffset;

/// How times are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeMode {
    /// UTC with `Z`.
    Utc,
    /// Local time with this offset shown.
    Local(FixedOffset),
}

/// A pane that can have the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// The alert list.
    List,
    /// Alert properties.
    Detail,
    /// The evidence tree.
    Evidence,
    /// Comments.
    Comments,
    // Issue 10: the device panel (in the Tab order only while it is open).
    /// The device of the detail's alert.
    Device,
}

impl Pane {
    /// Tab order.
    pub const ORDER: [Pane; 4] = [Pane::List, Pane::Detail, Pane::Evidence, Pane::Comments];
}
