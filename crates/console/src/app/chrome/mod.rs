//! What surrounds the panes: transient messages (toasts). The status bar and the hint bar have
//! no state of their own; `ui::chrome` draws them from the other features' state.

pub mod toasts;

pub use toasts::{Level, Toast, Toasts};
