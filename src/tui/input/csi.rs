//! CSI sequences (`ESC [ params final`) as xterm, tmux, VTE and the Linux console send them for
//! cursor, editing and function keys with their modifiers, the `CSI u` keys of terminals that
//! speak fixterms or kitty's protocol, focus reports and the start of a bracketed paste.
//! Anything else (mouse reports, answers to queries) is skipped whole.

use super::parsed::{Parsed, char_key, cursor_or_f_key, key};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// The longest sequence waited for; a longer unfinished one is garbage and skipped.
const MAX_SEQUENCE: usize = 64;

/// `ESC [` parameter bytes (0x30–0x3F), intermediate bytes (0x20–0x2F), one final byte
/// (0x40–0x7E).
pub(super) fn csi(bytes: &[u8]) -> Parsed {
    let body = &bytes[2..];
    let Some(end) = body.iter().position(|b| !(0x20..=0x3f).contains(b)) else {
        return if bytes.len() >= MAX_SEQUENCE {
            Parsed::Skip(bytes.len())
        } else {
            Parsed::Incomplete
        };
    };
    let fin = body[end];
    let len = 2 + end + 1;
    if !(0x40..=0x7e).contains(&fin) {
        // Not a sequence after all: drop what was read of it, decode the rest afresh.
        return Parsed::Skip(2 + end);
    }
    // The Linux console's F1–F5: ESC [ [ A … E.
    if end == 0 && fin == b'[' {
        return match bytes.get(3) {
            None => Parsed::Incomplete,
            Some(&b @ b'A'..=b'E') => key(KeyCode::F(1 + b - b'A'), KeyModifiers::NONE, 4),
            Some(_) => Parsed::Skip(4),
        };
    }
    let params = std::str::from_utf8(&body[..end]).unwrap_or_default();
    if params == "200" && fin == b'~' {
        return Parsed::PasteStart(len);
    }
    match csi_event(params, fin) {
        Some(ev) => Parsed::Event(ev, len),
        None => Parsed::Skip(len),
    }
}

/// The event of a complete CSI sequence, or None for one the console has no use for (mouse
/// reports, answers to queries, unknown keys).
fn csi_event(params: &str, fin: u8) -> Option<Event> {
    if params.starts_with(['?', '>', '<', '=']) {
        return None;
    }
    let mut fields = params.split(';');
    let first = fields.next().unwrap_or_default();
    let (mods, kind) = modifiers(fields.next().unwrap_or_default());
    let code = match fin {
        b'Z' => {
            return Some(key_event(
                KeyCode::BackTab,
                mods | KeyModifiers::SHIFT,
                kind,
            ));
        }
        b'I' if params.is_empty() => return Some(Event::FocusGained),
        b'O' if params.is_empty() => return Some(Event::FocusLost),
        b'~' => tilde_key(number(first)?)?,
        b'u' => return csi_u(first, mods, kind),
        _ => cursor_or_f_key(fin)?,
    };
    Some(key_event(code, mods, kind))
}

fn key_event(code: KeyCode, mods: KeyModifiers, kind: KeyEventKind) -> Event {
    Event::Key(KeyEvent::new_with_kind(code, mods, kind))
}

fn number(field: &str) -> Option<u32> {
    // kitty may add sub-fields after ':' (alternate keys); the first is the one that counts.
    field.split(':').next()?.parse().ok()
}

/// `CSI n ~`: editing keys and F5–F20 (xterm, VT220).
fn tilde_key(n: u32) -> Option<KeyCode> {
    Some(match n {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        11..=15 => KeyCode::F((n - 10) as u8),
        17..=21 => KeyCode::F((n - 11) as u8),
        23..=26 => KeyCode::F((n - 12) as u8),
        28 | 29 => KeyCode::F((n - 13) as u8),
        31..=34 => KeyCode::F((n - 14) as u8),
        _ => return None,
    })
}

/// `CSI codepoint ; modifiers u`: a key by its Unicode code point (fixterms, kitty).
fn csi_u(first: &str, mods: KeyModifiers, kind: KeyEventKind) -> Option<Event> {
    let code = match number(first)? {
        9 => KeyCode::Tab,
        13 => KeyCode::Enter,
        27 => KeyCode::Esc,
        8 | 127 => KeyCode::Backspace,
        cp => {
            let c = char::from_u32(cp).filter(|c| !c.is_control())?;
            // With Shift the character is the shifted one, as a plain key would have typed it.
            let c = if mods.contains(KeyModifiers::SHIFT) {
                c.to_uppercase().next().unwrap_or(c)
            } else {
                c
            };
            let mut k = char_key(c, mods);
            k.kind = kind;
            return Some(Event::Key(k));
        }
    };
    Some(key_event(code, mods, kind))
}

/// The modifier field `1 + bits[:kind]` (xterm's encoding; kitty adds the event kind).
fn modifiers(field: &str) -> (KeyModifiers, KeyEventKind) {
    let mut parts = field.split(':');
    let bits = parts
        .next()
        .and_then(|m| m.parse::<u8>().ok())
        .unwrap_or(1)
        .saturating_sub(1);
    let kind = match parts.next().and_then(|k| k.parse::<u8>().ok()) {
        Some(2) => KeyEventKind::Repeat,
        Some(3) => KeyEventKind::Release,
        _ => KeyEventKind::Press,
    };
    let mut mods = KeyModifiers::NONE;
    for (bit, m) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
        (8, KeyModifiers::SUPER),
        (16, KeyModifiers::HYPER),
        (32, KeyModifiers::META),
    ] {
        if bits & bit != 0 {
            mods |= m;
        }
    }
    (mods, kind)
}
