//! The dialogs that stack over the panes. Each folder is one dialog (or one kind of dialog with
//! the concrete ones built on it): `state.rs` holds its state, `keys.rs` its keys; its drawing
//! is the file of the same name under `ui::dialogs`. The top of the stack gets the keys
//! (`route`).

pub mod confirm;
pub mod conflict;
pub mod editor;
pub mod help;
pub(crate) mod hotkey;
pub mod line_input;
pub mod menu;
pub mod prompt;
pub(crate) mod quit;
pub(crate) mod route;
pub mod viewer;

use crate::app::keymap::spec::Context;
use confirm::state::Confirm;
use conflict::state::ConflictPrompt;
use editor::state::Editor;
use help::state::Help;
use menu::state::Menu;
use prompt::state::Input;
use viewer::state::Viewer;

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

impl Dialog {
    /// Whose keys apply while this dialog is on top.
    pub fn context(&self) -> Context {
        match self {
            Dialog::Menu(_) => Context::Menu,
            Dialog::Confirm(_) | Dialog::QuitConfirm { .. } => Context::Confirm,
            Dialog::Input(_) => Context::Input,
            Dialog::Editor(_) => Context::Editor,
            Dialog::Conflict(_) => Context::Conflict,
            Dialog::Viewer(v) if v.searching => Context::Input,
            Dialog::Viewer(_) => Context::Viewer,
            Dialog::Help(_) => Context::Help,
        }
    }
}
