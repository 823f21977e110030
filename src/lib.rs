//! mde-triage: a terminal console for triaging Microsoft Defender for Endpoint alerts.
//!
//! The root package is the application (console, CLI, terminal runtime); the layers it is built
//! on are the workspace's crates, re-exported here under their module names.

pub use mde_api as api;
pub mod app;
pub mod cli;
pub mod config;
#[cfg(feature = "demo")]
pub use mde_emulator as emulator;
pub mod logging;
pub use mde_model as model;
pub use mde_odata as odata;
pub use mde_store as store;
pub use mde_sync as sync;
pub use mde_text as text;
pub mod tui;
pub mod ui;
