//! What the sync task tells the console about a device and about the actions sent to it: the
//! machine with its derived state and recent actions, and each of our sends with its progress.

use super::enums::ActionStatus;
use super::machine::Machine;
use super::machine_action::MachineAction;
use super::request::ActionRequest;
use super::state::DeviceState;
use crate::time::Timestamp;

/// The device a panel is about: named by the alert it came from or by its machine id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviceSubject {
    /// The machine of this alert (`machineId`, else `/api/alerts/{id}/machine`).
    Alert {
        /// Alert id.
        alert_id: String,
    },
    /// This machine.
    Machine {
        /// 40-hex machine id.
        machine_id: String,
    },
}

/// Everything the device panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceContext {
    /// The machine as the service (or the cache) has it.
    pub machine: Machine,
    /// Isolation and restriction, derived from `actions`.
    pub state: DeviceState,
    /// The device's recent machine actions, newest first (non-terminal ones included).
    pub actions: Vec<MachineAction>,
    /// Actions this program sent to the device that are not settled yet, or failed to arrive.
    pub sends: Vec<ActionSend>,
    /// When the machine was fetched from the service.
    pub fetched_at: Option<Timestamp>,
    /// True when this came from the cache because the service could not be asked (or the rate
    /// budget was spent); a fresher answer may follow.
    pub from_cache: bool,
    /// The token's roles (app) or scopes (delegated), when the token is readable: the console
    /// refuses an action whose permission is missing and names it. None: unknown (ask anyway).
    pub granted: Option<Vec<String>>,
}

impl DeviceContext {
    /// True when the token is known to lack `permission` (unknown tokens are not refused).
    pub fn lacks(&self, permission: &str) -> bool {
        self.granted
            .as_ref()
            .is_some_and(|g| !g.iter().any(|p| p == permission))
    }

    /// The device's non-terminal actions, oldest first.
    pub fn pending(&self) -> impl Iterator<Item = &MachineAction> {
        self.actions
            .iter()
            .rev()
            .filter(|a| !a.status.is_terminal())
    }
}

/// Where one of our sends stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendState {
    /// The request is on its way (or its answer is being looked up after it was lost).
    Sending,
    /// The service holds the action; `status` is its last known status.
    Accepted {
        /// The action's id.
        action_id: String,
        /// Its last known status.
        status: ActionStatus,
    },
    /// It did not reach the service, or the service refused it.
    Failed(ActionFailure),
}

/// One response action this program sent (or tried to), kept in the store.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionSend {
    /// The store's id of the send (what `Effect::RetryAction` names).
    pub send_id: i64,
    /// What was asked.
    pub request: ActionRequest,
    /// When the first attempt began (a lookup after a lost answer searches from here).
    pub started: Timestamp,
    /// Where it stands.
    pub state: SendState,
}

impl ActionSend {
    /// True when one key may send it again: it failed to arrive, or it arrived and ended
    /// `Failed` or `TimeOut` on the device. A retry looks the action up before it resends.
    pub fn can_retry(&self) -> bool {
        match &self.state {
            SendState::Failed(f) => f.retryable(),
            SendState::Accepted { status, .. } => {
                matches!(status, ActionStatus::Failed | ActionStatus::TimeOut)
            }
            SendState::Sending => false,
        }
    }

    /// True once nothing more will happen without the analyst.
    pub fn is_settled(&self) -> bool {
        match &self.state {
            SendState::Sending => false,
            SendState::Accepted { status, .. } => status.is_terminal(),
            SendState::Failed(_) => true,
        }
    }
}

/// Why an action did not take effect.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ActionFailure {
    /// The class of failure.
    pub kind: FailureKind,
    /// What happened, in the service's words or ours (sanitise before display).
    pub message: String,
}

impl ActionFailure {
    /// True when one key may send it again (after a lookup, never blindly).
    pub fn retryable(&self) -> bool {
        matches!(
            self.kind,
            FailureKind::Lost | FailureKind::Unavailable | FailureKind::Interrupted
        )
    }
}

/// Failure classes the console words differently.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum FailureKind {
    /// The answer was lost and the action is not on the service: it was not created.
    Lost,
    /// The service could not be reached or kept failing (the request certainly or probably did
    /// not arrive; a lookup found nothing).
    Unavailable,
    /// The program stopped while the request was in flight, and a lookup found nothing.
    Interrupted,
    /// An action of this kind is already pending on the device (`ActiveRequestAlreadyExists`).
    AlreadyPending,
    /// The token lacks a permission (named when the service said which).
    Forbidden {
        /// The missing permission, e.g. `Machine.Isolate`.
        permission: Option<String>,
    },
    /// The device is unknown to the service.
    NotFound,
    /// The service refused the request (bad value, unsupported OS, …).
    Refused,
    /// Refused before sending (invalid request, read-only mode).
    Invalid,
}
