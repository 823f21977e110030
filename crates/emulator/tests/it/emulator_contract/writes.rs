//! PATCH and batchUpdate: validation, side effects, atomicity, concurrency; related entities.

use super::support::*;
use mde_emulator::EmulatorConfig;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

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
