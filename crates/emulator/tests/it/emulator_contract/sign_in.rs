//! Sign-in: client credentials v1/v2, Basic, Entra errors, discovery, device code.

use super::support::*;
use mde_emulator::EmulatorConfig;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

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
    other_api[3] = ("scope", "https://management.azure.com/.default");
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
