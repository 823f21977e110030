//! Log-file escaping: one record per line whatever the data holds, so an alert field cannot
//! forge or hide log lines (CVE-2020-8445, CVE-2023-28486 are this class).

use super::charclass::{CharClass, classify};
use std::borrow::Cow;
use std::fmt::Write;

/// `s` with line breaks, controls, bidi controls and invisibles written as Rust-style escapes
/// (`\n`, `\x1b`, `\u{202e}`); borrowed when nothing needed escaping.
pub fn log_escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| !matches!(classify(c), CharClass::Plain)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        // Writing to a String cannot fail.
        let _ = match classify(c) {
            CharClass::Plain => {
                out.push(c);
                Ok(())
            }
            CharClass::Tab => write!(out, "\\t"),
            CharClass::LineFeed => write!(out, "\\n"),
            CharClass::CarriageReturn => write!(out, "\\r"),
            _ if (c as u32) < 0x80 => write!(out, "\\x{:02x}", c as u32),
            _ => write!(out, "\\u{{{:x}}}", c as u32),
        };
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_record_per_line() {
        assert!(matches!(log_escape("fine C:\\x"), Cow::Borrowed(_)));
        assert_eq!(
            log_escape("a\nFAKE: Authentication success\r\x1b[1A\x1b[2K\u{9b}\u{202e}\u{200b}\t"),
            "a\\nFAKE: Authentication success\\r\\x1b[1A\\x1b[2K\\u{9b}\\u{202e}\\u{200b}\\t"
        );
    }
}
