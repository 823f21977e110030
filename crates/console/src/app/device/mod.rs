//! The device side of the console (issue 10): the device panel for the subject alert's machine
//! (its context, containment derived from its actions, our actions' live status, the other open
//! alerts on it and of its user) and the answers about response actions and indicators. The
//! response dialogs themselves are in `dialogs::response`; this feature owns the state they read
//! and the requests they leave waiting.

pub mod actions;
pub mod feed;
pub(crate) mod follow;
pub mod lines;
pub mod others;
pub mod state;
pub mod tags;
pub mod target;
pub mod words;

pub use lines::{ActionLine, LineStatus, Lines};
pub use state::{Asked, DevicePanel, Devices, Family, OtherAlerts, PanelLoad, TagAsked, TagTarget};
pub use target::Target;
