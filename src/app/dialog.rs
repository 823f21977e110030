//! The dialogs that stack over the panes: menus, confirmations, text inputs, the comment editor,
//! the conflict prompt, help and the full-value viewer. The top of the stack gets the keys.

use super::line_input::LineInput;
use super::sort::SortKey;
use crate::model::protocol::{TriageChange, TriageWrite};
use crate::model::{AlertRow, Classification, Determination, Status};
use ratatui_textarea::TextArea;

/// What a menu item stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuValue {
    /// Sort by this key.
    Sort(SortKey),
    /// Set this status.
    Status(Status),
    /// Classify as this (a determination menu follows).
    Classification(Classification),
    /// Classify with this determination.
    Determination(Classification, Determination),
    /// Copy this text; the label says what it is.
    Yank {
        /// What is copied ("alert id", "SHA-256", …).
        what: String,
        /// The value.
        text: String,
    },
}

/// One line of a menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuItem {
    /// Shown text.
    pub label: String,
    /// A letter that picks the item directly.
    pub hotkey: Option<char>,
    /// What picking it does.
    pub value: MenuValue,
}

/// A pick-one menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Menu {
    /// Title.
    pub title: String,
    /// Items.
    pub items: Vec<MenuItem>,
    /// The highlighted item.
    pub selected: usize,
}

/// A yes/no question before a write. Cancel is the default.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    /// Title, e.g. "Apply to 12 alerts?".
    pub title: String,
    /// The exact change, one line per field (e.g. `status → Resolved`).
    pub lines: Vec<String>,
    /// How many alerts the write touches.
    pub count: usize,
    /// The write to send on yes.
    pub write: TriageWrite,
    /// Whether "Apply" is highlighted (false = "Cancel", the default).
    pub yes_selected: bool,
}

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

/// The multi-line comment editor.
#[derive(Debug, Clone)]
pub struct Editor {
    /// The alerts the comment goes to.
    pub alert_ids: Vec<String>,
    /// The text area (ratatui-textarea).
    pub textarea: TextArea<'static>,
}

impl Editor {
    /// The text as one string with newlines.
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }
}

/// The write hit a change on the server: ask the analyst.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictPrompt {
    /// Outbox entry.
    pub outbox_id: i64,
    /// Alert.
    pub alert_id: String,
    /// The alert as it is on the server now.
    pub server: Box<AlertRow>,
    /// The analyst's change, when known.
    pub mine: Option<TriageChange>,
    /// Whether "Overwrite" is highlighted (false = "Discard mine", the default).
    pub overwrite_selected: bool,
}

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

/// The `?` overlay.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Help {
    /// Filter over key, action name and description.
    pub filter: LineInput,
    /// First line shown.
    pub scroll: usize,
}

/// One entry on the dialog stack.
#[derive(Debug, Clone)]
pub enum Dialog {
    /// Pick-one menu (sort, status, classification, determination, yank).
    Menu(Menu),
    /// Confirm a bulk write.
    Confirm(Confirm),
    /// One-line input (filter, assign-to, palette).
    Input(Input),
    /// Comment editor.
    Editor(Box<Editor>),
    /// Conflict prompt.
    Conflict(ConflictPrompt),
    /// Full-value viewer.
    Viewer(Viewer),
    /// Key help.
    Help(Help),
    /// Quit while writes are still pending?
    QuitConfirm {
        /// Writes not yet confirmed by the service.
        pending: u32,
        /// Whether "Quit" is highlighted (false = "Stay", the default).
        yes_selected: bool,
    },
}

impl Menu {
    /// A menu whose hotkeys are the first letter of each label not taken by an earlier item.
    pub fn new(title: impl Into<String>, items: Vec<(String, MenuValue)>, selected: usize) -> Menu {
        // j, k and q move and close menus, so they are never hotkeys.
        let mut used: Vec<char> = vec!['j', 'k', 'q'];
        let items: Vec<MenuItem> = items
            .into_iter()
            .map(|(label, value)| {
                let hotkey = label
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric())
                    .map(|c| c.to_ascii_lowercase())
                    .find(|c| !used.contains(c));
                if let Some(h) = hotkey {
                    used.push(h);
                }
                MenuItem {
                    label,
                    hotkey,
                    value,
                }
            })
            .collect();
        let selected = selected.min(items.len().saturating_sub(1));
        Menu {
            title: title.into(),
            items,
            selected,
        }
    }
}
