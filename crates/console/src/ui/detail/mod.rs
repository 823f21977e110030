//! The open alert's panes: properties (with MITRE techniques), the evidence tree, comments.

pub mod comments;
pub mod evidence;
pub mod mitre;
pub mod properties;
