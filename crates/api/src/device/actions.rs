//! Response actions: each sent once per call with its PascalCase body (`Comment` always), never
//! retried when the answer may have been lost; the action list and get (what the lookup after a
//! lost answer reads), cancel, and the package link with its literal quotes stripped.

use super::action_error::ActionError;
use super::machines::segment;
use super::query::EntityQuery;
use crate::client::MdeClient;
use crate::error::ApiError;
use crate::retry::Delivery;
use mde_model::device::{ActionRequest, ActionType, EntityList, MachineAction, ResponseAction};
use mde_odata::{ActionProp, Filter};
use reqwest::Method;
use serde_json::{Value, json};

/// The body the service documents for an action.
pub fn action_body(req: &ActionRequest) -> Value {
    let mut b = json!({ "Comment": req.comment });
    match &req.action {
        ResponseAction::Isolate { isolation } => b["IsolationType"] = json!(isolation.as_str()),
        ResponseAction::Scan { scan } => b["ScanType"] = json!(scan.as_str()),
        ResponseAction::StopAndQuarantine { sha1 } => b["Sha1"] = json!(sha1),
        _ => {}
    }
    b
}

fn parse_action(raw: &str) -> Result<MachineAction, ApiError> {
    serde_json::from_str(raw).map_err(|e| ApiError::MalformedResponse(e.to_string()))
}

impl MdeClient {
    /// Sends a response action once: 201 with the action (status `Pending`). Retried only when
    /// the service certainly did not act (throttled, token refused, connection refused); after an
    /// ambiguous failure it returns `AnswerLost` and the caller must look the action up.
    pub async fn run_action(&self, req: &ActionRequest) -> Result<MachineAction, ActionError> {
        req.validate().map_err(ActionError::Invalid)?;
        let url = format!(
            "{}api/machines/{}/{}",
            self.base,
            segment("machine id", &req.machine_id)?,
            req.action.path()
        );
        let answer = self
            .inner
            .send(
                Method::POST,
                &url,
                Some(&action_body(req)),
                Delivery::AtMostOnce,
            )
            .await?;
        Ok(parse_action(&answer.body)?)
    }

    /// `GET /api/machineactions` with OData options (newest first on the service).
    pub async fn machine_actions(
        &self,
        query: &EntityQuery<ActionProp>,
    ) -> Result<EntityList<MachineAction>, ApiError> {
        self.get_list("machineactions", query.to_query_string())
            .await
    }

    /// The newest `top` actions of one type on one device (the lookup after a lost answer).
    pub async fn actions_of(
        &self,
        machine_id: &str,
        action_type: &ActionType,
        top: u32,
    ) -> Result<Vec<MachineAction>, ApiError> {
        let q = EntityQuery {
            filter: Some(
                Filter::eq(ActionProp::MachineId, machine_id)
                    .and(Filter::eq(ActionProp::Type, action_type.as_str())),
            ),
            top: Some(top),
            ..EntityQuery::default()
        };
        Ok(self.machine_actions(&q).await?.items)
    }

    /// The newest `top` actions on one device.
    pub async fn device_actions(
        &self,
        machine_id: &str,
        top: u32,
    ) -> Result<EntityList<MachineAction>, ApiError> {
        let q = EntityQuery {
            filter: Some(Filter::eq(ActionProp::MachineId, machine_id)),
            top: Some(top),
            ..EntityQuery::default()
        };
        self.machine_actions(&q).await
    }

    /// `GET /api/machineactions/{id}`.
    pub async fn machine_action(&self, id: &str) -> Result<MachineAction, ApiError> {
        parse_action(
            &self
                .get_text(&format!("machineactions/{}", segment("action id", id)?))
                .await?,
        )
    }

    /// `POST /api/machineactions/{id}/cancel` (200 with the action, now `Cancelled`). Cancelling
    /// twice is harmless, so it is retried like a read.
    pub async fn cancel_action(
        &self,
        id: &str,
        comment: &str,
    ) -> Result<MachineAction, ActionError> {
        if comment.trim().is_empty() {
            return Err(ActionError::Invalid(
                "a comment is required to cancel".into(),
            ));
        }
        let url = format!(
            "{}api/machineactions/{}/cancel",
            self.base,
            segment("action id", id)?
        );
        let body = json!({ "Comment": comment });
        let answer = self
            .inner
            .send(Method::POST, &url, Some(&body), Delivery::Idempotent)
            .await?;
        Ok(parse_action(&answer.body)?)
    }

    /// The download link of a succeeded investigation package, without the literal quotes the
    /// service wraps it in. 404 (`NotFound`) until the collection completed; 2 calls a minute.
    pub async fn package_uri(&self, action_id: &str) -> Result<String, ApiError> {
        let body = self
            .get_text(&format!(
                "machineactions/{}/getPackageUri",
                segment("action id", action_id)?
            ))
            .await?;
        #[derive(serde::Deserialize)]
        struct Wrapped {
            value: String,
        }
        let w: Wrapped =
            serde_json::from_str(&body).map_err(|e| ApiError::MalformedResponse(e.to_string()))?;
        let url = strip_quotes(&w.value);
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(ApiError::MalformedResponse(
                "the package link is not an http(s) URL".into(),
            ));
        }
        Ok(url.to_string())
    }
}

/// `"\"https://…\""` → `https://…` (and a bare link stays as it is).
pub fn strip_quotes(v: &str) -> &str {
    let t = v.trim();
    t.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::device::{IsolationType, ScanType};

    fn req(action: ResponseAction) -> ActionRequest {
        ActionRequest {
            machine_id: "1e5bc9d7e413ddd7902c2932e418702b84d0cc07".into(),
            device_name: None,
            action,
            comment: "why".into(),
            alert_id: None,
        }
    }

    #[test]
    fn bodies_are_the_documented_pascal_case() {
        assert_eq!(
            action_body(&req(ResponseAction::Isolate {
                isolation: IsolationType::Selective
            })),
            json!({"Comment": "why", "IsolationType": "Selective"})
        );
        assert_eq!(
            action_body(&req(ResponseAction::Scan {
                scan: ScanType::Full
            })),
            json!({"Comment": "why", "ScanType": "Full"})
        );
        assert_eq!(
            action_body(&req(ResponseAction::StopAndQuarantine {
                sha1: "a".repeat(40)
            })),
            json!({"Comment": "why", "Sha1": "a".repeat(40)})
        );
        assert_eq!(
            action_body(&req(ResponseAction::Release)),
            json!({"Comment": "why"})
        );
    }

    #[test]
    fn the_package_link_loses_its_literal_quotes() {
        assert_eq!(
            strip_quotes("\"https://x/y.zip?t=1\""),
            "https://x/y.zip?t=1"
        );
        assert_eq!(strip_quotes("https://x"), "https://x");
        assert_eq!(strip_quotes("\""), "\"");
    }
}
