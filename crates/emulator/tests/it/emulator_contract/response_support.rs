//! Helpers of the response suites: emulators with or without the seeded history, action posts,
//! the clock and the response control endpoints.

use super::support::*;
use mde_emulator::response::config::ResponseConfig;
use mde_emulator::{EmulatorConfig, EmulatorHandle};
use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};

/// A 30-alert demo tenant, unthrottled, without the seeded response history; tokens outlive
/// the clock moves of the lifecycle tests (days).
pub(crate) fn quiet() -> EmulatorConfig {
    EmulatorConfig {
        alerts: 30,
        rate_limits: None,
        token_lifetime: std::time::Duration::from_secs(30 * 86_400),
        response: ResponseConfig {
            seed_history: Some(false),
            ..ResponseConfig::default()
        },
        ..EmulatorConfig::default()
    }
}

impl Api {
    pub(crate) async fn post(&self, path: &str, body: Value) -> Response {
        self.http
            .post(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub(crate) async fn delete(&self, path: &str) -> Response {
        self.http
            .delete(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
    }

    /// `POST /api/machines/{id}/{action}`; returns the status and the JSON answer.
    pub(crate) async fn act(
        &self,
        machine: &str,
        action: &str,
        body: Value,
    ) -> (StatusCode, Value) {
        let r = self
            .post(&format!("/api/machines/{machine}/{action}"), body)
            .await;
        let s = r.status();
        (s, r.json().await.unwrap_or(Value::Null))
    }

    /// The machine ids, in the list's order.
    pub(crate) async fn machine_ids(&self) -> Vec<String> {
        ids(&self.json("/api/machines").await)
    }

    /// One machine action.
    pub(crate) async fn action(&self, id: &str) -> Value {
        self.json(&format!("/api/machineactions/{id}")).await
    }
}

/// Moves the emulator clock.
pub(crate) async fn advance(h: &EmulatorHandle, secs: f64) {
    let r = Client::new()
        .post(format!("{}/_emulator/clock", h.base_url()))
        .json(&json!({ "advanceSeconds": secs }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

/// A control call with a JSON body; returns the answer's JSON.
pub(crate) async fn control(
    h: &EmulatorHandle,
    method: reqwest::Method,
    path: &str,
    body: Value,
) -> Value {
    let r = Client::new()
        .request(method, format!("{}{path}", h.base_url()))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{path}: {}", r.status());
    r.json().await.unwrap()
}

/// `GET /_emulator/machines/{id}`.
pub(crate) async fn device(h: &EmulatorHandle, id: &str) -> Value {
    Client::new()
        .get(format!("{}/_emulator/machines/{id}", h.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// Every action the emulator holds, newest first (control endpoint, no token).
pub(crate) async fn all_actions(h: &EmulatorHandle) -> Vec<Value> {
    Client::new()
        .get(format!("{}/_emulator/machineactions", h.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// Online Windows machines of the tenant (every action applies to them), in list order.
pub(crate) async fn windows_machines(api: &Api, h: &EmulatorHandle) -> Vec<String> {
    let v = api
        .json("/api/machines?$filter=healthStatus eq 'Active'")
        .await;
    let mut out = Vec::new();
    for m in v["value"].as_array().unwrap() {
        let id = m["id"].as_str().unwrap();
        let windows = m["osPlatform"]
            .as_str()
            .is_some_and(|p| p.starts_with("Windows"));
        if windows && device(h, id).await["online"] == json!(true) {
            out.push(id.to_string());
        }
    }
    assert!(
        !out.is_empty(),
        "the demo tenant has online Windows devices"
    );
    out
}

/// The 20 keys of a real MachineAction after `@odata.context`, in order.
pub(crate) const ACTION_KEYS: &[&str] = &[
    "@odata.context",
    "id",
    "type",
    "title",
    "requestor",
    "requestorComment",
    "status",
    "machineId",
    "computerDnsName",
    "creationDateTimeUtc",
    "lastUpdateDateTimeUtc",
    "cancellationRequestor",
    "cancellationComment",
    "cancellationDateTimeUtc",
    "errorHResult",
    "scope",
    "externalId",
    "requestSource",
    "relatedFileInfo",
    "commands",
    "troubleshootInfo",
];
