//! Keys and actions by mode: a key becomes the action its binding names in the current mode,
//! else goes to the dialog on top as text or a hotkey; an action goes to the dialog on top, or
//! to the normal-mode router.

use super::normal;
use crate::app::dialogs::route;
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::keymap::spec::Mode;
use crate::app::state::State;
use crossterm::event::{KeyEvent, KeyEventKind};

/// A raw key.
pub(crate) fn on_key(state: &mut State, key: KeyEvent) -> Effects {
    if key.kind == KeyEventKind::Release {
        return Effects::none();
    }
    // The keymap in force: the built-in table with the config's remap (issue 12).
    match state.rotation.keymap.action_for(state.mode(), key) {
        Some(action) => on_action(state, action),
        None => route::on_key(state, key),
    }
}

/// Runs an action in the current mode.
pub(crate) fn on_action(state: &mut State, action: Action) -> Effects {
    match state.mode() {
        Mode::Dialog(_) => route::on_action(state, action),
        Mode::Normal(_) | Mode::Incidents => normal::on_action(state, action),
    }
}
