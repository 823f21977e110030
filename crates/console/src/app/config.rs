//! What the console needs to know about the analyst and the tenant.

use chrono::{FixedOffset, Offset, Utc};
use mde_ops::ConsoleSettings;

/// What the console needs to know about the analyst and the tenant.
#[derive(Debug, Clone, PartialEq)]
pub struct AppConfig {
    /// The analyst's UPN (for "assign to me" and `assigned:me`).
    pub identity: String,
    /// Profile name shown in the status bar.
    pub profile: String,
    /// Tenant id or name shown in the status bar (also put in portal links).
    pub tenant: String,
    /// No write actions at all.
    pub read_only: bool,
    /// Base of portal links, e.g. `https://security.microsoft.com`.
    pub portal_base: String,
    /// The local UTC offset, measured by the runtime at start.
    pub local_offset: FixedOffset,
    /// Owners offered first by "assign to…".
    pub recent_owners: Vec<String>,
    /// Running inside tmux (`$TMUX`): a clipboard write may not reach the terminal, so copied
    /// values are also shown.
    pub in_tmux: bool,
    // Operating on a rotation (issue 12).
    /// The profile's settings from the config (keys, theme, views, start view, zone, SLA,
    /// notifications), resolved by the runtime; `State::new` applies them.
    pub settings: ConsoleSettings,
    /// The profiles `:profile NAME` can switch to, each with its settings (empty: the session
    /// has one profile and the runtime answers a switch).
    pub profiles: Vec<(String, ConsoleSettings)>,
    /// The name of the offline file shown (`--file`): the console is read-only and says so.
    pub offline_file: Option<String>,
}

impl AppConfig {
    /// A config for an identity with the rest defaulted (UTC, public portal, writable).
    pub fn new(identity: impl Into<String>) -> Self {
        AppConfig {
            identity: identity.into(),
            profile: "default".to_string(),
            tenant: String::new(),
            read_only: false,
            portal_base: "https://security.microsoft.com".to_string(),
            local_offset: Utc.fix(),
            recent_owners: Vec::new(),
            in_tmux: false,
            settings: ConsoleSettings::default(),
            profiles: Vec::new(),
            offline_file: None,
        }
    }
}
