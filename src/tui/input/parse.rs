//! One event from the start of the input: control bytes, UTF-8 characters, and what ESC
//! begins — Alt+key (ESC before a key), SS3 (`ESC O x`), CSI (`csi.rs`).

use super::csi::csi;
use super::parsed::{ESC, Parsed, char_key, cursor_or_f_key, key};
use crossterm::event::{Event, KeyCode, KeyModifiers};

/// Decodes the event at the start of `bytes`.
pub(super) fn parse(bytes: &[u8]) -> Parsed {
    let Some(&first) = bytes.first() else {
        return Parsed::Empty;
    };
    match first {
        ESC => escape(bytes),
        b'\r' => key(KeyCode::Enter, KeyModifiers::NONE, 1),
        b'\t' => key(KeyCode::Tab, KeyModifiers::NONE, 1),
        0x7f => key(KeyCode::Backspace, KeyModifiers::NONE, 1),
        0x00 => key(KeyCode::Char(' '), KeyModifiers::CONTROL, 1),
        // In raw mode Enter is \r; \n is Ctrl-J, and ^H is Ctrl-H, as crossterm reports them.
        c @ 0x01..=0x1a => key(
            KeyCode::Char(char::from(c - 1 + b'a')),
            KeyModifiers::CONTROL,
            1,
        ),
        c @ 0x1c..=0x1f => key(
            KeyCode::Char(char::from(c - 0x1c + b'4')),
            KeyModifiers::CONTROL,
            1,
        ),
        _ => utf8_char(bytes),
    }
}

/// One UTF-8 character as a key; uppercase letters carry Shift, as crossterm reports them.
fn utf8_char(bytes: &[u8]) -> Parsed {
    let len = match bytes[0] {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        // A continuation byte or an invalid lead byte: not a character.
        _ => return Parsed::Skip(1),
    };
    if bytes.len() < len {
        // The rest may be in the next read, unless what is here is already wrong.
        return if std::str::from_utf8(bytes).is_err_and(|e| e.error_len().is_some()) {
            Parsed::Skip(1)
        } else {
            Parsed::Incomplete
        };
    }
    match std::str::from_utf8(&bytes[..len])
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) => Parsed::Event(Event::Key(char_key(c, KeyModifiers::NONE)), len),
        None => Parsed::Skip(1),
    }
}

/// Decodes the sequence at the start of `bytes`, which begins with ESC.
fn escape(bytes: &[u8]) -> Parsed {
    match bytes.get(1) {
        None => Parsed::Incomplete,
        Some(b'[') => csi(bytes),
        Some(b'O') => match bytes.get(2) {
            None => Parsed::Incomplete,
            Some(&b) => {
                cursor_or_f_key(b).map_or(Parsed::Skip(3), |code| key(code, KeyModifiers::NONE, 3))
            }
        },
        // ESC ESC: the first is the Esc key, the second starts again.
        Some(&ESC) => key(KeyCode::Esc, KeyModifiers::NONE, 1),
        Some(_) => match parse(&bytes[1..]) {
            Parsed::Event(Event::Key(mut k), n) => {
                k.modifiers |= KeyModifiers::ALT;
                Parsed::Event(Event::Key(k), n + 1)
            }
            Parsed::Event(_, n) | Parsed::Skip(n) | Parsed::PasteStart(n) => Parsed::Skip(n + 1),
            Parsed::Incomplete => Parsed::Incomplete,
            Parsed::Empty => Parsed::Incomplete,
        },
    }
}
