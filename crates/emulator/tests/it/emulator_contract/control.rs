//! Persistence across restarts and the `/_emulator/` control endpoints.

use super::support::*;
use mde_emulator::EmulatorConfig;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

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
    assert!(
        !before.evidence.is_empty(),
        "the evidence goes through the file too"
    );
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

#[tokio::test]
async fn quota_reset_and_browser_approval_pages() {
    let h = start(EmulatorConfig {
        rate_limits: Some(mde_emulator::RateLimits {
            per_minute: 2,
            ..Default::default()
        }),
        ..small()
    })
    .await;
    let api = Api::new(&h).await;
    let http = Client::new();
    assert_eq!(api.get("/api/alerts?$top=1").await.status(), StatusCode::OK);
    assert_eq!(api.get("/api/alerts?$top=1").await.status(), StatusCode::OK);
    assert_eq!(
        api.get("/api/alerts?$top=1").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    let r = http
        .post(format!("{}/_emulator/rate-limits/reset", h.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(api.get("/api/alerts?$top=1").await.status(), StatusCode::OK);

    // The verification page posts a form to the approve endpoint.
    let (_, dc) = post_form(
        &format!("{}/contoso-demo/oauth2/v2.0/devicecode", h.login_url()),
        &[("client_id", "mde-triage-demo"), ("scope", SCOPE)],
    )
    .await;
    let page = http
        .get(dc["verification_uri"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("action=/_emulator/devicecode/approve"));
    let code = dc["user_code"].as_str().unwrap().to_lowercase();
    let r = http
        .post(format!("{}/_emulator/devicecode/approve", h.base_url()))
        .form(&[("user_code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "codes match case-insensitively");
    let r = http
        .post(format!("{}/_emulator/devicecode/approve", h.base_url()))
        .form(&[("user_code", "NOSUCHCODE")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let (s, v) = post_form(
        &format!("{}/contoso-demo/oauth2/v2.0/token", h.login_url()),
        &[
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("client_id", "mde-triage-demo"),
            ("device_code", dc["device_code"].as_str().unwrap()),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["access_token"].is_string());
    h.shutdown().await;
}
