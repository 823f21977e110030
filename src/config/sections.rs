//! The config file's rotation sections as they are written: `[keys]`, `[theme]`, `[views.NAME]`,
//! `[sla]`, `[notify]` (and the per-profile `theme`, `sla`, `default_view`, `time_zone`). Values
//! stay text here; `validate` checks them and `layers` turns them into `mde_ops` values.

use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

/// One key or several: `quit = "q"` or `quit = ["q", "ctrl-c"]` (`[]` unbinds).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum KeyList {
    /// One key.
    One(String),
    /// Several keys (none: palette only).
    Many(Vec<String>),
}

impl KeyList {
    /// The keys as written.
    pub fn keys(&self) -> Vec<String> {
        match self {
            KeyList::One(k) => vec![k.clone()],
            KeyList::Many(v) => v.clone(),
        }
    }
}

/// A `[keys]` entry: an action's keys, or a `[keys.CONTEXT]` table of a dialog's actions.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum KeyEntry {
    /// `action = keys` in normal mode.
    Keys(KeyList),
    /// `[keys.viewer]` and the like.
    Context(BTreeMap<String, KeyList>),
}

/// `[keys]`: action name → keys; sub-tables for dialogs. Its schema lists the console's own
/// action names (see `schema.rs`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct KeysSection(pub BTreeMap<String, KeyEntry>);

/// A role's style: a colour name (`"red"`, `"#ff8800"`, `"208"`) or a table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ThemeValue {
    /// The foreground colour.
    Color(String),
    /// Colours and text attributes.
    Style(StyleTable),
}

/// `{ fg = "red", bg = "black", bold = true }`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StyleTable {
    /// Foreground colour.
    pub fg: Option<String>,
    /// Background colour.
    pub bg: Option<String>,
    /// Bold.
    pub bold: Option<bool>,
    /// Italic.
    pub italic: Option<bool>,
    /// Underlined.
    pub underline: Option<bool>,
    /// Reverse video.
    pub reversed: Option<bool>,
}

/// `[theme]`: role → style. Its schema lists the roles (`mde_ops::Role`, see `schema.rs`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct ThemeSection(pub BTreeMap<String, ThemeValue>);

/// `[views.NAME]`: a saved view.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ViewSection {
    /// Filter text in the console's `/` language, e.g. `sev:high,medium !status:resolved`.
    #[serde(default)]
    pub filter: String,
    /// Sort: a key and a direction, e.g. `created desc` (keys: severity created updated status
    /// title device user assigned-to category incident).
    pub sort: Option<String>,
    /// What the palette and help say about the view.
    pub description: Option<String>,
    /// Only alerts created within this span (`24h`, `7d`) or `today`.
    pub created_within: Option<String>,
    /// Only alerts last updated within this span or `today`.
    pub updated_within: Option<String>,
}

/// One severity's targets: `"30m"` (time to first touch) or a table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum SlaValue {
    /// Time to first touch.
    FirstTouch(String),
    /// Both targets.
    Targets(SlaTargets),
}

/// `{ first_touch = "30m", resolve = "8h" }`; `"none"` switches a target off.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SlaTargets {
    /// Longest time an alert may wait untouched (New, no owner, no classification).
    pub first_touch: Option<String>,
    /// Longest time an alert may stay unresolved.
    pub resolve: Option<String>,
}

/// `[sla]`: targets per severity, each key overridable alone by a profile's `[profiles.X.sla]`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SlaSection {
    /// High (default: 30m to first touch).
    pub high: Option<SlaValue>,
    /// Medium (default: 2h to first touch).
    pub medium: Option<SlaValue>,
    /// Low (default: 8h to first touch).
    pub low: Option<SlaValue>,
    /// Informational (default: none).
    pub informational: Option<SlaValue>,
    /// Share of a target after which an age shows as near (default 0.75).
    pub near: Option<f64>,
}

/// `[notify]`: new-alert notifications during a session (all off by default).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NotifySection {
    /// Ring the terminal bell.
    pub bell: Option<bool>,
    /// Desktop notification escape.
    pub desktop: Option<DesktopChoice>,
    /// Lowest severity that notifies (default high).
    pub min_severity: Option<SeverityChoice>,
}

/// The desktop notification escape to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DesktopChoice {
    /// None.
    Off,
    /// OSC 9 (iTerm2, WezTerm, Windows Terminal, kitty).
    Osc9,
    /// OSC 777 (urxvt, foot, VTE terminals).
    Osc777,
}

/// A severity threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SeverityChoice {
    /// High only.
    High,
    /// Medium and above.
    Medium,
    /// Low and above.
    Low,
    /// Every alert.
    Informational,
}
