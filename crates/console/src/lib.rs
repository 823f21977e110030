//! The console: all state and the one function that changes it (`app`), and the pure render
//! functions that draw it (`ui`). No I/O: no tokio, HTTP or SQLite here, so every behaviour is
//! testable without a terminal or a network.

pub mod app;
pub mod ui;
