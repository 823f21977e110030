//! Everything the console takes from the config for one profile, resolved and validated: the
//! value the runtime hands the console at start (and again after `:profile NAME`).

use crate::keys::KeyRemap;
use crate::notify::NotifyConfig;
use crate::sla::SlaPolicy;
use crate::theme::ThemeOverrides;
use crate::views::ViewCatalog;
use crate::zone::Zone;

/// The console's settings for one profile.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConsoleSettings {
    /// Key remap on top of the built-in keymap (drives keys, help, hints and palette).
    pub keys: KeyRemap,
    /// Theme overrides, already reduced for `NO_COLOR` when it is set.
    pub theme: ThemeOverrides,
    /// Built-in and configured views.
    pub views: ViewCatalog,
    /// The view applied at start (`--view`, env, profile, file), canonical name.
    pub start_view: Option<String>,
    /// The zone times are shown in.
    pub zone: Zone,
    /// SLA targets.
    pub sla: SlaPolicy,
    /// New-alert notifications.
    pub notify: NotifyConfig,
}
