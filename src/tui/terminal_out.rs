//! The terminal's output. The first failed write is reported, so the event loop learns that
//! the terminal is gone; every write after it is dropped. Restoring a dead terminal then
//! "succeeds", and ratatui's `Terminal` drop, which prints a failed cursor restore with
//! `eprintln!` (a panic when stderr is that same dead terminal), finds nothing to report.

use std::io::{self, Stdout, Write};

/// Standard output that goes quiet once it has failed.
#[derive(Debug)]
pub struct TerminalOut {
    out: Stdout,
    lost: bool,
}

impl TerminalOut {
    /// Standard output.
    pub fn stdout() -> TerminalOut {
        TerminalOut {
            out: io::stdout(),
            lost: false,
        }
    }

    fn note(&mut self, e: io::Error) -> io::Error {
        if e.kind() != io::ErrorKind::Interrupted {
            self.lost = true;
        }
        e
    }
}

impl Write for TerminalOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.lost {
            return Ok(buf.len());
        }
        self.out.write(buf).map_err(|e| self.note(e))
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.lost {
            return Ok(());
        }
        self.out.flush().map_err(|e| self.note(e))
    }
}
