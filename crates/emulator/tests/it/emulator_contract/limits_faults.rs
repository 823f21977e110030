//! Rate limits (429 + Retry-After) and injected faults (5xx, dropped connections).

use super::support::*;
use mde_emulator::EmulatorConfig;
use reqwest::{Client, StatusCode};
use serde_json::json;

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
        rate_limits: Some(mde_emulator::RateLimits {
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
        faults: mde_emulator::Faults {
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
        faults: mde_emulator::Faults {
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
