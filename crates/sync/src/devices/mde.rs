//! `MdeClient` as the sync task's `DevicesApi`: reads retried by the client, actions sent once,
//! failures sorted into what the tracker does next.

use super::api::{DevicesApi, FetchedMachine, SendError};
use crate::api::ApiFailure;
use crate::mde_client::failure;
use mde_api::MdeClient;
use mde_api::device::ActionError;
use mde_model::device::{
    ActionFailure, ActionRequest, ActionType, FailureKind, Indicator, MachineAction, NewIndicator,
};

/// Sorts a failed action call.
pub fn send_error(e: ActionError) -> SendError {
    let message = e.to_string();
    let kind = match e {
        ActionError::AnswerLost(_) => return SendError::Lost(message),
        ActionError::AlreadyPending(_) => FailureKind::AlreadyPending,
        ActionError::Forbidden { permission, .. } => FailureKind::Forbidden { permission },
        ActionError::NotFound(_) => FailureKind::NotFound,
        ActionError::Refused(_) => FailureKind::Refused,
        ActionError::NotSent(_) => FailureKind::Unavailable,
        ActionError::Invalid(_) => FailureKind::Invalid,
    };
    SendError::Failed(ActionFailure { kind, message })
}

impl DevicesApi for MdeClient {
    async fn machine(&self, id: &str) -> Result<FetchedMachine, ApiFailure> {
        let m = MdeClient::machine(self, id).await.map_err(failure)?;
        Ok((m.machine, m.raw))
    }

    async fn alert_machine(&self, alert_id: &str) -> Result<FetchedMachine, ApiFailure> {
        let m = MdeClient::alert_machine(self, alert_id)
            .await
            .map_err(failure)?;
        Ok((m.machine, m.raw))
    }

    async fn device_actions(
        &self,
        machine_id: &str,
        top: u32,
    ) -> Result<Vec<MachineAction>, ApiFailure> {
        Ok(MdeClient::device_actions(self, machine_id, top)
            .await
            .map_err(failure)?
            .items)
    }

    async fn actions_of(
        &self,
        machine_id: &str,
        action_type: &ActionType,
        top: u32,
    ) -> Result<Vec<MachineAction>, ApiFailure> {
        MdeClient::actions_of(self, machine_id, action_type, top)
            .await
            .map_err(failure)
    }

    async fn machine_action(&self, id: &str) -> Result<MachineAction, ApiFailure> {
        MdeClient::machine_action(self, id).await.map_err(failure)
    }

    async fn run_action(&self, request: &ActionRequest) -> Result<MachineAction, SendError> {
        MdeClient::run_action(self, request)
            .await
            .map_err(send_error)
    }

    async fn cancel_action(&self, id: &str, comment: &str) -> Result<MachineAction, SendError> {
        MdeClient::cancel_action(self, id, comment)
            .await
            .map_err(send_error)
    }

    async fn package_uri(&self, id: &str) -> Result<String, ApiFailure> {
        MdeClient::package_uri(self, id).await.map_err(failure)
    }

    async fn add_indicator(&self, new: &NewIndicator) -> Result<Indicator, ApiFailure> {
        MdeClient::add_indicator(self, new).await.map_err(failure)
    }

    async fn delete_indicator(&self, id: &str) -> Result<(), ApiFailure> {
        MdeClient::delete_indicator(self, id).await.map_err(failure)
    }

    async fn tag_machine(
        &self,
        id: &str,
        tag: &str,
        add: bool,
    ) -> Result<FetchedMachine, ApiFailure> {
        let m = MdeClient::tag(self, id, tag, add).await.map_err(failure)?;
        Ok((m.machine, m.raw))
    }

    async fn granted(&self) -> Option<Vec<String>> {
        self.granted_permissions().await
    }
}
