//! The response dialogs' state: the menu of what makes sense for the device, the form that
//! confirms one action (its comment, and for a disruptive one the device's name typed), the
//! indicator form, the cancel of a pending action, and the bulk isolation of the devices of
//! marked alerts. Each holds the device it acts on, captured when it opened.

use crate::app::device::target::Target;
use crate::app::dialogs::line_input::LineInput;
use mde_model::device::{
    IndicatorAction, IndicatorSeverity, IndicatorType, IsolationType, Phase, ResponseAction,
};
use mde_model::protocol::RequestId;
use ratatui_textarea::TextArea;

/// What a menu entry leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    /// The form of one response action on the menu's device.
    Action(ResponseAction),
    /// The indicator form for an evidence value.
    Indicator(IndicatorSeed),
    /// Isolate the devices of the marked alerts.
    BulkIsolate(IsolationType),
}

/// One line of the response menu.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Shown text.
    pub label: String,
    /// A letter that picks it.
    pub hotkey: Option<char>,
    /// What picking it opens.
    pub choice: Choice,
    /// What it does, or a caution, shown while it is highlighted.
    pub note: String,
    /// Why picking it is refused (a missing permission, a pending action of the kind, no SHA-1).
    pub refusal: Option<String>,
}

/// The response menu.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseMenu {
    /// The title, naming the device (or the marked set).
    pub title: String,
    /// The device, for a menu on one.
    pub target: Option<Target>,
    /// The marked alerts, for the bulk menu.
    pub marked: Vec<String>,
    /// How the marked alerts are named (`5 marked alerts`).
    pub marked_name: String,
    /// The file of the evidence at hand (raw), for stop and quarantine.
    pub file: Option<String>,
    /// A note on the device as a whole (offline, state unknown, other platform).
    pub notes: Vec<String>,
    /// Entries.
    pub entries: Vec<Entry>,
    /// The highlighted entry.
    pub selected: usize,
}

/// Which field of a form has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The comment (multi-line).
    Comment,
    /// The typed confirmation.
    Confirm,
}

/// The form confirming one response action.
#[derive(Debug, Clone)]
pub struct ActionForm {
    /// The device.
    pub target: Target,
    /// What to do.
    pub action: ResponseAction,
    /// The file, for a stop and quarantine: its name as the evidence has it (raw).
    pub file: Option<String>,
    /// Why (the service requires it), pre-filled in the documentation's style.
    pub comment: TextArea<'static>,
    /// The device name typed to confirm, for a disruptive action.
    pub confirm: Option<LineInput>,
    /// The field with the keys.
    pub field: Field,
    /// Cautions (offline, state unknown, another platform).
    pub warnings: Vec<String>,
    /// Why the last attempt to send was refused.
    pub error: Option<String>,
}

/// Cancelling a pending action.
#[derive(Debug, Clone)]
pub struct CancelForm {
    /// The action.
    pub action_id: String,
    /// What it is (`Isolate (Full)`).
    pub label: String,
    /// Its device's name (raw).
    pub device: String,
    /// Why (the service asks for one).
    pub comment: TextArea<'static>,
    /// Why the last attempt was refused.
    pub error: Option<String>,
}

/// The evidence value an indicator is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorSeed {
    /// What the evidence is, for the title (`file payload.dll`, `IP 203.0.113.7`).
    pub source: String,
    /// The values it offers, by type (a file: SHA-1 and SHA-256; a URL: the URL and its domain).
    pub values: Vec<(IndicatorType, String)>,
    /// The alert it came from.
    pub alert_id: Option<String>,
    /// That alert's title (raw).
    pub alert_title: Option<String>,
}

/// The fields of the indicator form, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorField {
    /// Which value (type).
    Value,
    /// Block, audit or allow.
    Action,
    /// When it expires.
    Expiry,
    /// Severity of the alerts it raises.
    Severity,
    /// Title.
    Title,
    /// Description.
    Description,
}

impl IndicatorField {
    /// Tab order.
    pub const ORDER: [IndicatorField; 6] = [
        IndicatorField::Value,
        IndicatorField::Action,
        IndicatorField::Expiry,
        IndicatorField::Severity,
        IndicatorField::Title,
        IndicatorField::Description,
    ];
}

/// The actions offered for a file hash: the service's declared values (`ti-indicator.md`);
/// `BlockAndRemediate` applies to files only.
pub const FILE_ACTIONS: &[(IndicatorAction, &str)] = &[
    (IndicatorAction::Block, "Block"),
    (IndicatorAction::BlockAndRemediate, "Block and remediate"),
    (IndicatorAction::Warn, "Warn"),
    (IndicatorAction::Audit, "Audit"),
    (IndicatorAction::Allowed, "Allow"),
];

/// The actions offered for an IP, URL or domain.
pub const NETWORK_ACTIONS: &[(IndicatorAction, &str)] = &[
    (IndicatorAction::Block, "Block"),
    (IndicatorAction::Warn, "Warn"),
    (IndicatorAction::Audit, "Audit"),
    (IndicatorAction::Allowed, "Allow"),
];

/// The actions offered for an indicator of this type.
pub fn indicator_actions(kind: &IndicatorType) -> &'static [(IndicatorAction, &'static str)] {
    if kind.is_file() {
        FILE_ACTIONS
    } else {
        NETWORK_ACTIONS
    }
}

/// Expiry choices: days (0: never).
pub const EXPIRIES: [(u32, &str); 4] = [
    (7, "7 days"),
    (30, "30 days"),
    (90, "90 days"),
    (0, "never"),
];

/// Severity choices.
pub const SEVERITIES: [IndicatorSeverity; 4] = [
    IndicatorSeverity::Informational,
    IndicatorSeverity::Low,
    IndicatorSeverity::Medium,
    IndicatorSeverity::High,
];

/// The indicator form.
#[derive(Debug, Clone)]
pub struct IndicatorForm {
    /// Where the value came from.
    pub seed: IndicatorSeed,
    /// Index into `seed.values`.
    pub value: usize,
    /// Index into `indicator_actions` of the chosen value's type.
    pub action: usize,
    /// Index into `EXPIRIES`.
    pub expiry: usize,
    /// Index into `SEVERITIES`.
    pub severity: usize,
    /// Title (required).
    pub title: LineInput,
    /// Description (required).
    pub description: TextArea<'static>,
    /// The field with the keys.
    pub field: IndicatorField,
    /// The token's permissions, when known (from the device panel).
    pub granted: Option<Vec<String>>,
    /// Why the last attempt was refused.
    pub error: Option<String>,
}

impl IndicatorForm {
    /// The actions offered for the chosen value.
    pub fn actions(&self) -> &'static [(IndicatorAction, &'static str)] {
        let kind = self.seed.values.get(self.value).map(|(k, _)| k);
        kind.map_or(NETWORK_ACTIONS, indicator_actions)
    }

    /// The chosen action and its word.
    pub fn chosen_action(&self) -> (IndicatorAction, &'static str) {
        let a = self.actions();
        let (action, word) = &a[self.action.min(a.len() - 1)];
        (action.clone(), word)
    }
}

/// How far one device of a bulk isolation is.
#[derive(Debug, Clone, PartialEq)]
pub enum BulkStatus {
    /// Its machine is being looked up.
    Resolving(RequestId),
    /// Found.
    Ready(Box<Target>),
    /// Not found (the message says why).
    Failed(String),
    /// The same machine as an earlier line (another name for it).
    Duplicate(String),
}

/// One device of a bulk isolation: a device name of the marked alerts and its alerts.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkDevice {
    /// The device name the alerts carry (raw).
    pub name: String,
    /// The marked alerts on it.
    pub alert_ids: Vec<String>,
    /// Where its lookup stands.
    pub status: BulkStatus,
}

impl BulkDevice {
    /// True when this device will be isolated on confirmation.
    pub fn will_isolate(&self) -> bool {
        matches!(&self.status, BulkStatus::Ready(t)
            if !matches!(t.isolation, Phase::Applied | Phase::Applying))
    }
}

/// Isolating the devices of the marked alerts.
#[derive(Debug, Clone)]
pub struct BulkForm {
    /// How far.
    pub isolation: IsolationType,
    /// The marked alerts, named (`5 marked alerts`).
    pub subject: String,
    /// How many alerts are marked.
    pub alerts: usize,
    /// Marked alerts that name no device.
    pub no_device: usize,
    /// The distinct devices.
    pub devices: Vec<BulkDevice>,
    /// Why (the service requires it).
    pub comment: TextArea<'static>,
    /// The count, or `isolate`, typed to confirm.
    pub confirm: LineInput,
    /// The field with the keys.
    pub field: Field,
    /// Why the last attempt was refused.
    pub error: Option<String>,
}

impl BulkForm {
    /// The devices that will be isolated.
    pub fn to_isolate(&self) -> impl Iterator<Item = &BulkDevice> {
        self.devices.iter().filter(|d| d.will_isolate())
    }

    /// Devices still being looked up.
    pub fn resolving(&self) -> usize {
        self.devices
            .iter()
            .filter(|d| matches!(d.status, BulkStatus::Resolving(_)))
            .count()
    }
}

/// One response dialog on the stack.
#[derive(Debug, Clone)]
pub enum ResponseDialog {
    /// What to do.
    Menu(Box<ResponseMenu>),
    /// Confirm one action.
    Action(Box<ActionForm>),
    /// Cancel a pending action.
    Cancel(Box<CancelForm>),
    /// Add an indicator.
    Indicator(Box<IndicatorForm>),
    /// Isolate the devices of the marked alerts.
    Bulk(Box<BulkForm>),
}

/// Hotkeys for labels: the first letter of each not taken by an earlier one (`j`, `k`, `q` move
/// and close menus, so they are never hotkeys).
pub fn hotkeys<'a>(labels: impl Iterator<Item = &'a str>) -> Vec<Option<char>> {
    let mut used: Vec<char> = vec!['j', 'k', 'q'];
    labels
        .map(|label| {
            let h = label
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_lowercase())
                .find(|c| !used.contains(c));
            if let Some(h) = h {
                used.push(h);
            }
            h
        })
        .collect()
}
