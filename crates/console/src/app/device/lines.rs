//! The panel's list of actions, built from the device's machine actions and our sends: one line
//! per action, our sends that never reached the service included, each with its freshest status
//! (an `ActionUpdated` can be newer than the device's copy). In flight first, then newest first.
//! The containment state is derived again over the same freshest statuses, so "isolating…"
//! shows the moment an isolation is sent.

use mde_model::Timestamp;
use mde_model::device::{
    ActionFailure, ActionSend, ActionStatus, ActionType, DeviceContext, DeviceState, MachineAction,
    SendState, derive_state,
};

/// Where one action stands, as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineStatus {
    /// Our request is on its way (or its lost answer is being looked up).
    Sending,
    /// The service's status.
    Service(ActionStatus),
    /// Our request did not take effect.
    Failed(ActionFailure),
}

impl LineStatus {
    /// True while something may still happen on its own.
    pub fn in_flight(&self) -> bool {
        match self {
            LineStatus::Sending => true,
            LineStatus::Service(s) => !s.is_terminal(),
            LineStatus::Failed(_) => false,
        }
    }
}

/// One line of the action list.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionLine {
    /// What it does (`Isolate (Full)`, `Antivirus scan (Quick)`).
    pub label: String,
    /// The action type.
    pub action_type: ActionType,
    /// Its status.
    pub status: LineStatus,
    /// When it was queued (or our send began).
    pub created: Option<Timestamp>,
    /// Its last change.
    pub updated: Option<Timestamp>,
    /// Who asked (raw; sanitise before display).
    pub requestor: Option<String>,
    /// The comment sent with it (raw).
    pub comment: Option<String>,
    /// Sent by this program (this session or an earlier one).
    pub ours: bool,
    /// Our send, when it is ours.
    pub send_id: Option<i64>,
    /// The service's action, once it exists.
    pub action_id: Option<String>,
    /// One key may send it again (a retry looks it up first).
    pub can_retry: bool,
    /// The device's error code, when it failed there.
    pub error_code: Option<i64>,
}

/// The panel's lines and the containment they imply.
#[derive(Debug, Clone, PartialEq)]
pub struct Lines {
    /// The actions, in flight first, then newest first.
    pub actions: Vec<ActionLine>,
    /// Isolation and restriction over the freshest statuses.
    pub state: DeviceState,
    /// Our sends still on their way that isolate (true) or release (false).
    pub sending_isolation: Option<bool>,
    /// Our sends still on their way that restrict (true) or lift the restriction (false).
    pub sending_restriction: Option<bool>,
}

/// Builds the lines of a device from its context and our sends to it (any order).
pub fn build<'a>(ctx: &DeviceContext, sends: impl Iterator<Item = &'a ActionSend>) -> Lines {
    let sends: Vec<&ActionSend> = sends.collect();
    let mut actions: Vec<MachineAction> = ctx.actions.clone();
    let mut out: Vec<ActionLine> = Vec::new();
    // Our accepted sends carry the freshest status of their action.
    for s in &sends {
        if let SendState::Accepted { action_id, status } = &s.state {
            match actions.iter_mut().find(|a| a.id == *action_id) {
                Some(a) => {
                    if rank(status) > rank(&a.status) {
                        a.status = status.clone();
                    }
                }
                None => actions.push(synthetic(s, action_id, status)),
            }
        }
    }
    let state = derive_state(&actions);
    for a in &actions {
        let send = sends.iter().find(
            |s| matches!(&s.state, SendState::Accepted { action_id, .. } if *action_id == a.id),
        );
        out.push(ActionLine {
            label: label(&a.action_type, a.scope.as_deref()),
            action_type: a.action_type.clone(),
            status: LineStatus::Service(a.status.clone()),
            created: a.creation_date_time_utc,
            updated: a.last_update_date_time_utc,
            requestor: a.requestor.clone(),
            comment: a.requestor_comment.clone(),
            ours: send.is_some(),
            send_id: send.map(|s| s.send_id),
            action_id: Some(a.id.clone()),
            can_retry: send.is_some_and(|s| s.can_retry()),
            error_code: a.error_h_result.filter(|c| *c != 0),
        });
    }
    let mut sending_isolation = None;
    let mut sending_restriction = None;
    for s in &sends {
        let status = match &s.state {
            SendState::Sending => LineStatus::Sending,
            SendState::Failed(f) => LineStatus::Failed(f.clone()),
            SendState::Accepted { .. } => continue,
        };
        let t = s.request.action.action_type();
        if status == LineStatus::Sending {
            use mde_model::device::Containment;
            if let Some(on) = Containment::Isolation.direction(&t) {
                sending_isolation = Some(on);
            }
            if let Some(on) = Containment::Restriction.direction(&t) {
                sending_restriction = Some(on);
            }
        }
        out.push(ActionLine {
            label: label(&t, scope_of(&s.request.action).as_deref()),
            action_type: t,
            status,
            created: Some(s.started),
            updated: None,
            requestor: None,
            comment: Some(s.request.comment.clone()),
            ours: true,
            send_id: Some(s.send_id),
            action_id: None,
            can_retry: s.can_retry(),
            error_code: None,
        });
    }
    // In flight first; then newest first.
    out.sort_by(|a, b| {
        b.status
            .in_flight()
            .cmp(&a.status.in_flight())
            .then(b.created.cmp(&a.created))
    });
    Lines {
        actions: out,
        state,
        sending_isolation,
        sending_restriction,
    }
}

/// A readable name of an action type with its scope: `Isolate (Full)`.
pub fn label(t: &ActionType, scope: Option<&str>) -> String {
    let name = match t {
        ActionType::Isolate => "Isolate",
        ActionType::Unisolate => "Release from isolation",
        ActionType::RunAntiVirusScan => "Antivirus scan",
        ActionType::RestrictCodeExecution => "Restrict app execution",
        ActionType::UnrestrictCodeExecution => "Remove app restriction",
        ActionType::CollectInvestigationPackage => "Collect investigation package",
        ActionType::StopAndQuarantineFile => "Stop and quarantine file",
        ActionType::Offboard => "Offboard",
        ActionType::LiveResponse => "Live response",
        ActionType::Unrecognized(s) if s.is_empty() => "Unknown action",
        ActionType::Unrecognized(s) => s.as_str(),
    };
    match scope.filter(|s| !s.trim().is_empty()) {
        Some(s) => format!("{name} ({s})"),
        None => name.to_string(),
    }
}

fn scope_of(a: &mde_model::device::ResponseAction) -> Option<String> {
    use mde_model::device::ResponseAction as R;
    match a {
        R::Isolate { isolation } => Some(isolation.as_str().to_string()),
        R::Scan { scan } => Some(scan.as_str().to_string()),
        _ => None,
    }
}

/// Lifecycle order, so a fresher status is never replaced by an older one.
fn rank(s: &ActionStatus) -> u8 {
    match s {
        ActionStatus::Pending => 1,
        ActionStatus::InProgress => 2,
        ActionStatus::Unrecognized(_) => 0,
        _ => 3,
    }
}

/// A machine action known only from our send (the device's copy has not caught up).
fn synthetic(s: &ActionSend, action_id: &str, status: &ActionStatus) -> MachineAction {
    let mut a = empty_action(action_id);
    a.action_type = s.request.action.action_type();
    a.status = status.clone();
    a.machine_id = Some(s.request.machine_id.clone());
    a.creation_date_time_utc = Some(s.started);
    a.last_update_date_time_utc = Some(s.started);
    a.scope = scope_of(&s.request.action);
    a.requestor_comment = Some(s.request.comment.clone());
    a
}

/// An action with this id and nothing else known (`MachineAction` has no constructor).
fn empty_action(id: &str) -> MachineAction {
    MachineAction {
        id: id.to_string(),
        action_type: ActionType::Unrecognized(String::new()),
        title: None,
        requestor: None,
        requestor_comment: None,
        status: ActionStatus::Unrecognized(String::new()),
        machine_id: None,
        computer_dns_name: None,
        creation_date_time_utc: None,
        last_update_date_time_utc: None,
        cancellation_requestor: None,
        cancellation_comment: None,
        cancellation_date_time_utc: None,
        error_h_result: None,
        scope: None,
        external_id: None,
        request_source: None,
        related_file_info: None,
        commands: Vec::new(),
        troubleshoot_info: None,
    }
}

/// The lines of the device the panel shows, when it is loaded.
pub fn of_panel(devices: &super::state::Devices) -> Option<Lines> {
    let ctx = devices.panel.as_ref()?.context()?;
    Some(build(ctx, devices.sends_to(&ctx.machine.id)))
}
