//! The clipboard over SSH: an OSC 52 sequence written to the terminal itself, wrapped for tmux's
//! passthrough when inside tmux. The sequence is built (and its text cleaned) by `mde_text`.

use std::io::{self, Write};

/// Writes `text` to the terminal's clipboard through OSC 52. `tmux` is the value of `$TMUX`.
pub fn copy(out: &mut impl Write, text: &str, tmux: Option<&str>) -> io::Result<()> {
    out.write_all(mde_text::osc52_sequence(text, tmux).as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_tmux_sequences_carry_the_base64_of_the_clean_text() {
        let mut out = Vec::new();
        copy(&mut out, "cmd\x1b[2J.exe", None).unwrap();
        assert!(out.starts_with(b"\x1b]52;c;") && out.ends_with(b"\x07"));
        assert_eq!(out.iter().filter(|b| **b == 0x1b).count(), 1, "{out:?}");
        let mut out = Vec::new();
        copy(&mut out, "id", Some("/tmp/tmux-0/default,1,0")).unwrap();
        assert_eq!(out, b"\x1bPtmux;\x1b\x1b]52;c;aWQ=\x07\x1b\\");
    }
}
