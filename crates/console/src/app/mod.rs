//! All console state and the one function that changes it. No I/O here.
//!
//! State is owned by features: `list`, `detail`, `triage`, `dialogs` (one folder per dialog),
//! `connection`, `chrome` (toasts), `view` (focus, zoom, display toggles); `keymap` turns keys
//! into actions; `update` routes messages to the features and holds the rules that cross them.
//! In each feature, `state.rs` (and the types it uses) never imports the root `State`; the
//! files that change it do. What an action acts on is one rule, in `subject`. See
//! docs/architecture.md (Console internals).

pub mod chrome;
pub mod config;
pub mod connection;
pub mod detail;
// Issue 10: the device panel and the answers about response actions.
pub mod device;
pub mod dialogs;
pub mod effects;
pub mod incidents;
pub mod keymap;
pub mod list;
pub mod rotation;
pub mod state;
pub mod story;
pub mod subject;
pub mod triage;
mod update;
pub mod view;

pub use config::AppConfig;
pub use dialogs::viewer::portal::portal_url;
pub use effects::Effects;
pub use keymap::{Action, BINDINGS, Mode, QuickView, action_for};
pub use state::State;
pub use update::{AppMsg, update, wants_idle};
pub use view::{Pane, TimeMode};
