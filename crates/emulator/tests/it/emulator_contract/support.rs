//! Shared helpers: starting emulators, signing in, a small API wrapper, fixtures.

use mde_emulator::{EmulatorConfig, EmulatorHandle, spawn};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

pub(crate) const SCOPE: &str = "https://api.securitycenter.microsoft.com/.default";

pub(crate) async fn start(cfg: EmulatorConfig) -> EmulatorHandle {
    spawn(cfg).await.expect("emulator starts")
}

pub(crate) fn small() -> EmulatorConfig {
    EmulatorConfig {
        alerts: 30,
        ..EmulatorConfig::default()
    }
}

/// The documentation's example alert plus crafted ones covering every filterable property.
pub(crate) fn fixture_alerts() -> Vec<Value> {
    let doc: Value = serde_json::from_str(mde_testkit::fixtures::GET_ALERT).unwrap();
    let mk = |id: &str, sev: &str, status: &str, created: &str, updated: &str| {
        json!({
            "id": id, "incidentId": 1, "investigationId": null, "assignedTo": null,
            "severity": sev, "status": status, "classification": null, "determination": null,
            "detectionSource": "WindowsDefenderAtp", "category": "Execution", "title": format!("alert {id}"),
            "alertCreationTime": created, "lastEventTime": created, "lastUpdateTime": updated,
            "machineId": null, "comments": [], "evidence": [], "mitreTechniques": []
        })
    };
    let mut a2 = mk(
        "a2",
        "Low",
        "Resolved",
        "2024-02-01T00:00:00Z",
        "2024-02-02T00:00:00.5Z",
    );
    a2["assignedTo"] = json!("O'Brien@contoso.com");
    a2["incidentId"] = json!(2);
    a2["investigationId"] = json!(55);
    a2["category"] = json!("Malware");
    a2["detectionSource"] = json!("WindowsDefenderAv");
    let mut a3 = mk(
        "a3",
        "Medium",
        "InProgress",
        "2024-03-01T00:00:00Z",
        "2024-03-02T00:00:00.1234567Z",
    );
    a3["assignedTo"] = json!("me@contoso.com");
    let a4 = mk(
        "da 1/x",
        "Informational",
        "New",
        "2024-04-01T00:00:00Z",
        "2024-04-02T00:00:00Z",
    );
    let mut a5 = mk(
        "a5",
        "High",
        "InProgress",
        "2024-05-01T00:00:00Z",
        "2024-05-02T00:00:00Z",
    );
    a5["customField"] = json!({"kept": true});
    let a1 = mk(
        "a1",
        "High",
        "New",
        "2024-01-01T00:00:00Z",
        "2024-01-02T00:00:00Z",
    );
    vec![doc, a1, a2, a3, a4, a5]
}

/// A config serving `fixture_alerts()` from a data file in `dir`.
pub(crate) fn fixture(dir: &tempfile::TempDir) -> EmulatorConfig {
    let path = dir.path().join("alerts.json");
    let mut alerts = fixture_alerts();
    // Give the documentation's alert network evidence so /ips and /domains have something to derive.
    alerts[0]["evidence"].as_array_mut().unwrap().push(json!({
        "entityType": "Ip", "ipAddress": "104.80.104.128"
    }));
    alerts[0]["evidence"].as_array_mut().unwrap().push(json!({
        "entityType": "Url", "url": "https://User:pw@Evil.Example.com:8443/x?y=1"
    }));
    std::fs::write(&path, json!({ "value": alerts }).to_string()).unwrap();
    EmulatorConfig {
        data_file: Some(path),
        ..EmulatorConfig::default()
    }
}

pub(crate) async fn token_for(h: &EmulatorHandle, id: &str, secret: &str) -> String {
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
            ("scope", SCOPE),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    v["access_token"].as_str().unwrap().to_string()
}

pub(crate) async fn token(h: &EmulatorHandle) -> String {
    token_for(h, "mde-triage-demo", "demo-secret").await
}

pub(crate) struct Api {
    pub(crate) base: String,
    pub(crate) token: String,
    pub(crate) http: Client,
}

impl Api {
    pub(crate) async fn new(h: &EmulatorHandle) -> Api {
        Api {
            base: h.base_url(),
            token: token(h).await,
            http: Client::new(),
        }
    }

    pub(crate) async fn get(&self, path_and_query: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path_and_query}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
    }

    pub(crate) async fn json(&self, path_and_query: &str) -> Value {
        let r = self.get(path_and_query).await;
        assert_eq!(r.status(), StatusCode::OK, "{path_and_query}");
        r.json().await.unwrap()
    }

    pub(crate) async fn patch(&self, id: &str, body: Value) -> reqwest::Response {
        self.http
            .patch(format!("{}/api/alerts/{}", self.base, enc(id)))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub(crate) async fn batch(&self, body: Value) -> reqwest::Response {
        self.http
            .post(format!("{}/api/alerts/batchUpdate", self.base))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }
}

pub(crate) fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

pub(crate) async fn error_code(r: reqwest::Response) -> (StatusCode, String, String) {
    let status = r.status();
    let v: Value = r.json().await.unwrap();
    assert!(v["error"]["target"].as_str().is_some_and(|t| !t.is_empty()));
    (
        status,
        v["error"]["code"].as_str().unwrap().to_string(),
        v["error"]["message"].as_str().unwrap().to_string(),
    )
}

pub(crate) fn ids(v: &Value) -> Vec<String> {
    v["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

pub(crate) async fn post_form(url: &str, form: &[(&str, &str)]) -> (StatusCode, Value) {
    let r = Client::new().post(url).form(form).send().await.unwrap();
    let s = r.status();
    (s, r.json().await.unwrap())
}

pub(crate) const DOC_ID: &str = "da637472900382838869_1364969609";

pub(crate) fn fixture_time(s: &str) -> Option<mde_model::Timestamp> {
    mde_model::Timestamp::parse(s).ok()
}
