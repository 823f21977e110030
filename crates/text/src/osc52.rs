//! The OSC 52 clipboard write the yank sends: works over SSH and inside tmux.

use super::defang::for_clipboard;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The escape sequence that puts `text` on the clipboard. The payload is base64 of the value
/// with control characters removed ([`for_clipboard`]), so no byte of it can end the sequence
/// early. `tmux` is the value of `$TMUX` (taken as a parameter so tests do not depend on the
/// environment): when set, the sequence is wrapped in tmux's DCS passthrough.
pub fn osc52_sequence(text: &str, tmux: Option<&str>) -> String {
    let payload = STANDARD.encode(for_clipboard(text).as_bytes());
    let osc = format!("\x1b]52;c;{payload}\x07");
    match tmux {
        Some(t) if !t.is_empty() => format!("\x1bPtmux;\x1b{osc}\x1b\\"),
        _ => osc,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_sequence_carries_base64_of_the_clean_value() {
        assert_eq!(osc52_sequence("hello", None), "\x1b]52;c;aGVsbG8=\x07");
        assert_eq!(
            osc52_sequence("he\x1b]52;c;x\x07llo", None),
            osc52_sequence("he]52;c;xllo", None)
        );
    }

    #[test]
    fn tmux_passthrough() {
        let s = osc52_sequence("hello", Some("/tmp/tmux-0/default,123,0"));
        assert_eq!(s, "\x1bPtmux;\x1b\x1b]52;c;aGVsbG8=\x07\x1b\\");
        assert_eq!(osc52_sequence("hello", Some("")), "\x1b]52;c;aGVsbG8=\x07");
    }
}
