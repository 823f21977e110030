//! Why a console session ended, and the exit status that says so.

use super::signals::StopSignal;

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitReason {
    /// The console asked to quit.
    Quit,
    /// A stop signal arrived.
    Signal(StopSignal),
    /// The terminal's input ended or could not be read: the terminal is gone (a hangup).
    InputClosed,
    /// Writing to the terminal failed: the terminal is gone.
    OutputFailed,
}

impl ExitReason {
    /// True when the terminal went away (its input ended, a read or write failed, or SIGHUP).
    pub fn terminal_gone(self) -> bool {
        matches!(
            self,
            ExitReason::InputClosed
                | ExitReason::OutputFailed
                | ExitReason::Signal(StopSignal::Hangup)
        )
    }

    /// The process's exit status: 0 for a quit, 128 + n for a signal, and for a terminal that
    /// went away the status of a hangup (129), however the console noticed it.
    pub fn exit_status(self) -> u8 {
        match self {
            ExitReason::Quit => 0,
            ExitReason::Signal(s) => s.exit_status(),
            ExitReason::InputClosed | ExitReason::OutputFailed => StopSignal::Hangup.exit_status(),
        }
    }
}
