//! The dialogs that stack over the panes. Each folder is one dialog (or one kind of dialog with
//! the concrete ones built on it): `state.rs` holds its state, `keys.rs` its keys; its drawing
//! is the file of the same name under `ui::dialogs`. The top of the stack gets the keys
//! (`route`).

pub mod confirm;
pub mod conflict;
pub mod editor;
pub mod export;
pub mod help;
pub(crate) mod hotkey;
pub mod line_input;
pub mod menu;
pub mod prompt;
pub(crate) mod quit;
// Issue 10: the response menu and forms.
pub mod response;
pub(crate) mod route;
pub mod viewer;

use crate::app::incidents::conflict::IncidentConflictPrompt;
use crate::app::keymap::spec::Context;
use confirm::state::Confirm;
use conflict::state::ConflictPrompt;
use editor::state::{Editor, EditorPurpose};
use help::state::Help;
use menu::state::{Menu, MenuKind};
use prompt::state::{Input, InputKind};
use response::state::ResponseDialog;
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
    /// Export the filtered view (issue 12).
    Export(export::state::ExportDialog),
    // Issue 11 (incidents and hunting).
    /// An incident write met a change on the server (the conflict prompt's keys).
    IncidentConflict(Box<IncidentConflictPrompt>),
    /// The process story (its state is `State::story`).
    Story,
    // Issue 10 (device response).
    /// A response menu or form.
    Response(Box<ResponseDialog>),
}

/// Every concrete dialog, one per thing an analyst can have on top (the menus and prompts
/// built on the generic ones counted each). The fit test opens each of `DialogKind::ALL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DialogKind {
    /// `s`.
    SortMenu,
    /// `S`.
    StatusMenu,
    /// `c`.
    ClassifyMenu,
    /// After `c`: the determinations.
    DeterminationMenu,
    /// `y`.
    YankMenu,
    /// A change to several alerts, or an undo of one.
    Confirm,
    /// A write met a change on the server.
    Conflict,
    /// `/`.
    Filter,
    /// `A`.
    AssignTo,
    /// `:`.
    Palette,
    /// `C`.
    Editor,
    /// A long value, the raw JSON, the portal link, a value to copy by hand.
    Viewer,
    /// `?`.
    Help,
    /// `q` with writes pending.
    Quit,
    // Issue 12.
    /// `v`: the view picker.
    ViewMenu,
    /// `e`: export the filtered view.
    Export,
    // Issue 11 (incidents and hunting).
    /// `S` on an incident.
    IncidentStatusMenu,
    /// `s` on the incident list.
    IncidentSortMenu,
    /// `/` on the incident list.
    IncidentFilter,
    /// `T` on an incident.
    Tags,
    /// Resolving an incident: the resolving comment.
    ResolvingComment,
    /// An incident write met a change on the server.
    IncidentConflict,
    /// `P`: the process story.
    Story,
    // Issue 10 (device response).
    /// `x`: what to do on the device.
    ResponseMenu,
    /// One response action's confirmation (comment, typed name).
    ResponseAction,
    /// `X` in the device panel: cancel a pending action.
    CancelAction,
    /// An indicator from an evidence value.
    Indicator,
    /// `x` with alerts marked: isolate their devices.
    BulkIsolate,
    /// `T` in the device panel: add or remove a tag of the device.
    DeviceTag,
}

impl DialogKind {
    /// Every kind.
    pub const ALL: &'static [DialogKind] = &[
        DialogKind::SortMenu,
        DialogKind::StatusMenu,
        DialogKind::ClassifyMenu,
        DialogKind::DeterminationMenu,
        DialogKind::YankMenu,
        DialogKind::Confirm,
        DialogKind::Conflict,
        DialogKind::Filter,
        DialogKind::AssignTo,
        DialogKind::Palette,
        DialogKind::Editor,
        DialogKind::Viewer,
        DialogKind::Help,
        DialogKind::Quit,
        // Issue 12.
        DialogKind::ViewMenu,
        DialogKind::Export,
        // Issue 11 (incidents).
        DialogKind::IncidentStatusMenu,
        DialogKind::IncidentSortMenu,
        DialogKind::IncidentFilter,
        DialogKind::Tags,
        DialogKind::ResolvingComment,
        DialogKind::IncidentConflict,
        DialogKind::Story,
        // Issue 10 (device response).
        DialogKind::ResponseMenu,
        DialogKind::ResponseAction,
        DialogKind::CancelAction,
        DialogKind::Indicator,
        DialogKind::BulkIsolate,
        DialogKind::DeviceTag,
    ];
}

impl Dialog {
    /// Which concrete dialog this is.
    pub fn kind(&self) -> DialogKind {
        match self {
            Dialog::Menu(m) => match m.kind {
                MenuKind::Sort => DialogKind::SortMenu,
                MenuKind::Status => DialogKind::StatusMenu,
                MenuKind::Classify => DialogKind::ClassifyMenu,
                MenuKind::Determination => DialogKind::DeterminationMenu,
                MenuKind::Yank => DialogKind::YankMenu,
                MenuKind::View => DialogKind::ViewMenu,
                MenuKind::IncidentStatus => DialogKind::IncidentStatusMenu,
                MenuKind::IncidentSort => DialogKind::IncidentSortMenu,
            },
            Dialog::Confirm(_) => DialogKind::Confirm,
            Dialog::Input(i) => match i.kind {
                InputKind::Filter => DialogKind::Filter,
                InputKind::AssignTo => DialogKind::AssignTo,
                InputKind::Palette => DialogKind::Palette,
                InputKind::IncidentFilter => DialogKind::IncidentFilter,
                InputKind::Tags => DialogKind::Tags,
                InputKind::DeviceTag => DialogKind::DeviceTag,
            },
            Dialog::Editor(e) if e.purpose == EditorPurpose::Resolve => {
                DialogKind::ResolvingComment
            }
            Dialog::Editor(_) => DialogKind::Editor,
            Dialog::Conflict(_) => DialogKind::Conflict,
            Dialog::Viewer(_) => DialogKind::Viewer,
            Dialog::Help(_) => DialogKind::Help,
            Dialog::QuitConfirm { .. } => DialogKind::Quit,
            Dialog::Export(_) => DialogKind::Export,
            Dialog::IncidentConflict(_) => DialogKind::IncidentConflict,
            Dialog::Story => DialogKind::Story,
            Dialog::Response(r) => match &**r {
                ResponseDialog::Menu(_) => DialogKind::ResponseMenu,
                ResponseDialog::Action(_) => DialogKind::ResponseAction,
                ResponseDialog::Cancel(_) => DialogKind::CancelAction,
                ResponseDialog::Indicator(_) => DialogKind::Indicator,
                ResponseDialog::Bulk(_) => DialogKind::BulkIsolate,
            },
        }
    }

    /// Whose keys apply while this dialog is on top.
    pub fn context(&self) -> Context {
        match self {
            Dialog::Menu(_) => Context::Menu,
            Dialog::Confirm(_) | Dialog::QuitConfirm { .. } => Context::Confirm,
            Dialog::Input(_) => Context::Input,
            Dialog::Editor(_) => Context::Editor,
            Dialog::Conflict(_) | Dialog::IncidentConflict(_) => Context::Conflict,
            Dialog::Story => Context::Story,
            Dialog::Viewer(v) if v.searching => Context::Input,
            Dialog::Viewer(_) => Context::Viewer,
            Dialog::Help(_) => Context::Help,
            // The path is a one-line field: Enter writes, Esc cancels, Tab and ↑↓ the format.
            Dialog::Export(_) => Context::Input,
            Dialog::Response(r) => match &**r {
                ResponseDialog::Menu(_) => Context::Menu,
                _ => Context::Response,
            },
        }
    }
}
