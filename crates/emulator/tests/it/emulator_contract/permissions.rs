//! Bearer checks and permissions: 401 on missing/forged/expired tokens, 403 for the read-only app.

use super::support::*;
use mde_emulator::EmulatorConfig;
use reqwest::{Client, StatusCode};
use serde_json::json;

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
