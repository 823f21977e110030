//! Recognises the terminal escape sequences (ECMA-48 / xterm) hidden in a raw string, so a
//! warning can say what they would have done: write the clipboard, set the title, clear the
//! screen. The sanitiser never needs this to be safe; it only explains.

/// What one escape sequence would do to a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EscapeKind {
    /// OSC 52: writes (or reads) the clipboard.
    Clipboard,
    /// OSC 0/1/2: sets the window or icon title.
    Title,
    /// OSC 8: a hyperlink whose label can differ from its target.
    Hyperlink,
    /// OSC 9 / 777: a desktop notification.
    Notification,
    /// Any other OSC.
    OtherOsc,
    /// CSI J / K, ESC c: erases the screen or a line.
    Erase,
    /// CSI A–H, f, s, u, ESC 7/8, reverse index: moves the cursor.
    CursorMove,
    /// CSI ?…h/l: private mode set/reset (alternate screen, hidden cursor, mouse).
    ModeChange,
    /// CSI n, c, t: queries or window operations whose replies arrive as input.
    Query,
    /// CSI m: colours and attributes.
    Style,
    /// Any other CSI.
    OtherCsi,
    /// DCS, SOS, PM or APC strings (terminal-specific protocols).
    ControlString,
    /// ESC followed by a single character (reset, charset switch, …).
    Other,
}

impl EscapeKind {
    /// Words for the analyst.
    pub fn describe(self) -> &'static str {
        match self {
            EscapeKind::Clipboard => "clipboard write (OSC 52)",
            EscapeKind::Title => "window title change (OSC 0/2)",
            EscapeKind::Hyperlink => "hidden hyperlink (OSC 8)",
            EscapeKind::Notification => "desktop notification (OSC 9/777)",
            EscapeKind::OtherOsc => "operating-system command (OSC)",
            EscapeKind::Erase => "screen or line erase",
            EscapeKind::CursorMove => "cursor movement",
            EscapeKind::ModeChange => "terminal mode change (DECSET)",
            EscapeKind::Query => "terminal query or window operation",
            EscapeKind::Style => "colour change (SGR)",
            EscapeKind::OtherCsi => "control sequence (CSI)",
            EscapeKind::ControlString => "device control string (DCS/APC/PM/SOS)",
            EscapeKind::Other => "escape sequence",
        }
    }
}

/// The distinct kinds of escape sequence in `s`, most dangerous first.
pub fn escape_kinds(s: &str) -> Vec<EscapeKind> {
    let mut found = Vec::new();
    let chars: Vec<char> = if s.contains([
        '\x1b', '\u{90}', '\u{98}', '\u{9b}', '\u{9d}', '\u{9e}', '\u{9f}',
    ]) {
        s.chars().collect()
    } else {
        return found;
    };
    let mut i = 0;
    while i < chars.len() {
        let (kind, next) = match chars[i] {
            '\x1b' => match chars.get(i + 1) {
                Some('[') => csi(&chars, i + 2),
                Some(']') => osc(&chars, i + 2),
                Some('P' | 'X' | '^' | '_') => {
                    (Some(EscapeKind::ControlString), string_end(&chars, i + 2))
                }
                Some('c') => (Some(EscapeKind::Erase), i + 2),
                Some('7' | '8' | 'M' | 'D' | 'E') => (Some(EscapeKind::CursorMove), i + 2),
                Some(_) => (Some(EscapeKind::Other), i + 2),
                None => (Some(EscapeKind::Other), i + 1),
            },
            '\u{9b}' => csi(&chars, i + 1),
            '\u{9d}' => osc(&chars, i + 1),
            '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                (Some(EscapeKind::ControlString), string_end(&chars, i + 1))
            }
            _ => (None, i + 1),
        };
        if let Some(k) = kind
            && !found.contains(&k)
        {
            found.push(k);
        }
        i = next.max(i + 1);
    }
    found.sort();
    found
}

fn csi(chars: &[char], start: usize) -> (Option<EscapeKind>, usize) {
    let mut i = start;
    let private = chars.get(i) == Some(&'?');
    while i < chars.len() && ('\x20'..='\x3f').contains(&chars[i]) {
        i += 1;
    }
    let kind = match chars.get(i) {
        Some('J' | 'K' | 'X' | 'P' | 'M') => EscapeKind::Erase,
        Some('A'..='H' | 'f' | 's' | 'u' | 'd' | 'S' | 'T') => EscapeKind::CursorMove,
        Some('h' | 'l') if private => EscapeKind::ModeChange,
        Some('n' | 'c' | 't') => EscapeKind::Query,
        Some('m') => EscapeKind::Style,
        _ => EscapeKind::OtherCsi,
    };
    (Some(kind), i + 1)
}

fn osc(chars: &[char], start: usize) -> (Option<EscapeKind>, usize) {
    let num: String = chars[start.min(chars.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let kind = match num.as_str() {
        "0" | "1" | "2" => EscapeKind::Title,
        "52" => EscapeKind::Clipboard,
        "8" => EscapeKind::Hyperlink,
        "9" | "777" => EscapeKind::Notification,
        _ => EscapeKind::OtherOsc,
    };
    (Some(kind), string_end(chars, start))
}

/// Index after the terminator (BEL, ESC \ or 8-bit ST) of a control string, or the end.
fn string_end(chars: &[char], start: usize) -> usize {
    let mut i = start;
    while i < chars.len() {
        match chars[i] {
            '\x07' | '\u{9c}' => return i + 1,
            '\x1b' if chars.get(i + 1) == Some(&'\\') => return i + 2,
            // A new sequence starts: the string was unterminated.
            '\x1b' => return i,
            _ => i += 1,
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_each_family() {
        assert_eq!(
            escape_kinds("\x1b]52;c;SGk=\x07"),
            vec![EscapeKind::Clipboard]
        );
        assert_eq!(
            escape_kinds("\x1b]0;root@prod\x1b\\"),
            vec![EscapeKind::Title]
        );
        assert_eq!(
            escape_kinds("\x1b]8;;http://evil\x07x\x1b]8;;\x07"),
            vec![EscapeKind::Hyperlink]
        );
        assert_eq!(
            escape_kinds("\x1b[2J\x1b[H"),
            vec![EscapeKind::Erase, EscapeKind::CursorMove]
        );
        assert_eq!(escape_kinds("\x1b[?1049h"), vec![EscapeKind::ModeChange]);
        assert_eq!(escape_kinds("\u{9b}6n"), vec![EscapeKind::Query]);
        assert_eq!(
            escape_kinds("\x1bPq#0\x1b\\"),
            vec![EscapeKind::ControlString]
        );
        assert_eq!(
            escape_kinds("\u{9d}52;c;AA\u{9c}"),
            vec![EscapeKind::Clipboard]
        );
        assert_eq!(escape_kinds("\x1bc"), vec![EscapeKind::Erase]);
    }

    #[test]
    fn nothing_in_plain_text() {
        assert!(escape_kinds("plain [2J text").is_empty());
    }

    #[test]
    fn unterminated_and_truncated_do_not_panic() {
        assert_eq!(escape_kinds("\x1b]52;c;AAAA"), vec![EscapeKind::Clipboard]);
        assert_eq!(escape_kinds("\x1b["), vec![EscapeKind::OtherCsi]);
        assert_eq!(escape_kinds("\x1b"), vec![EscapeKind::Other]);
        assert_eq!(escape_kinds("\x1b]"), vec![EscapeKind::OtherOsc]);
    }
}
