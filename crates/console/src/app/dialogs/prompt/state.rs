//! A one-line prompt: the `/` filter, "assign to…" and the `:` palette share it.

use crate::app::dialogs::line_input::LineInput;

/// What a one-line input is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// The `/` filter (applied live).
    Filter,
    /// The owner for "assign to…".
    AssignTo,
    /// The `:` command palette.
    Palette,
}

/// A one-line input with optional suggestions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Purpose.
    pub kind: InputKind,
    /// The text being edited.
    pub line: LineInput,
    /// For the filter: the text before editing began, restored by Esc.
    pub original: String,
    /// Suggestions (recent owners; palette matches are computed from the keymap).
    pub suggestions: Vec<String>,
    /// Highlighted suggestion or palette entry.
    pub selected: usize,
}

impl Input {
    /// An empty prompt of a kind.
    pub fn new(kind: InputKind) -> Input {
        Input {
            kind,
            line: LineInput::default(),
            original: String::new(),
            suggestions: Vec::new(),
            selected: 0,
        }
    }
}
