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
            (
                "scope",
                "https://securitycenter.onmicrosoft.com/windowsatpservice/.default",
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["expires_in"], 3599);
    // The token is a JWT whose claims the client can read.
    let payload = v["access_token"]
        .as_str()
        .unwrap()
        .split('.')
        .nth(1)
        .unwrap();
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
    assert_eq!(
        (s, v["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("unauthorized_client"))
    );

    let (s, v) = post_form(
        &format!("{base}/other-tenant/oauth2/v2.0/token"),
        &cc("demo-secret"),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(
        v["error_description"]
            .as_str()
            .unwrap()
            .starts_with("AADSTS90002")
    );

    let mut no_default = cc("demo-secret");
    no_default[3] = (
        "scope",
        "https://api.securitycenter.microsoft.com/Alert.Read.All",
    );
    let (s, v) = post_form(&v2, &no_default).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_scope"))
    );

    let mut other_api = cc("demo-secret");
    other_api[3] = ("scope", "https://graph.microsoft.com/.default");
    let (_, v) = post_form(&v2, &other_api).await;
    assert_eq!(v["error"], "invalid_resource");

    let (s, v) = post_form(&v2, &cc("demo-secret")[1..]).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(
        v["error_description"]
            .as_str()
            .unwrap()
            .contains("'grant_type'")
    );

    let mut pw = cc("demo-secret");
    pw[0] = ("grant_type", "password");
    let (_, v) = post_form(&v2, &pw).await;
    assert_eq!(v["error"], "unsupported_grant_type");

    let oidc: Value = Client::new()
        .get(format!(
            "{base}/contoso-demo/v2.0/.well-known/openid-configuration"
        ))
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
            (
                "scope",
                "https://api.securitycenter.microsoft.com/.default offline_access",
            ),
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
    assert_eq!(
        (s, v["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("authorization_pending"))
    );

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
    assert_eq!(
        v["comments"].as_array().unwrap().last().unwrap()["createdBy"],
        "alice@contoso.com"
    );

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

    // An unapproved code expires after 900 seconds of emulator time.
    let (_, late) = post_form(
        &format!("{base}/contoso-demo/oauth2/v2.0/devicecode"),
        &[("client_id", "mde-triage-demo"), ("scope", SCOPE)],
    )
    .await;
    Client::new()
        .post(format!("{base}/_emulator/clock"))
        .json(&json!({"advanceSeconds": 901}))
        .send()
        .await
        .unwrap();
    let (s, v) = post_form(
        &token_url,
        &[
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("client_id", "mde-triage-demo"),
            ("device_code", late["device_code"].as_str().unwrap()),
        ],
    )
    .await;
    assert_eq!(
        (s, v["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("expired_token"))
    );
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
    let (s, code, _) = error_code(
        api.patch(&h.alert_ids()[0], json!({"status": "InProgress"}))
            .await,
    )
    .await;
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
    assert_eq!(
        (s, code.as_str()),
        (StatusCode::UNAUTHORIZED, "Unauthorized")
    );
    let r = http
        .get(&url)
        .bearer_auth("forged.token.here")
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.headers()["content-type"],
        "application/json; charset=utf-8"
    );
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
    assert_eq!(
        api.get("/api/alerts").await.status(),
        StatusCode::UNAUTHORIZED
    );
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
    assert_eq!(
        api.get(&format!("/api/alerts/{}", enc(&id))).await.status(),
        StatusCode::OK
    );
    let (s, code, msg) = error_code(api.patch(&id, json!({"status": "Resolved"})).await).await;
    assert_eq!((s, code.as_str()), (StatusCode::FORBIDDEN, "Forbidden"));
    assert!(msg.contains("Alert.ReadWrite.All"));
    let (s, _, _) = error_code(
        api.batch(json!({"alertIds": [id], "status": "Resolved"}))
            .await,
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(h.alert(&id).unwrap().status.as_str(), "New");
    h.shutdown().await;
}

// ---------------------------------------------------------------- OData list

const DOC_ID: &str = "da637472900382838869_1364969609";

#[tokio::test]
async fn filter_operators_escapes_and_encodings() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(fixture(&dir)).await;
    let api = Api::new(&h).await;
    let q = |f: &str| format!("/api/alerts?$filter={}", enc(f));
    let cases: &[(&str, &[&str])] = &[
        ("severity eq 'High'", &["a1", "a5"]),
        ("severity ne 'High'", &["a2", "a3", DOC_ID, "da 1/x"]),
        (
            "lastUpdateTime gt 2024-03-02T00:00:00.1234567Z",
            &["a5", "da 1/x"],
        ),
        (
            "lastUpdateTime ge 2024-03-02T00:00:00.1234567Z",
            &["a3", "a5", "da 1/x"],
        ),
        ("alertCreationTime lt 2024-02-01T00:00:00Z", &["a1", DOC_ID]),
        (
            "alertCreationTime le 2024-02-01T00:00:00Z",
            &["a1", "a2", DOC_ID],
        ),
        ("status eq 'New' and severity eq 'High'", &["a1"]),
        (
            "status eq 'Resolved' or assignedTo eq 'me@contoso.com'",
            &["a2", "a3"],
        ),
        ("not (status eq 'New')", &["a2", "a3", "a5"]),
        (
            "(severity eq 'Low' or severity eq 'Medium') and incidentId eq 1",
            &["a3"],
        ),
        ("status in ('InProgress', 'Resolved')", &["a2", "a3", "a5"]),
        ("assignedTo eq 'O''Brien@contoso.com'", &["a2"]),
        (
            "assignedTo eq null and category eq 'Execution'",
            &["a1", "a5", DOC_ID, "da 1/x"],
        ),
        ("investigationId eq 55", &["a2"]),
        ("id eq 'da 1/x'", &["da 1/x"]),
        ("detectionSource eq 'WindowsDefenderAv'", &["a2"]),
        ("lastEventTime ge 2024-05-01T00:00:00Z", &["a5"]),
        ("InvestigationId ne null", &["a2"]),
    ];
    for (f, want) in cases {
        let v = api.json(&q(f)).await;
        let mut got = ids(&v);
        got.sort();
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "{f}");
    }
    // As real clients send it: %24-encoded option names, '+' for spaces, unknown params ignored.
    let v = api
        .json("/api/alerts?%24filter=severity+eq+%27High%27+and+lastUpdateTime+ge+2024-05-01T00:00:00Z&api-version=1&foo")
        .await;
    assert_eq!(ids(&v), ["a5"]);
    // An injection attempt stays one literal.
    let v = api
        .json(&q("assignedTo eq 'x'' or severity eq ''High'"))
        .await;
    assert!(ids(&v).is_empty());
    h.shutdown().await;
}

#[tokio::test]
async fn bad_queries_get_400_odata_error_naming_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(fixture(&dir)).await;
    let api = Api::new(&h).await;
    let cases = [
        ("$filter=title eq 'x'", "'title'"),
        ("$filter=status eq", "ended early"),
        ("$filter=severity eq 'Severe'", "'Severe'"),
        (
            "$filter=lastUpdateTime gt '2024-01-01T00:00:00Z'",
            "Edm.String",
        ),
        ("$filter=(status eq 'New'", "not closed"),
        ("$top=10001", "10000"),
        ("$top=abc", "$top"),
        ("$skip=-2", "$skip"),
        ("$expand=machine", "'machine'"),
        ("$orderby=nothing", "'nothing'"),
        ("$select=nothing", "'nothing'"),
        ("$search=x", "$search"),
    ];
    for (query, needle) in cases {
        let (s, code, msg) = error_code(api.get(&format!("/api/alerts?{query}")).await).await;
        assert_eq!(
            (s, code.as_str()),
            (StatusCode::BAD_REQUEST, "ODataError"),
            "{query}"
        );
        assert!(msg.contains(needle), "{query}: {msg}");
    }
    h.shutdown().await;
}

#[tokio::test]
async fn paging_ordering_select_expand_and_versions() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(fixture(&dir)).await;
    let api = Api::new(&h).await;
    let all = ids(&api.json("/api/alerts").await);
    assert_eq!(all.len(), 6);
    // Unsorted list comes in id order, as observed on the service.
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all, sorted);
    let mut paged = Vec::new();
    for skip in (0..8).step_by(4) {
        paged.extend(ids(&api
            .json(&format!("/api/alerts?$top=4&$skip={skip}"))
            .await));
    }
    assert_eq!(paged, all);
    assert!(ids(&api.json("/api/alerts?$skip=6").await).is_empty());
    let empty = api.json("/api/alerts?$filter=id+eq+'none'").await;
    assert_eq!(empty["value"], json!([]));

    let v = api
        .json("/api/alerts?$orderby=severity desc,lastUpdateTime desc")
        .await;
    assert_eq!(ids(&v), ["a5", "a1", "a3", "a2", DOC_ID, "da 1/x"]);
    let v = api.json("/api/alerts?$orderby=assignedTo&$top=3").await;
    assert_eq!(
        v["value"][0]["assignedTo"],
        Value::Null,
        "nulls first ascending"
    );
    let v = api.json("/api/alerts?$orderby=lastUpdateTime asc").await;
    assert_eq!(ids(&v)[0], DOC_ID);

    let v = api.json("/api/alerts?$select=id,severity&$top=2").await;
    assert_eq!(
        v["@odata.context"],
        "https://api.securitycenter.microsoft.com/api/$metadata#Alerts(id,severity)"
    );
    let keys: Vec<&String> = v["value"][0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["id", "severity"]);

    // Evidence only with $expand on lists; always on get.
    let doc = |v: &Value| {
        v["value"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == DOC_ID)
            .unwrap()
            .clone()
    };
    assert_eq!(doc(&api.json("/api/alerts").await)["evidence"], json!([]));
    let expanded = doc(&api.json("/api/alerts?$expand=evidence").await);
    assert_eq!(expanded["evidence"].as_array().unwrap().len(), 5);
    let one = api.json(&format!("/api/alerts/{DOC_ID}")).await;
    assert_eq!(one["evidence"].as_array().unwrap().len(), 5);
    assert_eq!(one["evidence"][1]["entityType"], "Process");
    assert_eq!(
        one["evidence"][1]["processCommandLine"],
        "rundll32.exe  c:\\temp\\suspicious.dll,RepeatAfterMe"
    );

    // Unknown fields from a data file are served back.
    assert_eq!(
        api.json("/api/alerts/a5").await["customField"],
        json!({"kept": true})
    );
    // Opaque ids with '/' and ' ' work URL-encoded.
    assert_eq!(
        api.json(&format!("/api/alerts/{}", enc("da 1/x"))).await["id"],
        "da 1/x"
    );

    let v1 = api.json("/api/v1.0/alerts?$top=2").await;
    assert_eq!(ids(&v1), all[..2]);
    let counted = api.json("/api/alerts?$count=true&$top=1").await;
    assert_eq!(counted["@odata.count"], 6);

    let (s, code, msg) = error_code(api.get("/api/alerts/nope").await).await;
    assert_eq!(
        (s, code.as_str()),
        (StatusCode::NOT_FOUND, "ResourceNotFound")
    );
    assert!(msg.contains("nope"));
    h.shutdown().await;
}

// ---------------------------------------------------------------- writes

#[tokio::test]
async fn patch_validation_and_side_effects() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(fixture(&dir)).await;
    let api = Api::new(&h).await;
    for (body, needle) in [
        (json!({"Status": "Resolved"}), "'Status'"),
        (json!({"status": "Closed"}), "Closed"),
        (
            json!({"classification": "BenignPositive2"}),
            "classification",
        ),
        (json!({"determination": "Apt"}), "determination"),
        (json!({"assignedTo": 7}), "assignedTo"),
        (json!({"id": "x"}), "'id'"),
        (json!({}), "at least one"),
        (json!([1]), "JSON object"),
    ] {
        let (s, code, msg) = error_code(api.patch("a1", body.clone()).await).await;
        assert_eq!(
            (s, code.as_str()),
            (StatusCode::BAD_REQUEST, "InvalidRequestBody"),
            "{body}"
        );
        assert!(msg.contains(needle), "{body}: {msg}");
    }
    let r = api
        .http
        .patch(format!("{}/api/alerts/a1", h.base_url()))
        .bearer_auth(&api.token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(r).await.1, "InvalidRequestBody");
    assert_eq!(
        h.alert("a1").unwrap().last_update_time,
        fixture_time("2024-01-02T00:00:00Z")
    );

    let (s, code, _) = error_code(api.patch("missing", json!({"status": "New"})).await).await;
    assert_eq!(
        (s, code.as_str()),
        (StatusCode::NOT_FOUND, "ResourceNotFound")
    );

    // Every accepted spelling is stored under the metadata's name.
    for (sent, stored) in [
        ("CompromisedUser", "CompromisedAccount"),
        ("InsufficientData", "NoEnoughDataToValidate"),
        ("ConfirmedUserActivity", "ConfirmedActivity"),
        ("NotMalicious", "NotMalicious"),
    ] {
        let v: Value = api
            .patch("a1", json!({"determination": sent}))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(v["determination"], stored);
    }

    // Back-to-back changes get strictly increasing lastUpdateTime; resolve sets resolvedTime.
    let mut last = String::new();
    for i in 0..5 {
        let v: Value = api
            .patch("a2", json!({"comment": format!("c{i}")}))
            .await
            .json()
            .await
            .unwrap();
        let t = v["lastUpdateTime"].as_str().unwrap().to_string();
        assert!(fixture_time(&t) > fixture_time(&last.clone().max("2000-01-01T00:00:00Z".into())));
        last = t;
    }
    let v: Value = api
        .patch("a1", json!({"status": "Resolved", "assignedTo": null}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["resolvedTime"], v["lastUpdateTime"]);
    assert_eq!(v["assignedTo"], Value::Null);
    // A no-op change does not move lastUpdateTime.
    let again: Value = api
        .patch("a1", json!({"status": "Resolved"}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["lastUpdateTime"], v["lastUpdateTime"]);
    h.shutdown().await;
}

fn fixture_time(s: &str) -> Option<mde_triage::model::Timestamp> {
    mde_triage::model::Timestamp::parse(s).ok()
}

#[tokio::test]
async fn batch_update_applies_to_all_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(fixture(&dir)).await;
    let api = Api::new(&h).await;
    let (s, code, _) = error_code(api.batch(json!({"status": "Resolved"})).await).await;
    assert_eq!(
        (s, code.as_str()),
        (StatusCode::BAD_REQUEST, "MissingRequiredParameter")
    );
    let (_, code, _) = error_code(api.batch(json!({"alertIds": "a1"})).await).await;
    assert_eq!(code, "InvalidRequestBody");
    let (_, code, _) =
        error_code(api.batch(json!({"alertIds": ["a1"], "Status": "x"})).await).await;
    assert_eq!(code, "InvalidRequestBody");

    // An unknown id: 404 and nothing changes.
    let (s, code, msg) = error_code(
        api.batch(json!({"alertIds": ["a1", "ghost"], "status": "Resolved"}))
            .await,
    )
    .await;
    assert_eq!(
        (s, code.as_str()),
        (StatusCode::NOT_FOUND, "ResourceNotFound")
    );
    assert!(msg.contains("ghost"));
    assert_eq!(h.alert("a1").unwrap().status.as_str(), "New");

    let r = api
        .batch(
            json!({"alertIds": ["a1", "a3", "da 1/x"], "status": "Resolved",
                      "classification": "TruePositive", "determination": "Malware",
                      "assignedTo": "secop2@contoso.com", "comment": "bulk"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().is_empty());
    for id in ["a1", "a3", "da 1/x"] {
        let a = h.alert(id).unwrap();
        assert_eq!(a.status.as_str(), "Resolved");
        assert_eq!(a.determination.unwrap().as_str(), "Malware");
        assert_eq!(a.comments.last().unwrap().comment, "bulk");
        assert!(a.resolved_time.is_some());
    }
    assert_eq!(h.alert("a2").unwrap().comments.len(), 0);

    let too_many: Vec<String> = (0..10_001).map(|i| format!("id{i}")).collect();
    let (s, code, msg) = error_code(
        api.batch(json!({"alertIds": too_many, "status": "New"}))
            .await,
    )
    .await;
    assert_eq!(
        (s, code.as_str()),
        (StatusCode::BAD_REQUEST, "MaximumBatchSizeExceeded")
    );
    assert!(msg.contains("Received: 10001, allowed: 10000"));
    h.shutdown().await;
}

#[tokio::test]
async fn concurrent_patches_lose_no_update() {
    let h = start(EmulatorConfig {
        rate_limits: None,
        ..small()
    })
    .await;
    let api = std::sync::Arc::new(Api::new(&h).await);
    let id = h.alert_ids()[0].clone();
    let tasks: Vec<_> = (0..40)
        .map(|i| {
            let (api, id) = (api.clone(), id.clone());
            tokio::spawn(async move {
                api.patch(&id, json!({"comment": format!("n{i}")}))
                    .await
                    .status()
            })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::OK);
    }
    let a = h.alert(&id).unwrap();
    let mut texts: Vec<String> = a.comments.iter().map(|c| c.comment.clone()).collect();
    texts.sort();
    let mut want: Vec<String> = (0..40).map(|i| format!("n{i}")).collect();
    want.sort();
    assert_eq!(texts, want);
    let times: Vec<_> = a.comments.iter().map(|c| c.created_time.unwrap()).collect();
    assert!(
        times.windows(2).all(|w| w[0] < w[1]),
        "distinct, increasing times"
    );
    h.shutdown().await;
}

#[tokio::test]
async fn related_entities_derive_from_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(fixture(&dir)).await;
    let api = Api::new(&h).await;
    let files = api.json(&format!("/api/alerts/{DOC_ID}/files")).await;
    assert!(
        files["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("#Files")
    );
    let sha1s: Vec<&Value> = files["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["sha1"])
        .collect();
    assert!(sha1s.contains(&&json!("ff836cfb1af40252bd2a2ea843032e99a5b262ed")));
    let ips = api.json(&format!("/api/alerts/{DOC_ID}/ips")).await;
    assert_eq!(ips["value"], json!([{"id": "104.80.104.128"}]));
    let domains = api.json(&format!("/api/alerts/{DOC_ID}/domains")).await;
    assert_eq!(domains["value"], json!([{"host": "evil.example.com"}]));
    let machine = api.json(&format!("/api/alerts/{DOC_ID}/machine")).await;
    assert_eq!(machine["id"], "111e6dd8c833c8a052ea231ec1b19adaf497b625");
    assert!(
        machine["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("#Machines/$entity")
    );
    let user = api.json(&format!("/api/alerts/{DOC_ID}/user")).await;
    assert_eq!(user["accountName"], "temp123");
    assert_eq!(user["id"], "domain\\temp123");
    assert!(
        user["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("#Users/$entity")
    );

    let (s, code, msg) = error_code(api.get("/api/alerts/a1/user").await).await;
    assert_eq!(
        (s, code.as_str()),
        (StatusCode::NOT_FOUND, "ResourceNotFound")
    );
    assert!(msg.contains("There is no User related to alert a1"));
    assert_eq!(
        api.get("/api/alerts/a1/machine").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(api.json("/api/alerts/a1/ips").await["value"], json!([]));
    assert_eq!(
        api.get("/api/alerts/ghost/files").await.status(),
        StatusCode::NOT_FOUND
    );

    let ro = Api {
        base: h.base_url(),
        token: token_for(&h, "mde-triage-readonly", "readonly-secret").await,
        http: Client::new(),
    };
    assert_eq!(
        ro.get(&format!("/api/alerts/{DOC_ID}/files"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    h.shutdown().await;
}

// ---------------------------------------------------------------- limits and faults

#[tokio::test]
async fn rate_limit_429_with_retry_after_after_100_calls() {
    let h = start(small()).await;
    let api = Api::new(&h).await;
    for i in 0..100 {
        assert_eq!(
            api.get("/api/alerts?$top=1").await.status(),
            StatusCode::OK,
            "call {i}"
        );
    }
    let r = api.get("/api/alerts?$top=1").await;
    let retry: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry));
    let (s, code, _) = error_code(r).await;
    assert_eq!(
        (s, code.as_str()),
        (StatusCode::TOO_MANY_REQUESTS, "TooManyRequests")
    );
    // The quota is per app: the read-only app still gets through; batchUpdate has its own.
    let ro = Api {
        base: h.base_url(),
        token: token_for(&h, "mde-triage-readonly", "readonly-secret").await,
        http: Client::new(),
    };
    assert_eq!(ro.get("/api/alerts?$top=1").await.status(), StatusCode::OK);
    let id = h.alert_ids()[0].clone();
    for _ in 0..10 {
        let r = api.batch(json!({"alertIds": [id], "comment": "b"})).await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    let r = api.batch(json!({"alertIds": [id], "comment": "b"})).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
    assert_eq!(h.alert(&id).unwrap().comments.len(), 10);
    h.shutdown().await;
}

#[tokio::test]
async fn short_windows_recover_and_limits_can_be_switched_off() {
    let h = start(EmulatorConfig {
        rate_limits: Some(mde_triage::emulator::RateLimits {
            per_minute: 3,
            minute: std::time::Duration::from_millis(200),
            ..Default::default()
        }),
        ..small()
    })
    .await;
    let api = Api::new(&h).await;
    for _ in 0..3 {
        assert_eq!(api.get("/api/alerts?$top=1").await.status(), StatusCode::OK);
    }
    let r = api.get("/api/alerts?$top=1").await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers()["retry-after"], "0");
    // Poll (no sleep) until the window has slid past the first call.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if api.get("/api/alerts?$top=1").await.status() == StatusCode::OK {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "window never slid");
        tokio::task::yield_now().await;
    }
    h.shutdown().await;

    let h = start(EmulatorConfig {
        rate_limits: None,
        ..small()
    })
    .await;
    let api = Api::new(&h).await;
    for _ in 0..120 {
        assert_eq!(api.get("/api/alerts?$top=1").await.status(), StatusCode::OK);
    }
    h.shutdown().await;
}

#[tokio::test]
async fn fail_rate_one_answers_5xx_envelopes() {
    let h = start(EmulatorConfig {
        faults: mde_triage::emulator::Faults {
            fail_rate: 1.0,
            ..Default::default()
        },
        fault_seed: Some(3),
        ..small()
    })
    .await;
    let api = Api::new(&h).await; // sign-in is never faulted
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..20 {
        let (s, code, _) = error_code(api.get("/api/alerts").await).await;
        assert!(s == StatusCode::INTERNAL_SERVER_ERROR || s == StatusCode::SERVICE_UNAVAILABLE);
        seen.insert(code);
    }
    assert_eq!(
        seen.into_iter().collect::<Vec<_>>(),
        ["InternalServerError", "ServiceUnavailable"]
    );
    // Faults change at runtime.
    let r = Client::new()
        .put(format!("{}/_emulator/faults", h.base_url()))
        .json(&json!({"failRate": 0.0}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(api.get("/api/alerts").await.status(), StatusCode::OK);
    h.shutdown().await;
}

#[tokio::test]
async fn drop_rate_one_cuts_the_body_but_the_write_happened() {
    let h = start(EmulatorConfig {
        faults: mde_triage::emulator::Faults {
            drop_rate: 1.0,
            ..Default::default()
        },
        ..small()
    })
    .await;
    let api = Api::new(&h).await;
    let outcome = match api
        .http
        .get(format!("{}/api/alerts", h.base_url()))
        .bearer_auth(&api.token)
        .send()
        .await
    {
        Err(e) => Err(e),
        Ok(r) => r.bytes().await.map(|_| ()),
    };
    assert!(outcome.is_err(), "the client must see a broken response");
    let id = h.alert_ids()[0].clone();
    let sent = api
        .http
        .patch(format!("{}/api/alerts/{}", h.base_url(), enc(&id)))
        .bearer_auth(&api.token)
        .json(&json!({"comment": "lost answer"}))
        .send()
        .await;
    let outcome = match sent {
        Err(e) => Err(e),
        Ok(r) => r.bytes().await.map(|_| ()),
    };
    assert!(outcome.is_err());
    assert_eq!(
        h.alert(&id).unwrap().comments.last().unwrap().comment,
        "lost answer"
    );
    h.shutdown().await;
}

// ---------------------------------------------------------------- persistence and control

#[tokio::test]
async fn state_file_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let cfg = EmulatorConfig {
        alerts: 12,
        state_file: Some(state.clone()),
        ..EmulatorConfig::default()
    };
    let h = start(cfg.clone()).await;
    assert!(state.exists(), "written at start");
    let api = Api::new(&h).await;
    let id = h.alert_ids()[5].clone();
    let r = api
        .patch(&id, json!({"status": "InProgress", "comment": "keep me"}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let before = h.alert(&id).unwrap();
    h.shutdown().await;

    // A different seed and count would generate other alerts: the state file wins.
    let h = start(EmulatorConfig {
        alerts: 3,
        seed: 999,
        ..cfg
    })
    .await;
    assert_eq!(h.alert_ids().len(), 12);
    let after = h.alert(&id).unwrap();
    assert_eq!(after, before);
    assert_eq!(after.comments.last().unwrap().comment, "keep me");
    // Tokens do not survive a restart: clients sign in again on 401.
    let stale = Api {
        base: h.base_url(),
        ..api
    };
    assert_eq!(
        stale.get("/api/alerts").await.status(),
        StatusCode::UNAUTHORIZED
    );
    h.shutdown().await;
}

#[tokio::test]
async fn control_endpoints_change_alerts_server_side() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(fixture(&dir)).await;
    let api = Api::new(&h).await;
    let http = Client::new();
    let watermark = h.alert("a5").unwrap().last_update_time.unwrap();

    // Another analyst changes a1: it shows up in an incremental poll.
    let r = http
        .patch(format!(
            "{}/_emulator/alerts/a1?as=bob%40contoso.com",
            h.base_url()
        ))
        .json(&json!({"status": "InProgress", "comment": "mine now"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // A new alert arrives.
    let r = http
        .post(format!("{}/_emulator/alerts", h.base_url()))
        .json(&json!({"id": "new1", "title": "fresh", "severity": "High", "status": "New"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v = api
        .json(&format!(
            "/api/alerts?$filter={}",
            enc(&format!("lastUpdateTime gt {}", watermark.to_wire()))
        ))
        .await;
    let mut got = ids(&v);
    got.sort();
    assert_eq!(got, ["a1", "new1"]);
    assert_eq!(
        h.alert("a1").unwrap().comments[0].created_by.as_deref(),
        Some("bob@contoso.com")
    );
    // Polling from the newest served lastUpdateTime finds nothing new.
    let newest = v["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["lastUpdateTime"].as_str().unwrap().to_string())
        .max_by_key(|t| fixture_time(t))
        .unwrap();
    let again = api
        .json(&format!(
            "/api/alerts?$filter={}",
            enc(&format!("lastUpdateTime gt {newest}"))
        ))
        .await;
    assert!(ids(&again).is_empty(), "{again}");

    let st: Value = http
        .get(format!("{}/_emulator/state", h.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(st["alerts"], 7);
    let r = http
        .get(format!("{}/nowhere", h.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(r).await.1, "NotFound");
    h.shutdown().await;
}
