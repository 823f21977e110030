//! The multi-line comment editor.

use crate::app::subject::state::Subject;
use ratatui_textarea::TextArea;

/// The multi-line comment editor.
#[derive(Debug, Clone)]
pub struct Editor {
    /// The alerts the comment goes to.
    pub alert_ids: Vec<String>,
    /// What they are, named in the title (captured when the editor opened).
    pub subject: Option<Subject>,
    /// The text area (ratatui-textarea).
    pub textarea: TextArea<'static>,
}

impl Editor {
    /// The text as one string with newlines.
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }
}
