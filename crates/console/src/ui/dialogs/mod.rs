//! The dialogs on the stack, bottom first; one file per dialog of `app::dialogs`. Each is sized
//! to its content and clamped to the screen.

pub mod confirm;
pub mod conflict;
pub mod editor;
pub mod export;
pub mod help;
pub mod menu;
pub mod prompt;
pub mod quit;
// Issue 10: the response dialogs.
pub mod response;
pub mod viewer;

use crate::app::dialogs::Dialog;
use crate::app::dialogs::prompt::state::InputKind;
use crate::app::dialogs::response::state::ResponseDialog;
use crate::app::state::State;
use crate::ui::clock;
use crate::ui::layout::Screen;
use crate::ui::theme::Theme;
use ratatui::Frame;

/// Draws one dialog of the stack.
pub fn render(frame: &mut Frame, screen: &Screen, state: &State, d: &Dialog, theme: &Theme) {
    let body = screen.body;
    match d {
        Dialog::Menu(m) => menu::render(frame, body, m, theme),
        Dialog::Confirm(c) => confirm::render(frame, body, c, theme),
        Dialog::Input(i) => match i.kind {
            InputKind::Filter => {
                let err = state.list.filter_error.as_ref().map(ToString::to_string);
                let row = screen.prompt.unwrap_or(screen.hints);
                prompt::filter::render(frame, row, body, i, err.as_deref(), theme);
            }
            InputKind::AssignTo => prompt::assign::render(frame, body, i, theme),
            InputKind::Palette => {
                prompt::palette::render(frame, body, i, &state.rotation.keymap, theme)
            }
            InputKind::IncidentFilter => {
                let err = state.incidents.filter_error.as_deref();
                let row = screen.prompt.unwrap_or(screen.hints);
                prompt::filter::render(frame, row, body, i, err, theme);
            }
            InputKind::Tags => prompt::tags::render(frame, body, i, theme),
            InputKind::DeviceTag => prompt::device_tag::render(frame, body, i, theme),
        },
        Dialog::Editor(e) => editor::render(frame, body, e, theme),
        Dialog::Conflict(p) => {
            conflict::render(frame, body, p, clock::offset_of(state.time_mode), theme);
        }
        Dialog::Viewer(v) => {
            let search = Some(v.search.text()).filter(|q| !q.is_empty());
            let current = (search.is_some() && !v.searching).then_some(v.current_match);
            viewer::render(frame, body, v, search, current, theme)
        }
        Dialog::Help(h) => {
            let keys = (&state.rotation.keymap, state.list.views.as_slice());
            help::render(frame, body, h, keys, theme)
        }
        Dialog::QuitConfirm {
            pending,
            yes_selected,
        } => quit::render(frame, body, *pending, *yes_selected, theme),
        Dialog::Export(e) => export::render(frame, body, e, theme),
        Dialog::IncidentConflict(p) => {
            conflict::render_incident(frame, body, p, clock::offset_of(state.time_mode), theme);
        }
        Dialog::Story => crate::ui::story::render(frame, body, state, theme),
        Dialog::Response(r) => match &**r {
            ResponseDialog::Menu(m) => response::menu::render(frame, body, m, theme),
            ResponseDialog::Action(f) => response::action::render(frame, body, f, theme),
            ResponseDialog::Cancel(f) => response::cancel::render(frame, body, f, theme),
            ResponseDialog::Indicator(f) => response::indicator::render(frame, body, f, theme),
            ResponseDialog::Bulk(f) => response::bulk::render(frame, body, f, theme),
        },
    }
}
