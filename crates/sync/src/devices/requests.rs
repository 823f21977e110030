//! The one-shot device requests: cancel an action, the package link, add or delete an indicator.
//! Each is audited; none is queued or replayed.

use super::api::SendError;
use super::{DeviceDesk, DevicesApi};
use crate::blocking::on_store;
use mde_model::device::{ActionFailure, FailureKind, NewIndicator};
use mde_model::protocol::{Msg, RequestId};
use serde_json::json;

impl<A: DevicesApi> DeviceDesk<A> {
    /// Answers a `CancelAction`.
    pub(super) async fn cancel(&self, req: RequestId, action_id: String, comment: String) {
        let result = self.api.cancel_action(&action_id, &comment).await;
        let detail = json!({
            "actionId": action_id,
            "comment": comment,
            "result": match &result {
                Ok(a) => a.status.as_str().to_string(),
                Err(SendError::Lost(m)) => format!("answer lost: {m}"),
                Err(SendError::Failed(f)) => f.message.clone(),
            },
        });
        let _ = on_store(&self.store, move |s| {
            s.audit_response("action-cancel", &[], &detail)
        })
        .await;
        match result {
            Ok(a) => {
                let machine = a.machine_id.clone().unwrap_or_default();
                let mid = machine.clone();
                let aid = a.id.clone();
                let ours = on_store(&self.store, move |s| {
                    Ok(s.sends_for(&mid, usize::MAX)?.into_iter().find(|x| {
                        matches!(&x.state, mde_model::device::SendState::Accepted { action_id, .. } if *action_id == aid)
                    }))
                })
                .await;
                match ours {
                    Ok(Some(send)) => {
                        // Carry this request's id on the update it causes.
                        if let Some(t) = self.tracks_lock().get_mut(&send.send_id) {
                            t.req = req;
                        }
                        self.progressed(send.send_id, a).await;
                    }
                    _ => {
                        let keep = vec![a];
                        let _ =
                            on_store(&self.store, move |s| s.upsert_machine_actions(&keep)).await;
                        self.refresh_watched(&machine).await;
                    }
                }
            }
            Err(e) => {
                let failure = match e {
                    SendError::Failed(f) => f,
                    SendError::Lost(m) => ActionFailure {
                        kind: FailureKind::Lost,
                        message: format!(
                            "the answer to the cancel was lost ({m}); the action's status will tell"
                        ),
                    },
                };
                self.send(Msg::ActionFailed {
                    req,
                    send: None,
                    action_id: Some(action_id),
                    failure,
                })
                .await;
            }
        }
    }

    /// Answers a `GetPackageUri`.
    pub(super) async fn package(&self, req: RequestId, action_id: String) {
        let result = self.api.package_uri(&action_id).await.map_err(|e| match e {
            crate::api::ApiFailure::NotFound { .. } => {
                "the package is not ready yet (the collection has not completed)".to_string()
            }
            e => e.to_string(),
        });
        self.send(Msg::PackageUri {
            req,
            action_id,
            result,
        })
        .await;
    }

    /// Answers an `AddIndicator`.
    pub(super) async fn add_indicator(&self, req: RequestId, new: NewIndicator) {
        let result = self.api.add_indicator(&new).await;
        let detail = json!({
            "indicator": new,
            "result": match &result { Ok(i) => format!("id {}", i.id), Err(e) => e.to_string() },
        });
        let _ = on_store(&self.store, move |s| {
            s.audit_response("indicator-add", &[], &detail)
        })
        .await;
        match result {
            Ok(indicator) => {
                self.send(Msg::IndicatorAdded {
                    req,
                    indicator: Box::new(indicator),
                })
                .await
            }
            Err(e) => {
                self.send(Msg::IndicatorFailed {
                    req,
                    error: e.to_string(),
                })
                .await
            }
        }
    }

    /// Answers a `DeleteIndicator`.
    pub(super) async fn delete_indicator(&self, req: RequestId, id: String) {
        let result = self.api.delete_indicator(&id).await;
        let detail = json!({
            "id": id,
            "result": match &result { Ok(()) => "deleted".to_string(), Err(e) => e.to_string() },
        });
        let _ = on_store(&self.store, move |s| {
            s.audit_response("indicator-delete", &[], &detail)
        })
        .await;
        match result {
            Ok(()) => self.send(Msg::IndicatorDeleted { req, id }).await,
            Err(e) => {
                self.send(Msg::IndicatorFailed {
                    req,
                    error: e.to_string(),
                })
                .await
            }
        }
    }
}
