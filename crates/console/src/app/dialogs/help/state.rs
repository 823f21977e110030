//! The `?` overlay: a search over the keymap and a scroll.

use crate::app::dialogs::line_input::LineInput;

/// The `?` overlay.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Help {
    /// Filter over key, action name and description.
    pub filter: LineInput,
    /// First line shown.
    pub scroll: usize,
}
