//! The vocabulary of the keymap: a key with its modifiers, where a binding applies, its help
//! group, the binding row itself, and the key-handling mode the console is in.

use super::action::Action;
use crate::app::view::state::Pane;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// One key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySpec {
    /// The key.
    pub code: KeyCode,
    /// Modifiers (Shift is implied by an upper-case character and ignored for characters).
    pub mods: KeyModifiers,
}

impl KeySpec {
    /// True when the event is this key.
    pub fn matches(&self, key: &KeyEvent) -> bool {
        if key.kind == KeyEventKind::Release || self.code != key.code {
            return false;
        }
        // Terminals disagree on whether `G` or Shift-Tab also carry SHIFT; the code says enough.
        let ignore_shift =
            matches!(key.code, KeyCode::Char(c) if c != ' ') || key.code == KeyCode::BackTab;
        let strip = |m: KeyModifiers| {
            if ignore_shift {
                m - KeyModifiers::SHIFT
            } else {
                m
            }
        };
        strip(self.mods) == strip(key.modifiers)
    }

    /// How help and hints write the key (`j`, `Ctrl-d`, `PgDn`, `Space`).
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            other => format!("{other:?}"),
        };
        let mut s = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            s.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            s.push_str("Alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) && !matches!(self.code, KeyCode::BackTab) {
            s.push_str("Shift-");
        }
        s.push_str(&base);
        s
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Any pane when no dialog is open.
    Global,
    /// The alert list.
    List,
    /// The evidence tree.
    Evidence,
    /// A pick-one menu.
    Menu,
    /// A confirmation (bulk write, quit).
    Confirm,
    /// A one-line input (filter, assign-to, palette).
    Input,
    /// The comment editor.
    Editor,
    /// The help overlay.
    Help,
    /// The full-value viewer.
    Viewer,
    /// The conflict prompt.
    Conflict,
    // Issue 11.
    /// The incident list.
    Incidents,
    /// The process story.
    Story,
    // Issue 10 (device response).
    /// The device panel.
    Device,
    /// A response form (comment, typed confirmation).
    Response,
}

impl Context {
    /// Heading in the help overlay.
    pub fn label(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::List => "Alert list",
            Context::Evidence => "Evidence tree",
            Context::Menu => "Menus",
            Context::Confirm => "Confirmations",
            Context::Input => "Text inputs",
            Context::Editor => "Comment editor",
            Context::Help => "Help",
            Context::Viewer => "Value viewer",
            Context::Conflict => "Conflict",
            Context::Incidents => "Incident list",
            Context::Story => "Process story",
            Context::Device => "Device panel",
            Context::Response => "Response forms",
        }
    }
}

/// Groups in the help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// Moving around.
    Navigation,
    /// Filtering, sorting, display toggles.
    View,
    /// Writes to alerts.
    Triage,
    /// Marks for bulk actions.
    Marks,
    /// Refresh, pause, outbox.
    Sync,
    /// Copying values.
    Clipboard,
    /// Help, palette, quit.
    General,
    /// Keys inside dialogs.
    Dialogs,
    /// The device panel and response actions (issue 10).
    Response,
}

impl Group {
    /// Heading text.
    pub fn label(self) -> &'static str {
        match self {
            Group::Navigation => "Navigation",
            Group::View => "View",
            Group::Triage => "Triage",
            Group::Marks => "Marks",
            Group::Sync => "Sync",
            Group::Clipboard => "Clipboard",
            Group::General => "General",
            Group::Dialogs => "Dialogs",
            Group::Response => "Device response",
        }
    }
}

/// One row of the keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    /// Keys that trigger it (empty: palette only).
    pub keys: &'static [KeySpec],
    /// What it does.
    pub action: Action,
    /// Help group.
    pub group: Group,
    /// One-line description.
    pub description: &'static str,
    /// Where it applies.
    pub context: Context,
}

/// The key-handling mode the console is in (derived from the state).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// No dialog: the focused pane gets the keys.
    Normal(Pane),
    /// A dialog of this context is on top.
    Dialog(Context),
    /// No dialog, the incident list shown and focused (issue 11).
    Incidents,
}

impl Mode {
    /// The contexts whose bindings apply, most specific first.
    pub fn contexts(self) -> &'static [Context] {
        match self {
            Mode::Normal(Pane::List) => &[Context::List, Context::Global],
            Mode::Normal(Pane::Evidence) => &[Context::Evidence, Context::Global],
            Mode::Normal(Pane::Device) => &[Context::Device, Context::Global],
            Mode::Normal(_) => &[Context::Global],
            Mode::Dialog(Context::Menu) => &[Context::Menu],
            Mode::Dialog(Context::Confirm) => &[Context::Confirm],
            Mode::Dialog(Context::Input) => &[Context::Input],
            Mode::Dialog(Context::Editor) => &[Context::Editor],
            Mode::Dialog(Context::Help) => &[Context::Help],
            Mode::Dialog(Context::Viewer) => &[Context::Viewer],
            Mode::Dialog(Context::Conflict) => &[Context::Conflict],
            Mode::Dialog(Context::Story) => &[Context::Story],
            Mode::Incidents => &[Context::Incidents, Context::List, Context::Global],
            Mode::Dialog(Context::Response) => &[Context::Response],
            Mode::Dialog(_) => &[Context::Global],
        }
    }
}

/// The keys of a binding as one label (`j/↓`).
pub fn keys_label(b: &Binding) -> String {
    b.keys
        .iter()
        .map(KeySpec::label)
        .collect::<Vec<_>>()
        .join("/")
}
