//! The top of the stack gets the input: an action the keymap found for its context, a key no
//! binding claimed (text, hotkeys), or pasted text.

use super::Dialog;
use super::{confirm, conflict, editor, export, help, menu, prompt, quit, response, viewer};
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::state::State;
use crossterm::event::KeyEvent;

/// An action while a dialog is on top.
pub(crate) fn on_action(state: &mut State, action: Action) -> Effects {
    match state.dialogs.last() {
        None => Effects::none(),
        Some(Dialog::Menu(_)) => menu::keys::on_action(state, action),
        Some(Dialog::Confirm(_)) => confirm::keys::on_action(state, action),
        Some(Dialog::QuitConfirm { .. }) => quit::on_action(state, action),
        Some(Dialog::Conflict(_) | Dialog::IncidentConflict(_)) => {
            conflict::keys::on_action(state, action)
        }
        Some(Dialog::Story) => crate::app::story::actions::on_action(state, action),
        Some(Dialog::Input(_)) => prompt::keys::on_action(state, action),
        Some(Dialog::Editor(_)) => editor::keys::on_action(state, action),
        Some(Dialog::Help(_)) => {
            help::keys::on_action(state, action);
            Effects::none()
        }
        Some(Dialog::Viewer(_)) => viewer::keys::on_action(state, action),
        Some(Dialog::Export(_)) => export::keys::on_action(state, action),
        Some(Dialog::Response(_)) => response::keys::on_action(state, action),
    }
}

/// A key no binding claimed: text for inputs and the editor, hotkeys for menus and prompts.
pub(crate) fn on_key(state: &mut State, key: KeyEvent) -> Effects {
    match state.dialogs.last() {
        None => Effects::none(),
        Some(Dialog::Menu(_)) => menu::keys::on_key(state, key),
        Some(Dialog::Confirm(_)) => confirm::keys::on_key(state, key),
        Some(Dialog::QuitConfirm { .. }) => quit::on_key(state, key),
        Some(Dialog::Conflict(_) | Dialog::IncidentConflict(_)) => {
            conflict::keys::on_key(state, key)
        }
        Some(Dialog::Story) => Effects::none(),
        Some(Dialog::Input(_)) => {
            prompt::keys::on_key(state, key);
            Effects::none()
        }
        Some(Dialog::Editor(_)) => {
            editor::keys::on_key(state, key);
            Effects::none()
        }
        Some(Dialog::Help(_)) => {
            help::keys::on_key(state, key);
            Effects::none()
        }
        Some(Dialog::Viewer(_)) => {
            viewer::keys::on_key(state, key);
            Effects::none()
        }
        Some(Dialog::Export(_)) => {
            export::keys::on_key(state, key);
            Effects::none()
        }
        Some(Dialog::Response(_)) => response::keys::on_key(state, key),
    }
}

/// Pasted text goes into the text being edited on top (a prompt, the editor, the help search,
/// the viewer's search); anywhere else it is ignored, so a stray paste never runs actions.
pub(crate) fn on_paste(state: &mut State, text: &str) {
    match state.dialogs.last() {
        Some(Dialog::Input(_)) => prompt::keys::on_paste(state, text),
        Some(Dialog::Editor(_)) => editor::keys::on_paste(state, text),
        Some(Dialog::Help(_)) => help::keys::on_paste(state, text),
        Some(Dialog::Viewer(_)) => viewer::keys::on_paste(state, text),
        Some(Dialog::Export(_)) => export::keys::on_paste(state, text),
        Some(Dialog::Response(_)) => response::keys::on_paste(state, text),
        _ => {}
    }
}
