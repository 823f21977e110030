//! The terminal guard: enter raw mode, the alternate screen, a hidden cursor and bracketed paste,
//! and undo ALL of it on drop, on panic (through a chained hook) and on signals (through the
//! event loop's orderly exit, which drops the guard).

use super::terminal_out::TerminalOut;
use crossterm::{
    cursor::{Hide, Show},
    event::{DisableBracketedPaste, EnableBracketedPaste},
    execute,
    terminal::{
        Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode,
        enable_raw_mode,
    },
};
use ratatui::{Terminal, backend::CrosstermBackend};
use std::io::{self, Write};
use std::sync::Once;

/// The ratatui terminal the console draws on.
pub type Tty = Terminal<CrosstermBackend<TerminalOut>>;

/// Owns the terminal while the console runs; dropping it restores the terminal.
pub struct TerminalGuard {
    terminal: Tty,
    restored: bool,
}

impl TerminalGuard {
    /// Installs the panic hook (once), then enters raw mode, the alternate screen, hides the cursor
    /// and enables bracketed paste. If any step fails, what was done is undone before returning.
    pub fn enter() -> io::Result<TerminalGuard> {
        install_panic_hook();
        enable_raw_mode()?;
        // Cleared with a plain escape: ratatui's `clear` asks the terminal for the cursor
        // position, and a terminal (or test harness) that never answers would stall start-up.
        let entered = execute!(
            io::stdout(),
            EnterAlternateScreen,
            Hide,
            EnableBracketedPaste,
            Clear(ClearType::All)
        )
        .and_then(|()| Terminal::new(CrosstermBackend::new(TerminalOut::stdout())));
        match entered {
            Ok(terminal) => Ok(TerminalGuard {
                terminal,
                restored: false,
            }),
            Err(e) => {
                restore_terminal();
                Err(e)
            }
        }
    }

    /// The ratatui terminal.
    pub fn terminal(&mut self) -> &mut Tty {
        &mut self.terminal
    }

    /// Restores the terminal now (idempotent); the guard's drop then does nothing.
    pub fn restore(&mut self) {
        if !self.restored {
            self.restored = true;
            restore_terminal();
            // Tell ratatui too, or its drop shows the cursor once more and, on a terminal that
            // is gone, reports the failure on stderr (that same terminal). On a dead terminal
            // this write fails and the output goes quiet, so the drop's retry succeeds.
            let _ = self.terminal.show_cursor();
        }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        self.restore();
    }
}

/// Ctrl-Z: hands the terminal back, stops the process as the shell expects (SIGTSTP), and
/// takes the terminal again when the shell continues it (`fg`). The caller redraws in full.
pub fn suspend_process() -> io::Result<()> {
    restore_terminal();
    // SAFETY: raise() only sends a signal to this process; SIGTSTP has its default action
    // (stop) because no handler is installed for it.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        Hide,
        EnableBracketedPaste,
        Clear(ClearType::All)
    )
}

/// Undoes everything `enter` did. Safe to call at any time and more than once; errors are
/// ignored because this runs on paths (panic, signal) where nothing better can be done.
pub fn restore_terminal() {
    let mut out = io::stdout();
    // Bytes first, then raw mode off, so the shell prompt lands on a normal screen.
    let _ = execute!(out, DisableBracketedPaste, LeaveAlternateScreen, Show);
    let _ = out.flush();
    let _ = disable_raw_mode();
}

/// Chains a panic hook that restores the terminal before the previous hook prints the report,
/// so the message is readable and the shell is usable. Installed at most once.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore_terminal();
            previous(info);
        }));
    });
}
