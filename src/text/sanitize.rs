//! The sanitiser. Every string that came from the API passes through here before it reaches a
//! terminal, a clipboard, a CSV cell or a log line.
//!
//! PLACEHOLDER IMPLEMENTATION: the API below is the contract the UI codes against; the text
//! helper replaces the body with the full treatment (visible escapes, bidi, invisibles, mixed
//! scripts, width).

use std::borrow::Cow;

/// What the sanitiser found in a string; drives the warning badges.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    /// C0/C1 controls or escape sequences were present.
    pub control: bool,
    /// Bidirectional controls (U+202E …) were present.
    pub bidi: bool,
    /// Invisible characters (zero-width, BOM, soft hyphen) were present.
    pub invisible: bool,
    /// Letters from more than one script in one word (homoglyph risk).
    pub mixed_script: bool,
    /// Line breaks were present in a single-line field.
    pub newline: bool,
}

impl Flags {
    /// True when anything suspicious was found.
    pub fn any(&self) -> bool {
        self.control || self.bidi || self.invisible || self.mixed_script
    }
}

/// A sanitised string and what was found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sanitized<'a> {
    /// Safe to print: no control characters, tricks made visible.
    pub text: Cow<'a, str>,
    /// Findings.
    pub flags: Flags,
}

/// Sanitises a single-line field (title, device, file name, command line in a list).
pub fn sanitize_line(s: &str) -> Sanitized<'_> {
    sanitize(s, false)
}

/// Sanitises a multi-line field (description, comment, full command line): newlines kept.
pub fn sanitize_multiline(s: &str) -> Sanitized<'_> {
    sanitize(s, true)
}

fn sanitize(s: &str, keep_newlines: bool) -> Sanitized<'_> {
    let bad = |c: char| c.is_control() && !(keep_newlines && c == '\n');
    if !s.chars().any(bad) {
        return Sanitized {
            text: Cow::Borrowed(s),
            flags: Flags::default(),
        };
    }
    let mut flags = Flags::default();
    let text = s
        .chars()
        .map(|c| {
            if bad(c) {
                if c == '\n' || c == '\r' {
                    flags.newline = true;
                    '⏎'
                } else {
                    flags.control = true;
                    '␛'
                }
            } else {
                c
            }
        })
        .collect();
    Sanitized {
        text: Cow::Owned(text),
        flags,
    }
}
