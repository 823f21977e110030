//! Window-title and desktop-notification escapes, built from sanitised text only: a raw alert
//! title here would let the attacker end the sequence and send their own.

use super::width::truncate;

/// Widest title or notification text, in columns.
pub const MAX_COLS: usize = 120;

/// How the terminal is asked to notify.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotifyProtocol {
    /// OSC 9 (iTerm2, Windows Terminal, ConEmu).
    Osc9,
    /// OSC 777 `notify` (rxvt-unicode, foot, kitty, WezTerm).
    Osc777,
}

/// Safe single-line text for inside an OSC string: sanitised, bounded, and without the `;`
/// that separates OSC fields.
fn field(text: &str) -> String {
    truncate(text, MAX_COLS).replace(';', ",")
}

/// `OSC 2` setting the window title to `text`.
pub fn window_title_sequence(text: &str) -> String {
    format!("\x1b]2;{}\x1b\\", field(text))
}

/// A desktop notification. OSC 9 text gets a fixed prefix: ConEmu reads `9;4;…` as a progress
/// command, so a value starting with digits must not come first.
pub fn notification_sequence(title: &str, body: &str, protocol: NotifyProtocol) -> String {
    match protocol {
        NotifyProtocol::Osc9 => {
            format!("\x1b]9;mde-triage: {}: {}\x1b\\", field(title), field(body))
        }
        NotifyProtocol::Osc777 => format!("\x1b]777;notify;{};{}\x1b\\", field(title), field(body)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_is_built_from_sanitised_text() {
        let s = window_title_sequence("Alert\x07\x1b]52;c;AAAA\x07\u{202e}");
        assert_eq!(s, "\x1b]2;Alert␇␛]52,c,AAAA␇⟨RLO⟩\x1b\\");
    }

    #[test]
    fn notification_fields_cannot_split() {
        let s = notification_sequence("a;b", "4;1", NotifyProtocol::Osc777);
        assert_eq!(s, "\x1b]777;notify;a,b;4,1\x1b\\");
        let s = notification_sequence("High", "4;100", NotifyProtocol::Osc9);
        assert_eq!(s, "\x1b]9;mde-triage: High: 4,100\x1b\\");
    }

    #[test]
    fn long_titles_are_bounded() {
        let s = window_title_sequence(&"x".repeat(10_000));
        assert!(s.len() < MAX_COLS + 16);
    }
}
