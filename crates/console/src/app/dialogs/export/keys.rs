//! Export dialog keys: typing edits the path, Tab or ↑↓ switch the format, Enter asks the
//! runtime to write the file (`Effect::Export`), Esc cancels.

use super::state::{ExportDialog, extension};
use crate::app::chrome::toasts::Level;
use crate::app::dialogs::Dialog;
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::state::State;
use crossterm::event::KeyEvent;
use mde_model::protocol::{Effect, ExportFormat};

fn top(state: &mut State) -> Option<&mut ExportDialog> {
    match state.dialogs.last_mut() {
        Some(Dialog::Export(d)) => Some(d),
        _ => None,
    }
}

/// A file name for the view at this time: `mde-triage-open-20240501-1000.csv`.
pub fn default_path(state: &State, format: ExportFormat) -> String {
    let view: String = state
        .list
        .view_def()
        .map_or("alerts", |v| v.name.as_str())
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let stamp = state
        .now
        .map(|t| format!("-{}", t.0.format("%Y%m%d-%H%M")))
        .unwrap_or_default();
    format!("mde-triage-{view}{stamp}.{}", extension(format))
}

/// `e`: opens the dialog on the view as it is now (an empty view has nothing to export).
pub(crate) fn open(state: &mut State) {
    let alert_ids: Vec<String> = state.list.rows.iter_view().map(|r| r.id.clone()).collect();
    if alert_ids.is_empty() {
        state.notify(Level::Info, "Nothing to export: the view is empty");
        return;
    }
    let list = &state.list;
    let filter = list.filter_text.trim();
    let what = if filter.is_empty() {
        format!("'{}'", list.view_title())
    } else {
        format!("'{}' /{filter}", list.view_title())
    };
    let format = ExportFormat::Csv;
    let path = crate::app::dialogs::line_input::LineInput::new(default_path(state, format));
    state.dialogs.push(Dialog::Export(ExportDialog {
        alert_ids,
        what,
        format,
        path,
    }));
}

/// An action while the dialog is on top.
pub(crate) fn on_action(state: &mut State, action: Action) -> Effects {
    let Some(d) = top(state) else {
        return Effects::none();
    };
    match action {
        Action::Up | Action::Down | Action::Complete => d.toggle_format(),
        Action::Back => {
            state.dialogs.pop();
        }
        Action::Enter => {
            let path = d.path.text().trim().to_string();
            if path.is_empty() {
                state.notify(Level::Warn, "Export: type the file to write");
                return Effects::none();
            }
            let Some(Dialog::Export(d)) = state.dialogs.pop() else {
                return Effects::none();
            };
            let req = state.req();
            state.rotation.export_req = Some(req);
            let n = d.alert_ids.len();
            let what = extension(d.format).to_uppercase();
            state.notify(
                Level::Info,
                format!("Writing {n} alerts to {path} ({what})…"),
            );
            return Effects::one(Effect::Export {
                req,
                alert_ids: d.alert_ids,
                path,
                format: d.format,
            });
        }
        _ => {}
    }
    Effects::none()
}

/// A key no binding claimed edits the path.
pub(crate) fn on_key(state: &mut State, key: KeyEvent) {
    if let Some(d) = top(state) {
        d.path.handle(key);
    }
}

/// Pasted text goes into the path.
pub(crate) fn on_paste(state: &mut State, text: &str) {
    if let Some(d) = top(state) {
        d.path.insert_str(text);
    }
}
