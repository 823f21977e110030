//! What an on-call rotation needs around the triage loop, as plain data and pure functions the
//! console and the CLI share: validated key remaps, theme overrides, saved views, per-severity
//! SLA targets, time zones, the export writer, notification escapes and the shift handoff report.
//! No I/O beyond writing to a caller's `io::Write`: the console may depend on this crate.

pub mod audit;
pub mod duration;
pub mod export;
pub mod handoff;
pub mod keys;
pub mod notify;
pub mod settings;
pub mod sla;
pub mod suggest;
pub mod theme;
pub mod views;
pub mod zone;

pub use duration::{format_duration, parse_duration};
pub use export::{EXPORT_COLUMNS, ExportItem, write_alerts, write_export};
pub use keys::{BindingInfo, KeyChord, KeyName, KeyRemap, RemapError, RemapRequest};
pub use notify::{DesktopNotify, NotifyConfig};
pub use settings::ConsoleSettings;
pub use sla::{SlaClock, SlaPolicy, SlaState, SlaTarget, SlaVerdict};
pub use theme::{Role, RoleStyle, ThemeColor, ThemeOverrides};
pub use views::{SavedView, ViewCatalog, ViewSort, ViewWindow};
pub use zone::Zone;
