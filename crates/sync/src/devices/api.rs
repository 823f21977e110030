//! What the device side of the sync task needs from the service, as a trait: `MdeClient`
//! implements it. A service without devices (an exported file, a test double of the alerts) gets
//! the defaults, which say so instead of pretending.

use crate::api::ApiFailure;
use mde_model::device::{
    ActionFailure, ActionRequest, ActionType, Indicator, Machine, MachineAction, NewIndicator,
};
use std::future::Future;

/// Why an action or a cancel did not go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// The request may have reached the service but its answer was lost: look it up before
    /// anything is sent again.
    Lost(String),
    /// It certainly did not take effect.
    Failed(ActionFailure),
}

/// A machine and its JSON as received.
pub type FetchedMachine = (Machine, String);

fn unsupported() -> ApiFailure {
    ApiFailure::Permanent {
        message: "this service has no device API".into(),
    }
}

fn unsupported_send() -> SendError {
    SendError::Failed(ActionFailure {
        kind: mde_model::device::FailureKind::Invalid,
        message: "this service has no device API".into(),
    })
}

/// The device API as the sync task uses it.
pub trait DevicesApi: Send + Sync + 'static {
    /// `GET /api/machines/{id}` (an id or a computer name).
    fn machine(
        &self,
        _id: &str,
    ) -> impl Future<Output = Result<FetchedMachine, ApiFailure>> + Send {
        async { Err(unsupported()) }
    }

    /// `GET /api/alerts/{id}/machine`.
    fn alert_machine(
        &self,
        _alert_id: &str,
    ) -> impl Future<Output = Result<FetchedMachine, ApiFailure>> + Send {
        async { Err(unsupported()) }
    }

    /// The newest `top` actions on a device.
    fn device_actions(
        &self,
        _machine_id: &str,
        _top: u32,
    ) -> impl Future<Output = Result<Vec<MachineAction>, ApiFailure>> + Send {
        async { Err(unsupported()) }
    }

    /// The newest `top` actions of one type on a device (the lookup after a lost answer).
    fn actions_of(
        &self,
        _machine_id: &str,
        _action_type: &ActionType,
        _top: u32,
    ) -> impl Future<Output = Result<Vec<MachineAction>, ApiFailure>> + Send {
        async { Err(unsupported()) }
    }

    /// One machine action.
    fn machine_action(
        &self,
        _id: &str,
    ) -> impl Future<Output = Result<MachineAction, ApiFailure>> + Send {
        async { Err(unsupported()) }
    }

    /// Sends an action once; never resends by itself when the answer may have been lost.
    fn run_action(
        &self,
        _request: &ActionRequest,
    ) -> impl Future<Output = Result<MachineAction, SendError>> + Send {
        async { Err(unsupported_send()) }
    }

    /// Cancels an action that is not final yet.
    fn cancel_action(
        &self,
        _id: &str,
        _comment: &str,
    ) -> impl Future<Output = Result<MachineAction, SendError>> + Send {
        async { Err(unsupported_send()) }
    }

    /// The download link of a succeeded investigation package.
    fn package_uri(&self, _id: &str) -> impl Future<Output = Result<String, ApiFailure>> + Send {
        async { Err(unsupported()) }
    }

    /// Submits an indicator.
    fn add_indicator(
        &self,
        _new: &NewIndicator,
    ) -> impl Future<Output = Result<Indicator, ApiFailure>> + Send {
        async { Err(unsupported()) }
    }

    /// Deletes an indicator.
    fn delete_indicator(&self, _id: &str) -> impl Future<Output = Result<(), ApiFailure>> + Send {
        async { Err(unsupported()) }
    }

    /// Adds (`add`) or removes a device tag: the machine as the service answers it.
    fn tag_machine(
        &self,
        _id: &str,
        _tag: &str,
        _add: bool,
    ) -> impl Future<Output = Result<FetchedMachine, ApiFailure>> + Send {
        async { Err(unsupported()) }
    }

    /// The token's roles or scopes, when readable.
    fn granted(&self) -> impl Future<Output = Option<Vec<String>>> + Send {
        async { None }
    }
}
