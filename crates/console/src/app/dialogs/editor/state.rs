//! The multi-line comment editor.

use crate::app::subject::state::Subject;
use ratatui_textarea::TextArea;

/// What Ctrl-S does with the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EditorPurpose {
    /// Append it as a comment.
    #[default]
    Comment,
    /// Resolve the subject incident(s) with it as the resolving comment (issue 11; may be empty).
    Resolve,
}

/// The multi-line comment editor.
#[derive(Debug, Clone)]
pub struct Editor {
    /// The alerts the comment goes to: the keys its draft is kept under (`incident:ID` for an
    /// incident).
    pub alert_ids: Vec<String>,
    /// What they are, named in the title (captured when the editor opened).
    pub subject: Option<Subject>,
    /// The text area (ratatui-textarea).
    pub textarea: TextArea<'static>,
    /// What Ctrl-S does.
    pub purpose: EditorPurpose,
}

impl Editor {
    /// The text as one string with newlines.
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }
}
