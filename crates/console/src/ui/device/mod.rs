//! The device panel (issue 10): `content` builds its lines, `panel` draws them in their pane.

pub mod content;
pub mod panel;
