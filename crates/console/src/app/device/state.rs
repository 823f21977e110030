//! What the device feature holds: the device panel (the subject alert's machine, its load state
//! and the request that fills it, the action cursor), our response actions of this session with
//! their latest state, and the requests still waiting for an answer (so every answer can be
//! worded with what was asked).

use mde_model::device::{ActionRequest, ActionSend, DeviceContext, SendState};
use mde_model::protocol::RequestId;
use std::collections::{BTreeMap, HashMap};

/// The device panel's load state.
#[derive(Debug, Clone, PartialEq)]
pub enum PanelLoad {
    /// Waiting for the first answer.
    Loading,
    /// The device as the sync task last sent it.
    Loaded(Box<DeviceContext>),
    /// No device: the alert has none, the service does not know it, or there is no device API.
    Failed(String),
}

/// Other open alerts on the panel's device and of its alert's user, counted from the list rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OtherAlerts {
    /// On the same device (by name, any case).
    pub device: usize,
    /// Of the same user.
    pub user: usize,
}

/// The device panel.
#[derive(Debug, Clone, PartialEq)]
pub struct DevicePanel {
    /// The alert whose device it shows (the detail's alert).
    pub alert_id: String,
    /// The `LoadDevice` whose answers it shows; any other request's are stale.
    pub req: RequestId,
    /// Load state.
    pub load: PanelLoad,
    /// The alert's device name as the list row has it (for counting and filtering).
    pub alert_device: Option<String>,
    /// The alert's user (`DOMAIN\name`) as the list row has it.
    pub alert_user: Option<String>,
    /// Other open alerts, recounted as rows change.
    pub others: OtherAlerts,
    /// The highlighted line of the action list.
    pub cursor: usize,
    /// First content row shown (the UI clamps it).
    pub scroll: usize,
    /// The last move was the cursor's: the UI scrolls to keep it in sight.
    pub reveal: bool,
}

impl DevicePanel {
    /// A panel waiting for the device of `alert_id` under `req`.
    pub fn loading(alert_id: String, req: RequestId) -> DevicePanel {
        DevicePanel {
            alert_id,
            req,
            load: PanelLoad::Loading,
            alert_device: None,
            alert_user: None,
            others: OtherAlerts::default(),
            cursor: 0,
            scroll: 0,
            reveal: false,
        }
    }

    /// The loaded device, if any.
    pub fn context(&self) -> Option<&DeviceContext> {
        match &self.load {
            PanelLoad::Loaded(c) => Some(c),
            _ => None,
        }
    }
}

/// A request to the sync task about a response action, kept until it is answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asked {
    /// `RunAction`.
    Run(ActionRequest),
    /// `RetryAction` of this send.
    Retry(i64),
    /// `CancelAction` of this action, described.
    Cancel {
        /// The action.
        action_id: String,
        /// What it is, for messages (`isolate (full) on ws-eng-194`).
        label: String,
    },
}

/// The device a tag prompt or command acts on, captured when it opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagTarget {
    /// 40-hex machine id.
    pub machine_id: String,
    /// Its name (raw).
    pub name: String,
    /// Its tags when the prompt opened (case-sensitive, as the service has them).
    pub tags: Vec<String>,
    /// The alert it was reached from.
    pub alert_id: Option<String>,
}

/// A `TagDevice` waiting for its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagAsked {
    /// The change, in the words the analyst confirmed (`Add tag 'X' to ws-eng-194`).
    pub what: String,
    /// The tag.
    pub tag: String,
    /// Added (true) or removed.
    pub add: bool,
}

/// What the response menu shows once the device it waits for is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Every response that makes sense.
    All,
    /// Isolation (full or selective).
    Isolate,
    /// Release from isolation.
    Release,
    /// Antivirus scan (quick or full).
    Scan,
    /// Restrict app execution.
    Restrict,
    /// Lift the restriction.
    Unrestrict,
    /// Collect an investigation package.
    Collect,
    /// Stop and quarantine a file.
    Quarantine,
}

/// Everything the device feature owns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Devices {
    /// The device panel, when open.
    pub panel: Option<DevicePanel>,
    /// Response actions sent to any device (this session's and the store's), by send id, in the
    /// latest state heard of.
    pub sends: BTreeMap<i64, ActionSend>,
    /// Requests about actions waiting for an answer.
    pub asked: HashMap<RequestId, Asked>,
    /// `GetPackageUri` requests waiting: the action each asks about.
    pub package_reqs: HashMap<RequestId, String>,
    /// `AddIndicator` requests waiting: the indicator, described.
    pub indicator_reqs: HashMap<RequestId, String>,
    /// The response menu asked for before its device was loaded: shown when this load answers.
    pub menu_after_load: Option<(RequestId, Family)>,
    /// `TagDevice` requests waiting.
    pub tag_reqs: HashMap<RequestId, TagAsked>,
}

impl Devices {
    /// Keeps the newest state of a send. `authoritative` (an `ActionUpdated`) always wins; a
    /// device's copy (`DeviceLoaded`) may be older than what was heard, so it never moves a send
    /// back (a retry, the one way back, is announced by `ActionUpdated`).
    pub fn remember(&mut self, send: ActionSend, authoritative: bool) {
        let keep_ours = !authoritative
            && self
                .sends
                .get(&send.send_id)
                .is_some_and(|old| progress(&old.state) > progress(&send.state));
        if !keep_ours {
            self.sends.insert(send.send_id, send);
        }
    }

    /// Our sends to one device, newest first.
    pub fn sends_to<'a>(&'a self, machine_id: &'a str) -> impl Iterator<Item = &'a ActionSend> {
        self.sends
            .values()
            .rev()
            .filter(move |s| s.request.machine_id.eq_ignore_ascii_case(machine_id))
    }
}

/// How far a send has got: sending, accepted in flight, final.
fn progress(state: &SendState) -> u8 {
    match state {
        SendState::Sending => 0,
        SendState::Accepted { status, .. } if !status.is_terminal() => {
            1 + u8::from(*status == mde_model::device::ActionStatus::InProgress)
        }
        SendState::Accepted { .. } | SendState::Failed(_) => 3,
    }
}
