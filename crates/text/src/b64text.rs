//! Tolerant base64 and text-encoding guesses for payloads found in command lines: whitespace
//! and line breaks inside, missing padding, UTF-16LE or UTF-8, all without ever panicking.

use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// Largest base64 payload decoded (characters); beyond it the payload is reported, not decoded.
pub const MAX_INPUT: usize = 1 << 20;

/// Why a payload could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Base64Error {
    /// Nothing but whitespace.
    #[error("empty base64 payload")]
    Empty,
    /// Over [`MAX_INPUT`].
    #[error("base64 payload of {len} characters is too large to decode")]
    TooLarge {
        /// Its length in characters.
        len: usize,
    },
    /// A character outside the base64 alphabet.
    #[error("invalid base64: {ch:?} at position {at}")]
    InvalidChar {
        /// The offending character.
        ch: char,
        /// Its position among the payload's characters.
        at: usize,
    },
    /// A length no base64 encoder produces (one character over a whole group).
    #[error("invalid base64: truncated payload")]
    Truncated,
}

/// How decoded bytes read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-16 little-endian, what `-EncodedCommand` always carries.
    Utf16Le,
    /// UTF-8.
    Utf8,
}

/// Decoded bytes, interpreted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    /// Readable text (raw: sanitise before display).
    Text {
        /// The text.
        text: String,
        /// How it was encoded.
        encoding: TextEncoding,
    },
    /// Not text: shellcode, a compressed stream, an image…
    Binary {
        /// Number of bytes.
        len: usize,
        /// Starts with the gzip magic (PowerShell stagers often gunzip the next layer).
        gzip: bool,
    },
}

const ENGINE: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Decodes standard base64, ignoring whitespace and tolerating missing padding.
pub fn decode_base64(payload: &str) -> Result<Vec<u8>, Base64Error> {
    if payload.len() > MAX_INPUT {
        return Err(Base64Error::TooLarge {
            len: payload.chars().count(),
        });
    }
    let mut clean = String::with_capacity(payload.len());
    for (at, ch) in payload.chars().filter(|c| !c.is_whitespace()).enumerate() {
        match ch {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '+' | '/' | '=' => clean.push(ch),
            _ => return Err(Base64Error::InvalidChar { ch, at }),
        }
    }
    let body = clean.trim_end_matches('=');
    if let Some(at) = body.find('=') {
        return Err(Base64Error::InvalidChar { ch: '=', at });
    }
    if body.is_empty() {
        return Err(Base64Error::Empty);
    }
    if body.len() % 4 == 1 {
        return Err(Base64Error::Truncated);
    }
    ENGINE.decode(body).map_err(|_| Base64Error::Truncated)
}

/// Share of characters that belong in a script: printable or ordinary whitespace.
fn printable_share(text: &str) -> f64 {
    let (mut good, mut all) = (0usize, 0usize);
    for c in text.chars() {
        all += 1;
        if (!c.is_control() || matches!(c, '\t' | '\n' | '\r')) && c != '\u{fffd}' {
            good += 1;
        }
    }
    if all == 0 {
        0.0
    } else {
        good as f64 / all as f64
    }
}

/// Reads bytes as UTF-16LE whatever they hold (what PowerShell itself does with
/// `-EncodedCommand`); unpaired surrogates become U+FFFD and an odd last byte is dropped.
pub fn utf16le_lossy(bytes: &[u8]) -> String {
    let units = bytes
        .chunks_exact(2)
        .map(|p| u16::from_le_bytes([p[0], p[1]]));
    char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{fffd}'))
        .collect()
}

/// Reads bytes as UTF-16LE text when that is plausible.
pub fn as_utf16le(bytes: &[u8]) -> Option<String> {
    if bytes.len() < 2 {
        return None;
    }
    let units = bytes
        .chunks_exact(2)
        .map(|p| u16::from_le_bytes([p[0], p[1]]));
    let text: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{fffd}'))
        .collect();
    // Random bytes read as UTF-16 are mostly printable CJK: require a mostly-ASCII script.
    let ascii = text.chars().filter(char::is_ascii).count();
    (printable_share(&text) >= 0.9 && ascii * 2 >= text.chars().count()).then_some(text)
}

/// Reads bytes as UTF-8 text when that is plausible.
pub fn as_utf8(bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    (printable_share(text) >= 0.9).then(|| text.to_string())
}

/// UTF-16LE when most high bytes are zero (ASCII-range script), else UTF-8, else binary.
pub fn interpret(bytes: &[u8]) -> Payload {
    let odd_zero = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let looks_utf16 = bytes.len() >= 2 && odd_zero * 2 >= bytes.len() / 2;
    if looks_utf16 && let Some(text) = as_utf16le(bytes) {
        return Payload::Text {
            text,
            encoding: TextEncoding::Utf16Le,
        };
    }
    if let Some(text) = as_utf8(bytes) {
        return Payload::Text {
            text,
            encoding: TextEncoding::Utf8,
        };
    }
    Payload::Binary {
        len: bytes.len(),
        gzip: bytes.starts_with(&[0x1f, 0x8b]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerates_whitespace_and_missing_padding() {
        assert_eq!(decode_base64("SGVs\r\n bG8").as_deref(), Ok(&b"Hello"[..]));
        assert_eq!(decode_base64("SGVsbG8=").as_deref(), Ok(&b"Hello"[..]));
    }

    #[test]
    fn invalid_input_is_an_error_value() {
        assert_eq!(
            decode_base64("SGV$bG8"),
            Err(Base64Error::InvalidChar { ch: '$', at: 3 })
        );
        assert_eq!(decode_base64("   "), Err(Base64Error::Empty));
        assert_eq!(decode_base64("SGVsb"), Err(Base64Error::Truncated));
        assert!(matches!(
            decode_base64("S=GV"),
            Err(Base64Error::InvalidChar { ch: '=', .. })
        ));
        let big = "A".repeat(MAX_INPUT + 4);
        assert!(matches!(
            decode_base64(&big),
            Err(Base64Error::TooLarge { .. })
        ));
    }

    #[test]
    fn picks_the_encoding() {
        let utf16: Vec<u8> = "IEX (New-Object Net.WebClient)"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(matches!(
            interpret(&utf16),
            Payload::Text {
                encoding: TextEncoding::Utf16Le,
                ..
            }
        ));
        assert!(matches!(
            interpret(b"Write-Host hi"),
            Payload::Text {
                encoding: TextEncoding::Utf8,
                ..
            }
        ));
        assert_eq!(
            interpret(&[0x1f, 0x8b, 8, 0, 0xff, 0xfe, 0x01]),
            Payload::Binary { len: 7, gzip: true }
        );
    }
}
