//! mde-triage: a terminal console for triaging Microsoft Defender for Endpoint alerts.

pub mod api;
pub mod app;
pub mod cli;
pub mod config;
pub mod emulator;
pub mod logging;
pub use mde_model as model;
pub mod store;
pub mod sync;
pub use mde_text as text;
pub mod tui;
pub mod ui;
