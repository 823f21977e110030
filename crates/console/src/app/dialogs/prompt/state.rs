//! A one-line prompt: the `/` filter, "assign to…" and the `:` palette share it.

use crate::app::device::state::TagTarget;
use crate::app::dialogs::line_input::LineInput;
use crate::app::subject::state::Subject;

/// What a one-line input is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// The `/` filter (applied live).
    Filter,
    /// The owner for "assign to…".
    AssignTo,
    /// The `:` command palette.
    Palette,
    // Issue 11.
    /// The `/` filter of the incident list (applied live).
    IncidentFilter,
    /// The tags of an incident (comma-separated).
    Tags,
    // Issue 10.
    /// Add (`NAME`) or remove (`-NAME`) one tag of a device.
    DeviceTag,
}

/// A one-line input with suggestions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Purpose.
    pub kind: InputKind,
    /// The text being edited.
    pub line: LineInput,
    /// For the filter: the text before editing began, restored by Esc.
    pub original: String,
    /// What fits what was typed: owners for "assign to…", completions of the last token for
    /// the filter (palette matches are computed from the keymap).
    pub suggestions: Vec<String>,
    /// For the filter: the byte offset the highlighted completion replaces from.
    pub completion_start: usize,
    /// Highlighted suggestion or palette entry.
    pub selected: usize,
    /// What "assign to…" acts on, captured when it opened.
    pub subject: Option<Subject>,
    /// The title (naming the subject for "assign to…").
    pub title: String,
    /// For a device tag: the device, captured when it opened.
    pub device: Option<TagTarget>,
}

impl Input {
    /// An empty prompt of a kind.
    pub fn new(kind: InputKind) -> Input {
        let title = match kind {
            InputKind::Filter => "Filter",
            InputKind::AssignTo => "Assign to",
            InputKind::Palette => "Command",
            InputKind::IncidentFilter => "Filter incidents",
            InputKind::Tags => "Tags",
            InputKind::DeviceTag => "Device tag",
        };
        Input {
            kind,
            line: LineInput::default(),
            original: String::new(),
            suggestions: Vec::new(),
            completion_start: 0,
            selected: 0,
            subject: None,
            title: title.to_string(),
            device: None,
        }
    }
}
