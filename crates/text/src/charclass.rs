//! What each code point is to the sanitiser: printable, a control, a bidi control or an
//! invisible, and the visible token that stands in for it.

use std::fmt::Write;

/// How one code point must be treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharClass {
    /// Printed as it is.
    Plain,
    /// Horizontal tab: expanded to spaces.
    Tab,
    /// Line feed: kept in multi-line fields, a marker in single-line ones.
    LineFeed,
    /// Carriage return: part of CRLF, or on its own a line-overwrite trick.
    CarriageReturn,
    /// A C0/C1 control or DEL (this includes ESC, which starts every escape sequence).
    Control(Token),
    /// A bidirectional formatting control.
    Bidi(Token),
    /// A character that renders as nothing (zero-width, BOM, soft hyphen, tags, fillers).
    Invisible(Token),
}

/// The visible stand-in for a character that must not act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    /// A single visible symbol (Unicode control pictures for C0, `␡` for DEL).
    Symbol(char),
    /// A short name shown as `⟨NAME⟩`.
    Name(&'static str),
    /// A code point shown as `⟨U+XXXX⟩` (invisibles without a well-known short name).
    Code(u32),
}

impl Token {
    /// Appends the visible form to `out`.
    pub fn write_to(self, out: &mut String) {
        match self {
            Token::Symbol(c) => out.push(c),
            Token::Name(n) => {
                out.push('⟨');
                out.push_str(n);
                out.push('⟩');
            }
            Token::Code(cp) => {
                // Writing to a String cannot fail.
                let _ = write!(out, "⟨U+{cp:04X}⟩");
            }
        }
    }

    /// The visible form as an owned string.
    pub fn visible(self) -> String {
        let mut s = String::new();
        self.write_to(&mut s);
        s
    }
}

/// Names of the 32 C1 controls U+0080–U+009F (ECMA-48 §5.3), in order.
const C1_NAMES: [&str; 32] = [
    "PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD", "PLU",
    "RI", "SS2", "SS3", "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS", "SGCI",
    "SCI", "CSI", "ST", "OSC", "PM", "APC",
];

/// Classifies one code point.
pub fn classify(c: char) -> CharClass {
    let cp = c as u32;
    match cp {
        0x09 => CharClass::Tab,
        0x0A => CharClass::LineFeed,
        0x0D => CharClass::CarriageReturn,
        // C0 controls become their Unicode control pictures (␛ for ESC, ␇ for BEL).
        0x00..=0x1F => CharClass::Control(Token::Symbol(control_picture(cp))),
        0x20..=0x7E => CharClass::Plain,
        0x7F => CharClass::Control(Token::Symbol('␡')),
        0x80..=0x9F => CharClass::Control(Token::Name(C1_NAMES[(cp - 0x80) as usize])),
        _ => classify_non_ascii(cp),
    }
}

fn control_picture(cp: u32) -> char {
    char::from_u32(0x2400 + cp).unwrap_or('�')
}

fn classify_non_ascii(cp: u32) -> CharClass {
    let bidi = |n| CharClass::Bidi(Token::Name(n));
    let inv = |n| CharClass::Invisible(Token::Name(n));
    match cp {
        0x202A => bidi("LRE"),
        0x202B => bidi("RLE"),
        0x202C => bidi("PDF"),
        0x202D => bidi("LRO"),
        0x202E => bidi("RLO"),
        0x2066 => bidi("LRI"),
        0x2067 => bidi("RLI"),
        0x2068 => bidi("FSI"),
        0x2069 => bidi("PDI"),
        0x200E => bidi("LRM"),
        0x200F => bidi("RLM"),
        0x061C => bidi("ALM"),
        0x200B => inv("ZWSP"),
        0x200C => inv("ZWNJ"),
        0x200D => inv("ZWJ"),
        0x2060 => inv("WJ"),
        0xFEFF => inv("BOM"),
        0x00AD => inv("SHY"),
        0x2028 => inv("LSEP"),
        0x2029 => inv("PSEP"),
        0x034F => inv("CGJ"),
        0x180E => inv("MVS"),
        // Hangul fillers render blank and are used to make invisible identifiers.
        0x115F | 0x1160 | 0x3164 | 0xFFA0 => inv("HF"),
        _ if is_other_format(cp) => CharClass::Invisible(Token::Code(cp)),
        _ => CharClass::Plain,
    }
}

/// Remaining format (Cf) characters: invisible operators, deprecated format controls,
/// interlinear annotations, tag characters (used to smuggle hidden ASCII) and the like.
fn is_other_format(cp: u32) -> bool {
    matches!(cp,
        0x0600..=0x0605 | 0x06DD | 0x070F | 0x0890..=0x0891 | 0x08E2 |
        0x2061..=0x2064 | 0x206A..=0x206F | 0xFFF9..=0xFFFB |
        0x110BD | 0x110CD | 0x13430..=0x1343F | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A |
        // The whole Tags block, unassigned members too: a terminal may draw them as nothing.
        0xE0000..=0xE007F)
}

/// True for any character the sanitiser never lets through unchanged.
pub fn is_unsafe(c: char) -> bool {
    !matches!(classify(c), CharClass::Plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c0_become_control_pictures() {
        assert_eq!(classify('\x1b'), CharClass::Control(Token::Symbol('␛')));
        assert_eq!(classify('\x07'), CharClass::Control(Token::Symbol('␇')));
        assert_eq!(classify('\0'), CharClass::Control(Token::Symbol('␀')));
    }

    #[test]
    fn c1_have_their_ecma_names() {
        assert_eq!(classify('\u{9b}'), CharClass::Control(Token::Name("CSI")));
        assert_eq!(classify('\u{9d}'), CharClass::Control(Token::Name("OSC")));
        assert_eq!(classify('\u{85}'), CharClass::Control(Token::Name("NEL")));
        assert_eq!(classify('\u{9f}'), CharClass::Control(Token::Name("APC")));
    }

    #[test]
    fn bidi_and_invisible_tokens() {
        assert_eq!(Token::Name("RLO").visible(), "⟨RLO⟩");
        assert_eq!(classify('\u{202e}'), CharClass::Bidi(Token::Name("RLO")));
        assert_eq!(
            classify('\u{200b}'),
            CharClass::Invisible(Token::Name("ZWSP"))
        );
        assert_eq!(
            classify('\u{e0041}'),
            CharClass::Invisible(Token::Code(0xE0041))
        );
        assert_eq!(Token::Code(0xE0041).visible(), "⟨U+E0041⟩");
    }

    #[test]
    fn unassigned_tag_characters_are_invisible_too() {
        // Found by the hostile-text property test: U+E0000 and U+E0002 passed through.
        for cp in [0xE0000, 0xE0002, 0xE001F, 0xE007F] {
            let c = char::from_u32(cp).unwrap();
            assert_eq!(
                classify(c),
                CharClass::Invisible(Token::Code(cp)),
                "U+{cp:X}"
            );
        }
    }

    #[test]
    fn ordinary_text_is_plain() {
        for c in ['a', ' ', '~', 'é', '中', '😀', 'о'] {
            assert_eq!(classify(c), CharClass::Plain, "{c:?}");
        }
    }
}
