//! The scrollable full-text viewer and its search.

use crate::app::dialogs::line_input::LineInput;

/// A scrollable full-text view (long command line, raw JSON, portal link, sign-in code).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Viewer {
    /// Title.
    pub title: String,
    /// Raw text; the UI sanitises it.
    pub text: String,
    /// First line shown.
    pub scroll: usize,
    /// Search within the value (`/`); empty = none.
    pub search: LineInput,
    /// The search is being typed (keys go to it).
    pub searching: bool,
    /// Which match is current (`n`/`N`); the UI wraps it by the number of matches, which only it
    /// can count because it searches the text as displayed.
    pub current_match: i64,
    /// A line shown above the key hints (why the value is shown, e.g. inside tmux).
    pub note: Option<String>,
}

impl Viewer {
    /// A viewer of `text` at its top, with no search.
    pub fn new(title: impl Into<String>, text: impl Into<String>) -> Self {
        Viewer {
            title: title.into(),
            text: text.into(),
            ..Viewer::default()
        }
    }
}
