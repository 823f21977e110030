//! Driving `update` from the snapshot tests: keys as the analyst presses them.

use super::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mde_console::app::{AppMsg, update};
use mde_model::protocol::Effect;

/// One key press; its effects.
pub(crate) fn key(s: &mut State, code: KeyCode) -> Vec<Effect> {
    update(s, AppMsg::Key(KeyEvent::new(code, KeyModifiers::NONE))).into()
}

/// Each character of `text` pressed in turn; the effects of them all.
pub(crate) fn keys(s: &mut State, text: &str) -> Vec<Effect> {
    let mut out = Vec::new();
    for c in text.chars() {
        out.extend(key(s, KeyCode::Char(c)));
    }
    out
}
