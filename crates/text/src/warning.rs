//! The words behind a warning badge: what trick a value carries and what it really is
//! (`invoice⟨RLO⟩fdp.exe` shows as `invoiceexe.pdf` but ends in .exe).

use super::charclass::{CharClass, classify};
use super::escapes::escape_kinds;
use super::sanitize::{inspect, sanitize_line};
use super::script::lookalike_letters;
use super::width::truncate;

/// Widest quoted value inside a warning, in columns.
const QUOTE_COLS: usize = 60;

/// One sentence per trick found in `raw`, joined by `; `; `None` for an innocent value.
/// Meant for single-line fields (names, paths, command lines): a line break is reported too.
/// Every quoted piece is sanitised, so the warning is as safe to print as the value.
pub fn warning(raw: &str) -> Option<String> {
    let flags = inspect(raw);
    if !flags.any() && !flags.newline {
        return None;
    }
    let mut parts = Vec::new();
    if flags.bidi {
        parts.push(bidi_sentence(raw));
    }
    if flags.control {
        let kinds = escape_kinds(raw);
        if kinds.is_empty() {
            parts.push(
                "contains control characters (shown as ␀…␟, never sent to the terminal)"
                    .to_string(),
            );
        } else {
            let what: Vec<&str> = kinds.iter().map(|k| k.describe()).collect();
            parts.push(format!(
                "contains terminal escape sequences: {} (shown as ␛…, never sent to the terminal)",
                what.join(", ")
            ));
        }
    }
    if flags.invisible {
        parts.push(format!(
            "contains invisible characters: {}",
            invisible_names(raw).join(", ")
        ));
    }
    if flags.mixed_script {
        let letters: Vec<String> = lookalike_letters(raw, 4)
            .into_iter()
            .map(|(c, s)| format!("{} “{c}” (U+{:04X})", s.name(), c as u32))
            .collect();
        parts.push(format!(
            "mixes look-alike letters into Latin text: {}",
            letters.join(", ")
        ));
    }
    if flags.stacked_marks {
        parts.push("stacks more combining marks on one character than a cell can show".to_string());
    }
    if flags.newline {
        parts.push("contains a line break (shown as ⏎)".to_string());
    }
    Some(parts.join("; "))
}

fn bidi_sentence(raw: &str) -> String {
    let real = quoted(raw);
    if !raw.contains(['\u{202e}', '\u{202b}']) {
        return format!(
            "contains bidirectional controls that reorder what is shown: really “{real}”"
        );
    }
    let shown = quoted(&apparent(raw));
    let mut s = format!("contains a right-to-left override: shows as “{shown}” but is “{real}”");
    if let Some(ext) = real_extension(raw)
        && real_extension(&apparent(raw)).as_deref() != Some(ext.as_str())
    {
        s.push_str(&format!(" → really ends in .{}", quoted(&ext)));
    }
    s
}

fn quoted(s: &str) -> String {
    truncate(&sanitize_line(s).text, QUOTE_COLS).into_owned()
}

/// Distinct names of the invisible characters in `raw` (`ZWSP`, `BOM`, `U+E0041`), at most six.
fn invisible_names(raw: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for c in raw.chars() {
        if let CharClass::Invisible(t) = classify(c) {
            let v = t.visible();
            let name = v.trim_start_matches('⟨').trim_end_matches('⟩').to_string();
            if !names.contains(&name) {
                names.push(name);
            }
            if names.len() == 6 {
                break;
            }
        }
    }
    names
}

/// Every non-ASCII letter annotated with its code point, controls and tricks as tokens: the
/// "show code points" view (`svchо⟨U+043E⟩st.exe`). Sanitised like any display text.
pub fn reveal_codepoints(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() * 2);
    let mut buf = [0u8; 4];
    for c in raw.chars() {
        let one = sanitize_line(c.encode_utf8(&mut buf));
        out.push_str(&one.text);
        if !c.is_ascii() && matches!(classify(c), CharClass::Plain) {
            out.push_str(&format!("⟨U+{:04X}⟩", c as u32));
        }
    }
    out
}

/// The value without bidi controls and invisibles, in logical order: what the file system,
/// the shell and a search see.
pub fn logical(raw: &str) -> String {
    raw.chars()
        .filter(|&c| !matches!(classify(c), CharClass::Bidi(_) | CharClass::Invisible(_)))
        .collect()
}

/// Approximately what a bidi-aware display shows: runs after a right-to-left override or
/// embedding (up to its PDF, an isolate end or a line end) are reversed. Good enough to show
/// the classic extension spoof; it is not the full Unicode bidi algorithm.
pub fn apparent(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut run: Option<Vec<char>> = None;
    let close = |out: &mut String, run: &mut Option<Vec<char>>| {
        if let Some(r) = run.take() {
            out.extend(r.into_iter().rev());
        }
    };
    for c in raw.chars() {
        match c {
            '\u{202e}' | '\u{202b}' => {
                close(&mut out, &mut run);
                run = Some(Vec::new());
            }
            '\u{202c}' | '\u{2069}' | '\n' | '\r' => {
                close(&mut out, &mut run);
                if !matches!(classify(c), CharClass::Bidi(_)) {
                    out.push(c);
                }
            }
            _ if matches!(classify(c), CharClass::Bidi(_) | CharClass::Invisible(_)) => {}
            _ => match run.as_mut() {
                Some(r) => r.push(c),
                None => out.push(c),
            },
        }
    }
    close(&mut out, &mut run);
    out
}

/// The extension the operating system sees, lower-cased, from the logical order of the last
/// path component (trailing dots and spaces dropped, as Windows does). `None` without one.
pub fn real_extension(raw: &str) -> Option<String> {
    let name = logical(raw);
    let file = name.rsplit(['\\', '/']).next().unwrap_or(&name);
    let file = file.trim_end_matches(['.', ' ']);
    let (stem, ext) = file.rsplit_once('.')?;
    if stem.is_empty() || ext.is_empty() || ext.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return None;
    }
    Some(ext.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rlo_spoof_is_explained() {
        let w = warning("invoice\u{202e}fdp.exe").unwrap_or_default();
        assert!(w.contains("right-to-left override"), "{w}");
        assert!(w.contains("shows as “invoiceexe.pdf”"), "{w}");
        assert!(w.contains("“invoice⟨RLO⟩fdp.exe”"), "{w}");
        assert!(w.contains("really ends in .exe"), "{w}");
    }

    #[test]
    fn real_extension_uses_logical_order() {
        assert_eq!(
            real_extension("invoice\u{202e}fdp.exe").as_deref(),
            Some("exe")
        );
        assert_eq!(
            real_extension("C:\\Users\\a\\Report\u{202e}cod.scr").as_deref(),
            Some("scr")
        );
        assert_eq!(real_extension("photo.JPG. . ").as_deref(), Some("jpg"));
        assert_eq!(real_extension("README"), None);
        assert_eq!(real_extension(".bashrc"), None);
        assert_eq!(apparent("Report\u{202e}cod.scr"), "Reportrcs.doc");
    }

    #[test]
    fn escapes_are_named() {
        let w = warning("x\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[2J").unwrap_or_default();
        assert!(w.contains("clipboard write (OSC 52)"), "{w}");
        assert!(w.contains("screen or line erase"), "{w}");
        assert!(!w.contains('\x1b'));
    }

    #[test]
    fn invisibles_and_homoglyphs_are_named() {
        let w = warning("ad\u{200b}min\u{feff}").unwrap_or_default();
        assert!(w.contains("ZWSP, BOM"), "{w}");
        let w = warning("svch\u{43e}st.exe").unwrap_or_default();
        assert!(w.contains("Cyrillic “о” (U+043E)"), "{w}");
    }

    #[test]
    fn code_points_on_demand() {
        assert_eq!(reveal_codepoints("svch\u{43e}st"), "svchо⟨U+043E⟩st");
        assert_eq!(reveal_codepoints("a\u{202e}\x1b"), "a⟨RLO⟩␛");
    }

    #[test]
    fn innocent_values_have_no_warning() {
        assert_eq!(warning("C:\\Windows\\System32\\svchost.exe"), None);
        assert_eq!(warning("東京 café"), None);
    }
}
