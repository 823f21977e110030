//! Keys and actions by mode: a key becomes the action its binding names in the current mode,
//! else goes to the dialog on top as text or a hotkey; an action goes to the dialog on top, or
//! to the normal-mode router.

use super::normal;
use crate::app::dialogs::route;
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::keymap::spec::{Context, Mode};
use crate::app::state::State;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// A raw key.
pub(crate) fn on_key(state: &mut State, key: KeyEvent) -> Effects {
    if key.kind == KeyEventKind::Release {
        return Effects::none();
    }
    // The keymap in force: the built-in table with the config's remap (issue 12).
    let mode = state.mode();
    if let Some(action) = state.rotation.keymap.action_for(mode, key) {
        return on_action(state, action);
    }
    match esc_prefixed(mode, key) {
        Some(next) => {
            let mut fx = on_key(state, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            fx.extend(on_key(state, next));
            fx
        }
        None => route::on_key(state, key),
    }
}

/// The key after an Esc that arrived with it. A terminal sends Esc and the key typed right
/// after it in one read (typed fast, or in one burst over SSH or tmux) as the ESC prefix of an
/// Alt key, so "Esc I" reads as Alt-I. An Alt key the keymap does not bind is that Esc and
/// then the key; the comment editor keeps its Alt keys (word moves).
fn esc_prefixed(mode: Mode, key: KeyEvent) -> Option<KeyEvent> {
    if !key.modifiers.contains(KeyModifiers::ALT) || mode == Mode::Dialog(Context::Editor) {
        return None;
    }
    let mut next = key;
    next.modifiers.remove(KeyModifiers::ALT);
    Some(next)
}

/// Runs an action in the current mode.
pub(crate) fn on_action(state: &mut State, action: Action) -> Effects {
    match state.mode() {
        Mode::Dialog(_) => route::on_action(state, action),
        Mode::Normal(_) | Mode::Incidents => normal::on_action(state, action),
    }
}
