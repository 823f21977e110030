//! One key with its modifiers, as the config writes it: `q`, `G`, `ctrl-d`, `alt-x`,
//! `shift-space`, `shift-tab`, `PgDn`, `F5`. Held canonical, so two spellings of one key compare
//! equal: a capital letter stands for Shift (terminals disagree on whether they also send it).

use std::fmt;

/// The key itself, without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyName {
    /// A character key (`a`, `G`, `/`, ` `).
    Char(char),
    /// Enter / Return.
    Enter,
    /// Escape.
    Esc,
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Backspace.
    Backspace,
    /// Delete.
    Delete,
    /// Insert.
    Insert,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Home.
    Home,
    /// End.
    End,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// A function key, F1 to F12.
    F(u8),
}

/// A key and its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyChord {
    /// The key.
    pub key: KeyName,
    /// Control held.
    pub ctrl: bool,
    /// Alt (Meta) held.
    pub alt: bool,
    /// Shift held; never set for characters other than space (the character says it).
    pub shift: bool,
}

const NAMES: &[(&str, KeyName)] = &[
    ("space", KeyName::Char(' ')),
    ("spc", KeyName::Char(' ')),
    ("enter", KeyName::Enter),
    ("return", KeyName::Enter),
    ("ret", KeyName::Enter),
    ("esc", KeyName::Esc),
    ("escape", KeyName::Esc),
    ("tab", KeyName::Tab),
    ("backtab", KeyName::BackTab),
    ("backspace", KeyName::Backspace),
    ("bs", KeyName::Backspace),
    ("delete", KeyName::Delete),
    ("del", KeyName::Delete),
    ("insert", KeyName::Insert),
    ("ins", KeyName::Insert),
    ("up", KeyName::Up),
    ("down", KeyName::Down),
    ("left", KeyName::Left),
    ("right", KeyName::Right),
    ("home", KeyName::Home),
    ("end", KeyName::End),
    ("pgup", KeyName::PageUp),
    ("pageup", KeyName::PageUp),
    ("page-up", KeyName::PageUp),
    ("pgdn", KeyName::PageDown),
    ("pgdown", KeyName::PageDown),
    ("pagedown", KeyName::PageDown),
    ("page-down", KeyName::PageDown),
];

const MODIFIERS: &[(&str, u8)] = &[
    ("ctrl", 0),
    ("control", 0),
    ("c", 0),
    ("alt", 1),
    ("meta", 1),
    ("m", 1),
    ("shift", 2),
    ("s", 2),
];

impl KeyChord {
    /// A plain key with no modifiers.
    pub const fn plain(key: KeyName) -> Self {
        KeyChord {
            key,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    /// Parses a key as the config writes it.
    pub fn parse(text: &str) -> Result<KeyChord, String> {
        let s = text.trim_matches(|c: char| c == '\t' || c == '\n');
        if s.is_empty() {
            return Err("an empty key (write e.g. \"q\", \"ctrl-d\" or \"PgDn\")".into());
        }
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        let mut rest = s;
        // Strip `mod-` / `mod+` prefixes while something is left after them ("-" alone is a key).
        'strip: loop {
            for (name, which) in MODIFIERS {
                for sep in ['-', '+'] {
                    let Some(head) = rest.get(..name.len()) else {
                        continue;
                    };
                    let after = &rest[name.len()..];
                    if head.eq_ignore_ascii_case(name) && after.starts_with(sep) && after.len() > 1
                    {
                        match which {
                            0 => ctrl = true,
                            1 => alt = true,
                            _ => shift = true,
                        }
                        rest = &after[1..];
                        continue 'strip;
                    }
                }
            }
            break;
        }
        let mut chars = rest.chars();
        let key = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyName::Char(c),
            _ => {
                let lower = rest.to_ascii_lowercase();
                if let Some((_, k)) = NAMES.iter().find(|(n, _)| *n == lower) {
                    *k
                } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    if !(1..=12).contains(&n) {
                        return Err(format!("{text:?}: function keys are F1 to F12"));
                    }
                    KeyName::F(n)
                } else {
                    return Err(format!(
                        "{text:?} is not a key (write a character, or ctrl-/alt-/shift- with one of: \
                         space enter esc tab backspace delete insert up down left right home end pgup pgdn f1..f12)"
                    ));
                }
            }
        };
        canonical(key, ctrl, alt, shift).map_err(|e| format!("{text:?}: {e}"))
    }

    /// How help and hints write the key (`j`, `Ctrl-d`, `PgDn`, `Space`), as the console does.
    pub fn label(&self) -> String {
        let base = match self.key {
            KeyName::Char(' ') => "Space".to_string(),
            KeyName::Char(c) => c.to_string(),
            KeyName::Up => "↑".into(),
            KeyName::Down => "↓".into(),
            KeyName::Left => "←".into(),
            KeyName::Right => "→".into(),
            KeyName::PageUp => "PgUp".into(),
            KeyName::PageDown => "PgDn".into(),
            KeyName::Home => "Home".into(),
            KeyName::End => "End".into(),
            KeyName::Enter => "Enter".into(),
            KeyName::Esc => "Esc".into(),
            KeyName::Tab => "Tab".into(),
            KeyName::BackTab => "Shift-Tab".into(),
            KeyName::Backspace => "Backspace".into(),
            KeyName::Delete => "Delete".into(),
            KeyName::Insert => "Insert".into(),
            KeyName::F(n) => format!("F{n}"),
        };
        let mut s = String::new();
        if self.ctrl {
            s.push_str("Ctrl-");
        }
        if self.alt {
            s.push_str("Alt-");
        }
        if self.shift {
            s.push_str("Shift-");
        }
        s.push_str(&base);
        s
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// One spelling per key: Shift folds into letters and Tab; Ctrl letters are lower-case.
fn canonical(key: KeyName, ctrl: bool, alt: bool, shift: bool) -> Result<KeyChord, String> {
    let chord = |key| KeyChord {
        key,
        ctrl,
        alt,
        shift: false,
    };
    match key {
        KeyName::Char(c) if c.is_control() => Err("control characters are not keys".into()),
        KeyName::Char(' ') => Ok(KeyChord {
            shift,
            ..chord(key)
        }),
        KeyName::Char(c) if shift && c.is_ascii_lowercase() => {
            Ok(chord(KeyName::Char(c.to_ascii_uppercase())))
        }
        KeyName::Char(c) if shift && !c.is_ascii_uppercase() => Err(format!(
            "write the shifted character itself rather than shift-{c} (keyboard layouts differ)"
        )),
        KeyName::Char(c) if ctrl && c.is_ascii_uppercase() => {
            // Terminals send Ctrl-Shift-letter as Ctrl-letter: the two cannot be told apart.
            Ok(chord(KeyName::Char(c.to_ascii_lowercase())))
        }
        KeyName::Tab if shift => Ok(chord(KeyName::BackTab)),
        other => Ok(KeyChord {
            shift,
            ..chord(other)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> KeyChord {
        KeyChord::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn spellings_of_one_key_are_equal() {
        assert_eq!(p("ctrl-d"), p("C-d"));
        assert_eq!(p("Ctrl+D"), p("ctrl-d"));
        assert_eq!(p("shift-g"), p("G"));
        assert_eq!(p("shift-tab"), p("backtab"));
        assert_eq!(p("PgDn"), p("pagedown"));
        assert_eq!(p("space"), KeyChord::plain(KeyName::Char(' ')));
        assert_ne!(p("shift-space"), p("space"));
        assert_eq!(p("-"), KeyChord::plain(KeyName::Char('-')));
        assert_eq!(p("ctrl--").key, KeyName::Char('-'));
        assert_eq!(p("s"), KeyChord::plain(KeyName::Char('s')));
        assert_eq!(p("F5").key, KeyName::F(5));
        assert!(p("alt-x").alt);
    }

    #[test]
    fn labels_match_the_console() {
        assert_eq!(p("ctrl-d").label(), "Ctrl-d");
        assert_eq!(p("PgDn").label(), "PgDn");
        assert_eq!(p("space").label(), "Space");
        assert_eq!(p("shift-space").label(), "Shift-Space");
        assert_eq!(p("shift-tab").label(), "Shift-Tab");
        assert_eq!(p("G").label(), "G");
        assert_eq!(p("up").label(), "↑");
    }

    #[test]
    fn mistakes_say_what_to_write() {
        for bad in ["", "ctrl-", "pgdwn", "F13", "shift-1", "ctrl-foo", "\u{1b}"] {
            assert!(KeyChord::parse(bad).is_err(), "{bad:?}");
        }
        assert!(
            KeyChord::parse("shift-1")
                .unwrap_err()
                .contains("shifted character")
        );
    }
}
