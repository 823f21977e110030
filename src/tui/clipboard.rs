//! The clipboard over SSH: an OSC 52 sequence written to the terminal itself, wrapped for tmux's
//! passthrough when inside tmux. The text is sanitised and encoded by `crate::text`.

use std::io::{self, Write};

/// Writes `text` to the terminal's clipboard through OSC 52. `tmux` is whether `$TMUX` is set.
pub fn copy(out: &mut impl Write, text: &str, tmux: bool) -> io::Result<()> {
    out.write_all(osc52(text, tmux).as_bytes())?;
    out.flush()
}

/// True when running inside tmux (the sequence then needs the passthrough wrapper).
pub fn inside_tmux() -> bool {
    std::env::var_os("TMUX").is_some_and(|v| !v.is_empty())
}

fn osc52(text: &str, tmux: bool) -> String {
    use base64::Engine;
    // Control characters are dropped: a clipboard paste must not carry escapes into a shell.
    let clean: String = text
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect();
    let b64 = base64::engine::general_purpose::STANDARD.encode(clean.as_bytes());
    if tmux {
        format!("\x1bPtmux;\x1b\x1b]52;c;{b64}\x07\x1b\\")
    } else {
        format!("\x1b]52;c;{b64}\x07")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_tmux_sequences_carry_the_base64_of_the_clean_text() {
        let mut out = Vec::new();
        copy(&mut out, "cmd\x1b[2J.exe", false).unwrap();
        assert_eq!(out, b"\x1b]52;c;Y21kWzJKLmV4ZQ==\x07");
        let mut out = Vec::new();
        copy(&mut out, "id", true).unwrap();
        assert_eq!(out, b"\x1bPtmux;\x1b\x1b]52;c;aWQ=\x07\x1b\\");
    }
}
