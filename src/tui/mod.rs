//! The terminal runtime: raw mode, restore on every exit path, the event loop, OSC 52.

pub mod app_console;
pub mod clipboard;
pub mod console;
pub mod event_loop;
pub mod exit_reason;
pub mod input;
// Issue 14: the last frame while queued writes are sent on the way out.
pub mod farewell;
pub mod rotation;
pub mod session;
pub mod signals;
pub mod sync_output;
pub mod terminal;
pub mod terminal_out;

pub use app_console::AppConsole;
pub use console::Console;
pub use event_loop::{ExitReason, LoopChannels, LoopOptions, run_loop};
pub use session::run_session;
pub use terminal::{TerminalGuard, install_panic_hook, restore_terminal, suspend_process};

#[cfg(test)]
mod event_loop_tests;
#[cfg(test)]
mod test_writer;
