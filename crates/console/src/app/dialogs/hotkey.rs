//! Letters that answer a dialog directly (`y`, `o`, a menu item's hotkey).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The character of a key typed without Ctrl or Alt.
pub(crate) fn plain_char(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    }
}
