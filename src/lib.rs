//! mde-triage: a terminal console for triaging Microsoft Defender for Endpoint alerts.
//!
//! The root package is the application: the CLI, the configuration and the terminal runtime.
//! The layers it is built on are the workspace's crates (`crates/`, see docs/architecture.md).

pub mod cli;
pub mod config;
pub mod logging;
pub mod tui;
