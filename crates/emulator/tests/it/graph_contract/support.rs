//! Shared helpers: a Graph token, a small Graph API wrapper, the error envelope.

use mde_emulator::{EmulatorConfig, EmulatorHandle, spawn};
use reqwest::{Client, StatusCode};
use serde_json::Value;

pub(crate) const GRAPH_SCOPE: &str = "https://graph.microsoft.com/.default";
pub(crate) const MDE_SCOPE: &str = "https://api.securitycenter.microsoft.com/.default";

pub(crate) async fn start(cfg: EmulatorConfig) -> EmulatorHandle {
    spawn(cfg).await.expect("emulator starts")
}

/// A demo tenant of 120 alerts with the other products' alerts.
pub(crate) fn demo() -> EmulatorConfig {
    EmulatorConfig {
        alerts: 120,
        seed: 7,
        ..EmulatorConfig::default()
    }
}

pub(crate) async fn token_as(
    h: &EmulatorHandle,
    id: &str,
    secret: &str,
    scope: &str,
) -> (StatusCode, Value) {
    let r = Client::new()
        .post(format!(
            "{}/{}/oauth2/v2.0/token",
            h.login_url(),
            h.tenant()
        ))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", id),
            ("client_secret", secret),
            ("scope", scope),
        ])
        .send()
        .await
        .unwrap();
    let s = r.status();
    (s, r.json().await.unwrap())
}

pub(crate) async fn token(h: &EmulatorHandle, scope: &str) -> String {
    let (s, v) = token_as(h, "mde-triage-demo", "demo-secret", scope).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["access_token"].as_str().unwrap().to_string()
}

/// The claims of a JWT-shaped token.
pub(crate) fn claims(token: &str) -> Value {
    use base64::Engine;
    let payload = token.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

pub(crate) struct Graph {
    pub(crate) base: String,
    pub(crate) token: String,
    pub(crate) http: Client,
}

impl Graph {
    pub(crate) async fn new(h: &EmulatorHandle) -> Graph {
        Graph {
            base: h.base_url(),
            token: token(h, GRAPH_SCOPE).await,
            http: Client::new(),
        }
    }

    pub(crate) async fn with_token(h: &EmulatorHandle, token: String) -> Graph {
        Graph {
            base: h.base_url(),
            token,
            http: Client::new(),
        }
    }

    fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.base)
        }
    }

    pub(crate) async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(self.url(path))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
    }

    pub(crate) async fn json(&self, path: &str) -> Value {
        let r = self.get(path).await;
        let s = r.status();
        let v: Value = r.json().await.unwrap();
        assert_eq!(s, StatusCode::OK, "{path}: {v}");
        v
    }

    pub(crate) async fn patch(&self, path: &str, body: &str) -> reqwest::Response {
        self.http
            .patch(self.url(path))
            .bearer_auth(&self.token)
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap()
    }

    pub(crate) async fn post(&self, path: &str, body: &str) -> reqwest::Response {
        self.http
            .post(self.url(path))
            .bearer_auth(&self.token)
            .header("Content-Type", "application/json; charset=utf-8")
            .body(body.to_string())
            .send()
            .await
            .unwrap()
    }

    /// Every item of a list, following `@odata.nextLink`; also the number of pages.
    pub(crate) async fn all(&self, path: &str) -> (Vec<Value>, usize) {
        let mut items = Vec::new();
        let mut next = Some(path.to_string());
        let mut pages = 0;
        while let Some(p) = next.take() {
            let v = self.json(&p).await;
            pages += 1;
            items.extend(v["value"].as_array().unwrap().iter().cloned());
            next = v["@odata.nextLink"].as_str().map(str::to_string);
            assert!(pages < 1000, "paging does not end");
        }
        (items, pages)
    }
}

/// A Graph error: status, code, message; checks the envelope's `innerError.request-id`.
pub(crate) async fn graph_error(r: reqwest::Response) -> (StatusCode, String, String) {
    let status = r.status();
    let v: Value = r.json().await.unwrap();
    assert!(
        v["error"]["innerError"]["request-id"]
            .as_str()
            .is_some_and(|s| !s.is_empty()),
        "{v}"
    );
    assert!(v["error"]["innerError"]["date"].is_string(), "{v}");
    (
        status,
        v["error"]["code"].as_str().unwrap().to_string(),
        v["error"]["message"].as_str().unwrap().to_string(),
    )
}

pub(crate) fn ids(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}
