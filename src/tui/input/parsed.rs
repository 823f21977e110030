//! What the decoder's parsers answer, and the key values they share.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// ESC.
pub(super) const ESC: u8 = 0x1b;

/// What the bytes at the start of the input are.
#[derive(Debug, PartialEq)]
pub(super) enum Parsed {
    /// An event, and how many bytes it took.
    Event(Event, usize),
    /// A bracketed paste starts after this many bytes.
    PasteStart(usize),
    /// This many bytes mean nothing to the console.
    Skip(usize),
    /// The start of something whose rest has not arrived.
    Incomplete,
    /// Nothing.
    Empty,
}

/// A key press of `len` bytes.
pub(super) fn key(code: KeyCode, mods: KeyModifiers, len: usize) -> Parsed {
    Parsed::Event(Event::Key(KeyEvent::new(code, mods)), len)
}

/// A character key with `mods`, plus Shift for an uppercase letter, as crossterm reports it.
pub(super) fn char_key(c: char, mods: KeyModifiers) -> KeyEvent {
    let shift = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), mods | shift)
}

/// The key of a final byte shared by CSI and SS3: cursor keys, Home, End, F1–F4.
pub(super) fn cursor_or_f_key(b: u8) -> Option<KeyCode> {
    Some(match b {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P'..=b'S' => KeyCode::F(1 + b - b'P'),
        _ => return None,
    })
}
