//! Machine actions refused or cut short: bodies checked (PascalCase, required Comment), the
//! unsupported platform, permissions per action with a 403 naming the role, per-route quotas,
//! and the lost answer that still created the action.

use super::response_support::*;
use super::support::*;
use mde_emulator::EmulatorConfig;
use mde_emulator::demo_data::devices::{AlertFacts, profile};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[tokio::test]
async fn bodies_are_pascal_case_and_checked() {
    let h = start(quiet()).await;
    let api = Api::new(&h).await;
    let id = windows_machines(&api, &h).await[0].clone();
    let cases = [
        (
            "isolate",
            json!({"comment": "wrong case"}),
            "InvalidRequestBody",
        ),
        (
            "isolate",
            json!({"IsolationType": "Full"}),
            "MissingRequiredParameter",
        ),
        (
            "isolate",
            json!({"Comment": "c", "IsolationType": "Partial"}),
            "InvalidRequestBody",
        ),
        (
            "runAntiVirusScan",
            json!({"Comment": "c"}),
            "MissingRequiredParameter",
        ),
        (
            "runAntiVirusScan",
            json!({"Comment": "c", "ScanType": "Deep"}),
            "InvalidRequestBody",
        ),
        (
            "StopAndQuarantineFile",
            json!({"Comment": "c", "Sha1": "b".repeat(64)}),
            "InvalidHashValue",
        ),
        (
            "StopAndQuarantineFile",
            json!({"Comment": "c"}),
            "MissingRequiredParameter",
        ),
    ];
    for (action, body, want) in cases {
        let r = api
            .post(&format!("/api/machines/{id}/{action}"), body.clone())
            .await;
        let (s, code, _) = error_code(r).await;
        assert_eq!(
            (s, code.as_str()),
            (StatusCode::BAD_REQUEST, want),
            "{action} {body}"
        );
    }
    let r = api
        .post(
            &format!("/api/machines/{}/isolate", "f".repeat(40)),
            json!({"Comment": "c"}),
        )
        .await;
    let (s, code, msg) = error_code(r).await;
    assert_eq!(
        (s, code.as_str()),
        (StatusCode::NOT_FOUND, "ResourceNotFound")
    );
    assert!(msg.contains("fffff"), "{msg}");
    // Every documented action is accepted with its documented body.
    for (action, body) in [
        (
            "isolate",
            json!({"Comment": "c", "IsolationType": "UnManagedDevice"}),
        ),
        (
            "runAntiVirusScan",
            json!({"Comment": "c", "ScanType": "Quick"}),
        ),
        ("restrictCodeExecution", json!({"Comment": "c"})),
        ("unrestrictCodeExecution", json!({"Comment": "c"})),
        ("collectInvestigationPackage", json!({"Comment": "c"})),
        (
            "StopAndQuarantineFile",
            json!({"Comment": "c", "Sha1": "87662bc3d60e4200ceaf7aae249d1c343f4b83c9"}),
        ),
        ("unisolate", json!({"Comment": "c"})),
    ] {
        let (s, a) = api.act(&id, action, body).await;
        assert_eq!(s, StatusCode::CREATED, "{action}: {a}");
        if action == "isolate" {
            assert_eq!(a["scope"], "UnManagedDevice", "{a}");
        }
    }
    // Another verb on an action route: 405 with `Allow: POST` and no body.
    let r = api
        .get(&format!("/api/machines/{id}/restrictCodeExecution"))
        .await;
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.headers()["allow"], "POST");
}

#[tokio::test]
async fn restricting_a_linux_device_is_refused_as_unsupported() {
    // A machine id the derivation makes a Linux web server.
    let linux = (0u32..)
        .map(|i| format!("{i:040x}"))
        .find(|id| {
            let facts = AlertFacts {
                name: Some("srv-web-07.corp.contoso.com"),
                ..AlertFacts::default()
            };
            profile(id, &facts, mde_model::Timestamp::now())
                .machine
                .os_platform
                .as_deref()
                == Some("Linux")
        })
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("alerts.json");
    let alert = json!({"id": "da1", "title": "t", "severity": "High", "status": "New",
        "machineId": linux, "computerDnsName": "srv-web-07.corp.contoso.com",
        "alertCreationTime": "2026-01-01T00:00:00Z"});
    std::fs::write(&path, json!({"value": [alert]}).to_string()).unwrap();
    let h = start(EmulatorConfig {
        data_file: Some(path),
        ..quiet()
    })
    .await;
    let api = Api::new(&h).await;
    let r = api
        .post(
            &format!("/api/machines/{linux}/restrictCodeExecution"),
            json!({"Comment": "c"}),
        )
        .await;
    let (s, code, msg) = error_code(r).await;
    assert_eq!(
        (s, code.as_str()),
        (StatusCode::BAD_REQUEST, "OsPlatformNotSupported")
    );
    assert!(msg.contains("Linux"), "{msg}");
    assert_eq!(
        api.act(&linux, "isolate", json!({"Comment": "c"})).await.0,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn each_action_needs_its_own_permission_and_403_names_it() {
    let h = start(quiet()).await;
    let api = Api::new(&h).await;
    let id = windows_machines(&api, &h).await[0].clone();
    control(
        &h,
        Method::PUT,
        "/_emulator/roles/withheld",
        json!({"roles": ["Machine.Isolate"]}),
    )
    .await;
    let limited = Api::new(&h).await;
    // The token says so too: a client can refuse before asking.
    let payload = limited.token.split('.').nth(1).unwrap();
    use base64::Engine;
    let claims: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap();
    let roles = claims["roles"].as_array().unwrap();
    assert!(!roles.contains(&json!("Machine.Isolate")) && roles.contains(&json!("Machine.Scan")));
    let r = limited
        .post(
            &format!("/api/machines/{id}/isolate"),
            json!({"Comment": "c"}),
        )
        .await;
    let (s, code, msg) = error_code(r).await;
    assert_eq!((s, code.as_str()), (StatusCode::FORBIDDEN, "Forbidden"));
    assert!(msg.contains("(Machine.Isolate)"), "{msg}");
    assert_eq!(
        limited
            .act(
                &id,
                "runAntiVirusScan",
                json!({"Comment": "c", "ScanType": "Quick"})
            )
            .await
            .0,
        StatusCode::CREATED
    );
    // The token issued before keeps its roles.
    assert_eq!(
        api.act(&id, "isolate", json!({"Comment": "c"})).await.0,
        StatusCode::CREATED
    );
    control(
        &h,
        Method::PUT,
        "/_emulator/roles/withheld",
        json!({"roles": []}),
    )
    .await;

    let ro = Api {
        token: token_for(&h, "mde-triage-readonly", "readonly-secret").await,
        ..Api::new(&h).await
    };
    for (action, perm) in [
        ("isolate", "Machine.Isolate"),
        ("runAntiVirusScan", "Machine.Scan"),
        ("restrictCodeExecution", "Machine.RestrictExecution"),
        ("collectInvestigationPackage", "Machine.CollectForensics"),
        ("StopAndQuarantineFile", "Machine.StopAndQuarantine"),
    ] {
        let r = ro
            .post(
                &format!("/api/machines/{id}/{action}"),
                json!({"Comment": "c"}),
            )
            .await;
        let (s, _, msg) = error_code(r).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{action}");
        assert!(msg.contains(perm), "{action}: {msg}");
    }
    assert_eq!(
        ro.get("/api/machineactions").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        ro.post("/api/machineactions/x/cancel", json!({}))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn each_action_route_has_its_own_quota() {
    let h = start(EmulatorConfig {
        rate_limits: Some(mde_emulator::RateLimits {
            per_minute: 3,
            ..mde_emulator::RateLimits::default()
        }),
        ..quiet()
    })
    .await;
    let api = Api::new(&h).await;
    let all = api.json("/api/machines?$select=id").await; // 1 general call
    let ids = ids(&all);
    for id in &ids[..3] {
        assert_eq!(
            api.act(
                id,
                "runAntiVirusScan",
                json!({"Comment": "c", "ScanType": "Quick"})
            )
            .await
            .0,
            StatusCode::CREATED
        );
    }
    let r = api
        .post(
            &format!("/api/machines/{}/runAntiVirusScan", ids[3]),
            json!({"Comment": "c", "ScanType": "Quick"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
    // Isolation has a quota of its own, and so do the general routes.
    assert_eq!(
        api.act(&ids[3], "isolate", json!({"Comment": "c"})).await.0,
        StatusCode::CREATED
    );
    assert_eq!(
        api.get("/api/machineactions").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_dropped_answer_still_created_the_action() {
    let h = start(quiet()).await;
    let api = Api::new(&h).await;
    let id = windows_machines(&api, &h).await[0].clone();
    control(
        &h,
        Method::POST,
        "/_emulator/faults/drop-next",
        json!({"method": "POST", "path": "/isolate"}),
    )
    .await;
    let sent = api
        .http
        .post(format!("{}/api/machines/{id}/isolate", api.base))
        .bearer_auth(&api.token)
        .json(&json!({"Comment": "c"}))
        .send()
        .await;
    match sent {
        Err(e) => assert!(e.is_request() || e.is_body(), "{e}"),
        Ok(r) => assert!(r.text().await.is_err(), "the body is cut"),
    }
    let held: Vec<Value> = all_actions(&h).await;
    assert_eq!(held.len(), 1);
    assert_eq!(held[0]["type"], "Isolate");
    // One-shot: the next request is answered whole.
    let (s, _) = api
        .act(
            &id,
            "runAntiVirusScan",
            json!({"Comment": "c", "ScanType": "Quick"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
}
