//! Contract tests: the emulator driven over HTTP with reqwest, bound to 127.0.0.1:0.

use mde_triage::emulator::{EmulatorConfig, EmulatorHandle, spawn};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

const SCOPE: &str = "https://api.securitycenter.microsoft.com/.default";

async fn start(cfg: EmulatorConfig) -> EmulatorHandle {
    spawn(cfg).await.expect("emulator starts")
}

fn small() -> EmulatorConfig {
    EmulatorConfig {
        alerts: 30,
        ..EmulatorConfig::default()
    }
}

async fn token_for(h: &EmulatorHandle, id: &str, secret: &str) -> String {
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

async fn token(h: &EmulatorHandle) -> String {
    token_for(h, "mde-triage-demo", "demo-secret").await
}

struct Api {
    base: String,
    token: String,
    http: Client,
}

impl Api {
    async fn new(h: &EmulatorHandle) -> Api {
        Api {
            base: h.base_url(),
            token: token(h).await,
            http: Client::new(),
        }
    }

    async fn get(&self, path_and_query: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path_and_query}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
    }

    async fn json(&self, path_and_query: &str) -> Value {
        let r = self.get(path_and_query).await;
        assert_eq!(r.status(), StatusCode::OK, "{path_and_query}");
        r.json().await.unwrap()
    }

    async fn patch(&self, id: &str, body: Value) -> reqwest::Response {
        self.http
            .patch(format!("{}/api/alerts/{}", self.base, enc(id)))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    async fn batch(&self, body: Value) -> reqwest::Response {
        self.http
            .post(format!("{}/api/alerts/batchUpdate", self.base))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }
}

fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

async fn error_code(r: reqwest::Response) -> (StatusCode, String, String) {
    let status = r.status();
    let v: Value = r.json().await.unwrap();
    assert!(v["error"]["target"].as_str().is_some_and(|t| !t.is_empty()));
    (
        status,
        v["error"]["code"].as_str().unwrap().to_string(),
        v["error"]["message"].as_str().unwrap().to_string(),
    )
}

fn ids(v: &Value) -> Vec<String> {
    v["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn token_list_get_patch_round_trip() {
    let h = start(small()).await;
    let api = Api::new(&h).await;

    let r = api.get("/api/alerts").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()["content-type"],
        "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8"
    );
    assert_eq!(r.headers()["odata-version"], "4.0");
    let list: Value = r.json().await.unwrap();
    assert_eq!(
        list["@odata.context"],
        "https://api.securitycenter.microsoft.com/api/$metadata#Alerts"
    );
    assert_eq!(ids(&list), h.alert_ids());

    let id = h.alert_ids()[3].clone();
    let one = api.json(&format!("/api/alerts/{}", enc(&id))).await;
    assert_eq!(one["id"], id.as_str());
    assert_eq!(
        one["@odata.context"],
        "https://api.securitycenter.microsoft.com/api/$metadata#Alerts/$entity"
    );

    let before = h.alert(&id).unwrap().last_update_time;
    let r = api
        .patch(
            &id,
            json!({"status": "Resolved", "assignedTo": "secop2@contoso.com",
                   "classification": "FalsePositive", "determination": "Clean",
                   "comment": "closing"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let updated: Value = r.json().await.unwrap();
    assert_eq!(updated["status"], "Resolved");
    assert_eq!(updated["assignedTo"], "secop2@contoso.com");
    assert_eq!(updated["classification"], "FalsePositive");
    assert_eq!(updated["determination"], "NotMalicious");
    let comments = updated["comments"].as_array().unwrap();
    let last = comments.last().unwrap();
    assert_eq!(last["comment"], "closing");
    assert_eq!(last["createdBy"], "mde-triage-demo");
    assert!(updated["resolvedTime"].is_string());
    let after = h.alert(&id).unwrap().last_update_time;
    assert!(after > before);
    assert_eq!(updated["lastUpdateTime"], json!(after.unwrap().to_wire()));
    h.shutdown().await;
}
