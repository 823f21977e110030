//! `/api/indicators`: 200 on create with a numeric string id, submit-or-update, the documented
//! values and validation errors, expiry, the per-tenant cap, delete, OData and permissions.

use super::response_support::*;
use super::support::*;
use mde_emulator::EmulatorConfig;
use mde_emulator::response::config::ResponseConfig;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn block(value: &str, kind: &str) -> Value {
    json!({
        "indicatorValue": value, "indicatorType": kind, "action": "Block",
        "title": "mde-triage: alert da1", "description": "Blocked during triage",
        "severity": "High", "recommendedActions": "Isolate the device"
    })
}

#[tokio::test]
async fn an_indicator_is_created_updated_listed_and_deleted() {
    let h = start(quiet()).await;
    let api = Api::new(&h).await;
    let sha1 = "87662BC3D60E4200CEAF7AAE249D1C343F4B83C9";
    let r = api.post("/api/indicators", block(sha1, "FileSha1")).await;
    assert_eq!(r.status(), StatusCode::OK, "200, not 201");
    let i: Value = r.json().await.unwrap();
    assert!(
        i["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("#Indicators/$entity")
    );
    let id = i["id"].as_str().unwrap().to_string();
    assert!(id.parse::<u64>().is_ok(), "a numeric string: {id}");
    assert_eq!(i["indicatorValue"], sha1.to_lowercase());
    assert_eq!(i["action"], "Block");
    assert_eq!(i["createdBy"], "mde-triage-demo");
    assert_eq!(i["sourceType"], "AadApp");
    let typed: mde_model::device::Indicator = serde_json::from_value(i.clone()).unwrap();
    assert_eq!(
        typed.indicator_type,
        mde_model::device::IndicatorType::FileSha1
    );

    // Same value and type: updated in place.
    let mut again = block(&sha1.to_lowercase(), "FileSha1");
    again["action"] = json!("Audit");
    again["generateAlert"] = json!(true);
    let u: Value = api
        .post("/api/indicators", again)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(u["id"], json!(id));
    assert_eq!(u["action"], "Audit");
    assert_eq!(u["creationTimeDateTimeUtc"], i["creationTimeDateTimeUtc"]);

    let d = api
        .post("/api/indicators", block("evil.example", "DomainName"))
        .await;
    assert_eq!(d.status(), StatusCode::OK);
    let all = api.json("/api/indicators").await;
    assert_eq!(ids(&all).len(), 2);
    let files = api
        .json(&format!(
            "/api/indicators?$filter={}",
            enc("indicatorType eq 'FileSha1'")
        ))
        .await;
    assert_eq!(ids(&files), [id.as_str()]);
    let by_value = api
        .json(&format!(
            "/api/indicators?$filter={}&$select=id,indicatorValue",
            enc("indicatorValue eq 'EVIL.example'")
        ))
        .await;
    assert_eq!(by_value["value"][0].as_object().unwrap().len(), 2);

    let r = api.delete(&format!("/api/indicators/{id}")).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let (s, code, _) = error_code(api.delete(&format!("/api/indicators/{id}")).await).await;
    assert_eq!(
        (s, code.as_str()),
        (StatusCode::NOT_FOUND, "ResourceNotFound")
    );
    assert_eq!(
        api.delete("/api/indicators/abc").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn invalid_indicators_are_refused_with_the_rule_they_broke() {
    let h = start(quiet()).await;
    let api = Api::new(&h).await;
    let mut bad_type = block("x", "Hash");
    bad_type["indicatorType"] = json!("Hash");
    let mut bad_action = block("evil.example", "DomainName");
    bad_action["action"] = json!("Nuke");
    let mut remediate_ip = block("203.0.113.9", "IpAddress");
    remediate_ip["action"] = json!("BlockAndRemediate");
    let mut audit_silent = block("evil.example", "DomainName");
    audit_silent["action"] = json!("Audit");
    let mut expired = block("evil.example", "DomainName");
    expired["expirationTime"] = json!("2001-01-01T00:00:00Z");
    let mut no_description = block("evil.example", "DomainName");
    no_description
        .as_object_mut()
        .unwrap()
        .remove("description");
    for (body, code, needle) in [
        (bad_type, "InvalidRequestBody", "FileSha256"),
        (
            bad_action,
            "InvalidRequestBody",
            "Allowed, Audit, Warn, Block, BlockAndRemediate",
        ),
        (
            block("10.0.0.5", "IpAddress"),
            "InvalidIpAddress",
            "internal",
        ),
        (
            block("192.168.1.0/24", "IpAddress"),
            "InvalidIpAddress",
            "CIDR",
        ),
        (
            block("abc", "FileSha256"),
            "InvalidIndicatorValue",
            "SHA-256",
        ),
        (remediate_ip, "InvalidRequestBody", "file"),
        (audit_silent, "InvalidRequestBody", "generateAlert"),
        (expired, "InvalidRequestBody", "past"),
        (no_description, "MissingRequiredParameter", "description"),
    ] {
        let (s, got, msg) = error_code(api.post("/api/indicators", body.clone()).await).await;
        assert_eq!((s, got.as_str()), (StatusCode::BAD_REQUEST, code), "{body}");
        assert!(msg.contains(needle), "{body}: {msg}");
    }
    assert_eq!(
        ids(&api.json("/api/indicators").await).len(),
        0,
        "nothing was stored"
    );
}

#[tokio::test]
async fn the_tenant_cap_counts_active_indicators_only() {
    let h = start(EmulatorConfig {
        response: ResponseConfig {
            seed_history: Some(false),
            max_indicators: 2,
            ..ResponseConfig::default()
        },
        ..quiet()
    })
    .await;
    let api = Api::new(&h).await;
    let soon = mde_model::Timestamp(chrono::Utc::now() + chrono::Duration::hours(1));
    let mut short = block("a.example", "DomainName");
    short["expirationTime"] = json!(soon.to_wire());
    assert_eq!(
        api.post("/api/indicators", short).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        api.post("/api/indicators", block("b.example", "DomainName"))
            .await
            .status(),
        StatusCode::OK
    );
    let (s, code, msg) = error_code(
        api.post("/api/indicators", block("c.example", "DomainName"))
            .await,
    )
    .await;
    assert_eq!(
        (s, code.as_str()),
        (StatusCode::BAD_REQUEST, "MaximumIndicatorsExceeded")
    );
    assert!(msg.contains("at most 2"), "{msg}");
    // Updating an existing one is not a new one.
    assert_eq!(
        api.post("/api/indicators", block("b.example", "DomainName"))
            .await
            .status(),
        StatusCode::OK
    );
    // Once the first expires it no longer counts.
    advance(&h, 2.0 * 3600.0).await;
    assert_eq!(
        api.post("/api/indicators", block("c.example", "DomainName"))
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn indicators_need_ti_permissions() {
    let h = start(quiet()).await;
    let ro = Api {
        token: token_for(&h, "mde-triage-readonly", "readonly-secret").await,
        ..Api::new(&h).await
    };
    let (s, _, msg) = error_code(
        ro.post("/api/indicators", block("a.example", "DomainName"))
            .await,
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(msg.contains("Ti.ReadWrite"), "{msg}");
    assert_eq!(
        ro.get("/api/indicators").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        ro.delete("/api/indicators/1").await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn warn_and_block_and_remediate_are_accepted_where_they_apply() {
    let h = start(quiet()).await;
    let api = Api::new(&h).await;
    let sha1 = "87662bc3d60e4200ceaf7aae249d1c343f4b83c9";
    let sha256 = "ab".repeat(32);
    // BlockAndRemediate on both hash types, Warn on a file and on a domain: 200, stored as sent.
    for (value, kind, action) in [
        (sha1.to_string(), "FileSha1", "BlockAndRemediate"),
        (sha256.clone(), "FileSha256", "BlockAndRemediate"),
        (sha1.to_string(), "FileSha1", "Warn"),
        ("evil.example".to_string(), "DomainName", "Warn"),
        ("http://evil.example/x".to_string(), "Url", "Warn"),
    ] {
        let mut body = block(&value, kind);
        body["action"] = json!(action);
        let r = api.post("/api/indicators", body).await;
        assert_eq!(r.status(), StatusCode::OK, "{action} on {kind}");
        let i: Value = r.json().await.unwrap();
        assert_eq!(i["action"], action, "{kind}");
        let typed: mde_model::device::Indicator = serde_json::from_value(i).unwrap();
        assert!(!typed.action.is_retired());
    }
    // The documented alternative spelling of Allowed is read, and stored as the declared value.
    let mut allow = block("203.0.113.20", "IpAddress");
    allow["action"] = json!("Allow");
    let r = api.post("/api/indicators", allow).await;
    assert_eq!(r.status(), StatusCode::OK);
    let i: Value = r.json().await.unwrap();
    assert_eq!(i["action"], "Allowed");
}
