//! The Graph token audience: issued for the Graph scope with Graph's roles, refused by the MDE
//! API, and an MDE token refused by Graph; device code and refresh across audiences.

use super::support::{
    GRAPH_SCOPE, Graph, MDE_SCOPE, claims, demo, graph_error, start, token, token_as,
};
use reqwest::{Client, StatusCode};
use serde_json::Value;

#[tokio::test]
async fn the_graph_scope_gives_a_graph_token_with_graph_roles() {
    let h = start(demo()).await;
    let t = token(&h, GRAPH_SCOPE).await;
    let c = claims(&t);
    assert_eq!(c["aud"], "https://graph.microsoft.com");
    let roles: Vec<&str> = c["roles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for r in [
        "SecurityAlert.Read.All",
        "SecurityAlert.ReadWrite.All",
        "SecurityIncident.Read.All",
        "SecurityIncident.ReadWrite.All",
        "ThreatHunting.Read.All",
    ] {
        assert!(roles.contains(&r), "{roles:?}");
    }
    let (s, v) = token_as(&h, "mde-triage-readonly", "readonly-secret", GRAPH_SCOPE).await;
    assert_eq!(s, StatusCode::OK);
    let ro = claims(v["access_token"].as_str().unwrap());
    assert!(!ro["roles"].to_string().contains("ReadWrite"), "{ro}");
    // The v1 endpoint names the resource instead.
    let r = Client::new()
        .post(format!("{}/{}/oauth2/token", h.login_url(), h.tenant()))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", "mde-triage-demo"),
            ("client_secret", "demo-secret"),
            ("resource", "https://graph.microsoft.com"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_eq!(
        claims(v["access_token"].as_str().unwrap())["aud"],
        "https://graph.microsoft.com"
    );
}

#[tokio::test]
async fn each_api_refuses_the_others_token() {
    let h = start(demo()).await;
    let graph = token(&h, GRAPH_SCOPE).await;
    let mde = token(&h, MDE_SCOPE).await;
    let http = Client::new();
    let r = http
        .get(format!("{}/api/alerts?$top=1", h.base_url()))
        .bearer_auth(&graph)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let g = Graph::with_token(&h, mde).await;
    let (s, code, msg) = graph_error(g.get("/v1.0/security/incidents").await).await;
    assert_eq!(
        (s, code.as_str()),
        (StatusCode::UNAUTHORIZED, "InvalidAuthenticationToken")
    );
    assert!(msg.contains("audience"), "{msg}");
    let r = http
        .get(format!("{}/v1.0/security/alerts_v2", h.base_url()))
        .send()
        .await
        .unwrap();
    let (s, code, _) = graph_error(r).await;
    assert_eq!(
        (s, code.as_str()),
        (StatusCode::UNAUTHORIZED, "InvalidAuthenticationToken")
    );
}

#[tokio::test]
async fn device_code_and_refresh_reach_both_audiences() {
    let h = start(mde_emulator::EmulatorConfig {
        auto_approve_device_code: true,
        ..demo()
    })
    .await;
    let http = Client::new();
    let login = format!("{}/{}/oauth2/v2.0", h.login_url(), h.tenant());
    let start: Value = http
        .post(format!("{login}/devicecode"))
        .form(&[
            ("client_id", "mde-triage-demo"),
            ("scope", &format!("{GRAPH_SCOPE} offline_access")),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let granted: Value = http
        .post(format!("{login}/token"))
        .form(&[
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("client_id", "mde-triage-demo"),
            ("device_code", start["device_code"].as_str().unwrap()),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let c = claims(granted["access_token"].as_str().unwrap());
    assert_eq!(c["aud"], "https://graph.microsoft.com");
    assert!(
        c["scp"]
            .as_str()
            .unwrap()
            .contains("SecurityIncident.ReadWrite.All"),
        "{c}"
    );
    assert!(
        granted["scope"]
            .as_str()
            .unwrap()
            .starts_with("https://graph.microsoft.com/")
    );
    // One sign-in serves the MDE API too: the refresh token is redeemed for its scope.
    let mde: Value = http
        .post(format!("{login}/token"))
        .form(&[
            ("grant_type", "refresh_token"),
            ("client_id", "mde-triage-demo"),
            ("refresh_token", granted["refresh_token"].as_str().unwrap()),
            ("scope", &format!("{MDE_SCOPE} offline_access")),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let c = claims(mde["access_token"].as_str().unwrap());
    assert_eq!(c["aud"], "https://api.securitycenter.microsoft.com");
    assert!(
        c["scp"].as_str().unwrap().contains("Alert.ReadWrite"),
        "{c}"
    );
    let r = http
        .get(format!("{}/api/alerts?$top=1", h.base_url()))
        .bearer_auth(mde["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}
