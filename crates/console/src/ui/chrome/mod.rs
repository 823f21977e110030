//! What surrounds the panes: the status bar, the hint bar, the pane tabs of narrow screens and
//! the device-code sign-in box.

pub mod hints;
pub mod sign_in;
pub mod status;
pub mod tabs;
