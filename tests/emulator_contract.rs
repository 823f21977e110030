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

/// The documentation's example alert plus crafted ones covering every filterable property.
fn fixture_alerts() -> Vec<Value> {
    let doc: Value = serde_json::from_str(include_str!("fixtures/get-alert.json")).unwrap();
    let mk = |id: &str, sev: &str, status: &str, created: &str, updated: &str| {
        json!({
            "id": id, "incidentId": 1, "investigationId": null, "assignedTo": null,
            "severity": sev, "status": status, "classification": null, "determination": null,
            "detectionSource": "WindowsDefenderAtp", "category": "Execution", "title": format!("alert {id}"),
            "alertCreationTime": created, "lastEventTime": created, "lastUpdateTime": updated,
            "machineId": null, "comments": [], "evidence": [], "mitreTechniques": []
        })
    };
    let mut a2 = mk("a2", "Low", "Resolved", "2024-02-01T00:00:00Z", "2024-02-02T00:00:00.5Z");
    a2["assignedTo"] = json!("O'Brien@contoso.com");
    a2["incidentId"] = json!(2);
    a2["investigationId"] = json!(55);
    a2["category"] = json!("Malware");
    a2["detectionSource"] = json!("WindowsDefenderAv");
    let mut a3 = mk("a3", "Medium", "InProgress", "2024-03-01T00:00:00Z", "2024-03-02T00:00:00.1234567Z");
    a3["assignedTo"] = json!("me@contoso.com");
    let a4 = mk("da 1/x", "Informational", "New", "2024-04-01T00:00:00Z", "2024-04-02T00:00:00Z");
    let mut a5 = mk("a5", "High", "InProgress", "2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z");
    a5["customField"] = json!({"kept": true});
    let a1 = mk("a1", "High", "New", "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z");
    vec![doc, a1, a2, a3, a4, a5]
}

/// A config serving `fixture_alerts()` from a data file in `dir`.
fn fixture(dir: &tempfile::TempDir) -> EmulatorConfig {
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

// ---------------------------------------------------------------- sign-in

async fn post_form(url: &str, form: &[(&str, &str)]) -> (StatusCode, Value) {
    let r = Client::new().post(url).form(form).send().await.unwrap();
    let s = r.status();
    (s, r.json().await.unwrap())
}

#[tokio::test]
async fn sign_in_v1_v2_basic_and_entra_errors() {
    let h = start(small()).await;
    let base = h.login_url();
    let v2 = format!("{base}/contoso-demo/oauth2/v2.0/token");
    let v1 = format!("{base}/contoso-demo/oauth2/token");

    // v1 with resource=, numbers as strings.
    let (s, v) = post_form(
        &v1,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", "mde-triage-demo"),
            ("client_secret", "demo-secret"),
            ("resource", "https://api.securitycenter.microsoft.com"),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["token_type"], "Bearer");
    assert_eq!(v["expires_in"], "3599");
    assert!(v["expires_on"].as_str().unwrap().parse::<i64>().is_ok());

    // v2 with the legacy App ID URI scope, credentials in HTTP Basic.
    let r = Client::new()
        .post(&v2)
        .basic_auth("mde-triage-demo", Some("demo-secret"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("scope", "https://securitycenter.onmicrosoft.com/windowsatpservice/.default"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["expires_in"], 3599);
    // The token is a JWT whose claims the client can read.
    let payload = v["access_token"].as_str().unwrap().split('.').nth(1).unwrap();
    use base64::Engine;
    let claims: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(claims["tid"], "contoso-demo");
    assert!(
        claims["roles"]
            .as_array()
            .unwrap()
            .contains(&json!("Alert.ReadWrite.All"))
    );

    let cc = |secret: &'static str| {
        vec![
            ("grant_type", "client_credentials"),
            ("client_id", "mde-triage-demo"),
            ("client_secret", secret),
            ("scope", SCOPE),
        ]
    };
    let (s, v) = post_form(&v2, &cc("wrong")).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(v["error"], "invalid_client");
    assert!(
        v["error_description"]
            .as_str()
            .unwrap()
            .starts_with("AADSTS7000215: Invalid client secret provided")
    );
    assert_eq!(v["error_codes"][0], 7000215);

    let (s, v) = post_form(
        &v2,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", "nobody"),
            ("client_secret", "x"),
            ("scope", SCOPE),
        ],
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("unauthorized_client")));

    let (s, v) = post_form(&format!("{base}/other-tenant/oauth2/v2.0/token"), &cc("demo-secret")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(v["error_description"].as_str().unwrap().starts_with("AADSTS90002"));

    let mut no_default = cc("demo-secret");
    no_default[3] = ("scope", "https://api.securitycenter.microsoft.com/Alert.Read.All");
    let (s, v) = post_form(&v2, &no_default).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_scope")));

    let mut other_api = cc("demo-secret");
    other_api[3] = ("scope", "https://graph.microsoft.com/.default");
    let (_, v) = post_form(&v2, &other_api).await;
    assert_eq!(v["error"], "invalid_resource");

    let (s, v) = post_form(&v2, &cc("demo-secret")[1..]).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(v["error_description"].as_str().unwrap().contains("'grant_type'"));

    let mut pw = cc("demo-secret");
    pw[0] = ("grant_type", "password");
    let (_, v) = post_form(&v2, &pw).await;
    assert_eq!(v["error"], "unsupported_grant_type");

    let oidc: Value = Client::new()
        .get(format!("{base}/contoso-demo/v2.0/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(oidc["token_endpoint"], json!(v2));
    assert_eq!(
        oidc["device_authorization_endpoint"],
        json!(format!("{base}/contoso-demo/oauth2/v2.0/devicecode"))
    );
    h.shutdown().await;
}

#[tokio::test]
async fn device_code_flow_pending_until_approved_then_delegated() {
    let h = start(small()).await;
    let base = h.login_url();
    let (s, dc) = post_form(
        &format!("{base}/contoso-demo/oauth2/v2.0/devicecode"),
        &[
            ("client_id", "mde-triage-demo"),
            ("scope", "https://api.securitycenter.microsoft.com/.default offline_access"),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    for key in ["device_code", "user_code", "verification_uri", "message"] {
        assert!(dc[key].is_string(), "{key}");
    }
    assert_eq!(dc["expires_in"], 900);
    assert_eq!(dc["interval"], 5);
    let poll = [
        ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
        ("client_id", "mde-triage-demo"),
        ("device_code", dc["device_code"].as_str().unwrap()),
    ];
    let token_url = format!("{base}/contoso-demo/oauth2/v2.0/token");
    let (s, v) = post_form(&token_url, &poll).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("authorization_pending")));

    let r = Client::new()
        .post(format!("{base}/_emulator/devicecode/approve"))
        .json(&json!({"user_code": dc["user_code"], "upn": "alice@contoso.com"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);

    let (s, v) = post_form(&token_url, &poll).await;
    assert_eq!(s, StatusCode::OK);
    let refresh = v["refresh_token"].as_str().unwrap().to_string();
    let tok = v["access_token"].as_str().unwrap().to_string();
    assert!(v["scope"].as_str().unwrap().contains("Alert.ReadWrite"));

    // The code is single-use.
    let (_, again) = post_form(&token_url, &poll).await;
    assert_eq!(again["error"], "invalid_grant");

    // Delegated comments carry the user's UPN.
    let api = Api {
        base: h.base_url(),
        token: tok,
        http: Client::new(),
    };
    let id = h.alert_ids()[0].clone();
    let r = api.patch(&id, json!({"comment": "mine"})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["comments"].as_array().unwrap().last().unwrap()["createdBy"], "alice@contoso.com");

    // Refresh grant gives a working token and rotates the refresh token.
    let refresh_form = [
        ("grant_type", "refresh_token"),
        ("client_id", "mde-triage-demo"),
        ("refresh_token", refresh.as_str()),
    ];
    let (s, refreshed) = post_form(&token_url, &refresh_form).await;
    assert_eq!(s, StatusCode::OK);
    assert!(refreshed["access_token"].is_string());
    let (s, _) = post_form(&token_url, &refresh_form).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    h.shutdown().await;
}

#[tokio::test]
async fn auto_approved_device_code_signs_in_the_default_user() {
    let h = start(EmulatorConfig {
        auto_approve_device_code: true,
        ..small()
    })
    .await;
    let base = h.login_url();
    let (_, dc) = post_form(
        &format!("{base}/contoso-demo/oauth2/v2.0/devicecode"),
        &[
            ("client_id", "mde-triage-readonly"),
            ("scope", "https://api.securitycenter.microsoft.com/.default"),
        ],
    )
    .await;
    let (s, v) = post_form(
        &format!("{base}/contoso-demo/oauth2/v2.0/token"),
        &[
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("client_id", "mde-triage-readonly"),
            ("device_code", dc["device_code"].as_str().unwrap()),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(v.get("refresh_token").is_none(), "no offline_access asked");
    let api = Api {
        base: h.base_url(),
        token: v["access_token"].as_str().unwrap().to_string(),
        http: Client::new(),
    };
    assert_eq!(api.get("/api/alerts?$top=1").await.status(), StatusCode::OK);
    let (s, code, _) = error_code(api.patch(&h.alert_ids()[0], json!({"status": "InProgress"})).await).await;
    assert_eq!((s, code.as_str()), (StatusCode::FORBIDDEN, "Forbidden"));
    h.shutdown().await;
}

// ---------------------------------------------------------------- bearer and permissions

#[tokio::test]
async fn missing_bad_and_expired_tokens_get_401_envelopes() {
    let h = start(small()).await;
    let url = format!("{}/api/alerts", h.base_url());
    let http = Client::new();
    let (s, code, _) = error_code(http.get(&url).send().await.unwrap()).await;
    assert_eq!((s, code.as_str()), (StatusCode::UNAUTHORIZED, "Unauthorized"));
    let r = http.get(&url).bearer_auth("forged.token.here").send().await.unwrap();
    assert_eq!(r.headers()["content-type"], "application/json; charset=utf-8");
    assert!(r.headers().get("odata-version").is_none());
    let (s, _, _) = error_code(r).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);

    // A token that was good stops working when tokens are expired.
    let api = Api::new(&h).await;
    assert_eq!(api.get("/api/alerts").await.status(), StatusCode::OK);
    let r = http
        .post(format!("{}/_emulator/tokens/expire", h.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let (s, _, msg) = error_code(api.get("/api/alerts").await).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(msg.contains("expired"));
    h.shutdown().await;

    // Lifetime zero: issued already expired.
    let h = start(EmulatorConfig {
        token_lifetime: std::time::Duration::ZERO,
        ..small()
    })
    .await;
    let api = Api::new(&h).await;
    let (s, _, msg) = error_code(api.get("/api/alerts").await).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(msg.contains("expired"));
    h.shutdown().await;
}

#[tokio::test]
async fn clock_advance_expires_tokens() {
    let h = start(EmulatorConfig {
        token_lifetime: std::time::Duration::from_secs(60),
        ..small()
    })
    .await;
    let api = Api::new(&h).await;
    assert_eq!(api.get("/api/alerts").await.status(), StatusCode::OK);
    let r = Client::new()
        .post(format!("{}/_emulator/clock", h.base_url()))
        .json(&json!({"advanceSeconds": 61}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(api.get("/api/alerts").await.status(), StatusCode::UNAUTHORIZED);
    h.shutdown().await;
}

#[tokio::test]
async fn read_only_app_reads_but_gets_403_on_writes() {
    let h = start(small()).await;
    let api = Api {
        base: h.base_url(),
        token: token_for(&h, "mde-triage-readonly", "readonly-secret").await,
        http: Client::new(),
    };
    let id = h.alert_ids()[0].clone();
    assert_eq!(api.get("/api/alerts").await.status(), StatusCode::OK);
    assert_eq!(api.get(&format!("/api/alerts/{}", enc(&id))).await.status(), StatusCode::OK);
    let (s, code, msg) = error_code(api.patch(&id, json!({"status": "Resolved"})).await).await;
    assert_eq!((s, code.as_str()), (StatusCode::FORBIDDEN, "Forbidden"));
    assert!(msg.contains("Alert.ReadWrite.All"));
    let (s, _, _) = error_code(api.batch(json!({"alertIds": [id], "status": "Resolved"})).await).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(h.alert(&id).unwrap().status.as_str(), "New");
    h.shutdown().await;
}
