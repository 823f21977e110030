//! Sign-in: token expiry and refusal, read-only, bad secrets, secret commands, device code,
//! static tokens.

use super::*;

#[tokio::test]
async fn a_token_expiring_mid_run_is_refreshed_transparently() {
    let emu = emulator::spawn(config(4)).await.unwrap();
    let c = client(&emu);
    let ids = emu.alert_ids();
    c.get(&ids[0]).await.unwrap();
    // Two hours pass on the service: the cached token (fresh by the client's clock) is now expired.
    control(
        &emu,
        reqwest::Method::POST,
        "/_emulator/clock",
        serde_json::json!({"advanceSeconds": 7200}),
    )
    .await;
    let before = c.rate_info().requests;
    let change = TriageChange {
        comment: Some("after expiry".into()),
        ..Default::default()
    };
    c.update(&ids[1], &change).await.unwrap();
    assert_eq!(c.rate_info().requests - before, 2, "one 401, one success");
    assert_eq!(
        comment_count(&emu.alert(&ids[1]).unwrap(), "after expiry"),
        1
    );
    c.get(&ids[2]).await.unwrap();
    emu.shutdown().await;
}

#[tokio::test]
async fn a_token_refused_twice_is_a_typed_unauthorized() {
    // Every token the emulator issues is already expired: refresh once, then give up.
    let emu = emulator::spawn(EmulatorConfig {
        token_lifetime: Duration::ZERO,
        ..config(2)
    })
    .await
    .unwrap();
    let c = client(&emu);
    let err = c.get(&emu.alert_ids()[0]).await.unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized(_)), "{err:?}");
    assert_eq!(c.rate_info().requests, 2);
    emu.shutdown().await;
}

#[tokio::test]
async fn read_only_client_gets_a_typed_forbidden() {
    let emu = emulator::spawn(config(2)).await.unwrap();
    let c = client_with(
        &emu,
        credentials(&emu, "mde-triage-readonly", "readonly-secret"),
    );
    let id = emu.alert_ids()[0].clone();
    c.get(&id).await.unwrap();
    let change = TriageChange {
        status: Some(Status::Resolved),
        ..Default::default()
    };
    assert!(matches!(
        c.update(&id, &change).await,
        Err(ApiError::Forbidden(_))
    ));
    assert!(matches!(
        c.batch_update(std::slice::from_ref(&id), &change).await,
        Err(ApiError::Forbidden(_))
    ));
    assert_ne!(emu.alert(&id).unwrap().status, Status::Resolved);
    emu.shutdown().await;
}

#[tokio::test]
async fn bad_secret_is_an_auth_error_with_the_entra_message() {
    let emu = emulator::spawn(config(1)).await.unwrap();
    let c = client_with(&emu, credentials(&emu, "mde-triage-demo", "wrong-secret"));
    match c.get(&emu.alert_ids()[0]).await {
        Err(ApiError::Auth(AuthError::Entra {
            code, description, ..
        })) => {
            assert_eq!(code, "invalid_client");
            assert!(description.contains("AADSTS7000215"), "{description}");
        }
        other => panic!("expected an Entra error, got {other:?}"),
    }
    assert_eq!(c.rate_info().requests, 0, "nothing reached the API");
    emu.shutdown().await;
}

#[tokio::test]
async fn secret_command_signs_in_without_a_shell_and_debug_hides_secrets() {
    let emu = emulator::spawn(config(1)).await.unwrap();
    let provider = Arc::new(
        ClientCredentials::new(CredentialsConfig {
            login: emu.login_url(),
            tenant: emu.tenant().to_string(),
            client_id: "mde-triage-demo".into(),
            secret: SecretSource::Command(split_command("printf demo-secret").unwrap()),
            scope: API_SCOPE.into(),
        })
        .unwrap(),
    );
    let token = provider.token().await.unwrap();
    let c = client_with(&emu, provider.clone());
    c.get(&emu.alert_ids()[0]).await.unwrap();
    let shown = format!("{provider:?} {token:?} {c:?}");
    assert!(!shown.contains(token.bearer()), "{shown}");
    let with_value = credentials(&emu, "mde-triage-demo", "demo-secret");
    with_value.token().await.unwrap();
    assert!(!format!("{with_value:?}").contains("demo-secret"));
    emu.shutdown().await;
}

#[tokio::test]
async fn device_code_sign_in_completes_after_approval() {
    let emu = emulator::spawn(config(2)).await.unwrap();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut cfg = DeviceCodeConfig::new(
        &mde_api::ApiHosts {
            api: emu.base_url(),
            login: emu.login_url(),
        },
        emu.tenant(),
        "mde-triage-demo",
    );
    cfg.poll_interval = Some(Duration::from_millis(5));
    let provider = Arc::new(DeviceCode::new(cfg, Arc::new(move |p| drop(tx.send(p)))).unwrap());
    let c = client_with(&emu, provider.clone());
    let id = emu.alert_ids()[0].clone();
    let work = tokio::spawn({
        let (c, id) = (c.clone(), id.clone());
        async move {
            c.update(
                &id,
                &TriageChange {
                    comment: Some("delegated".into()),
                    ..Default::default()
                },
            )
            .await
        }
    });
    let prompt = tokio::time::timeout(Duration::from_secs(10), rx.recv())
        .await
        .unwrap()
        .unwrap();
    assert!(prompt.url.starts_with(&emu.base_url()), "{}", prompt.url);
    assert!(!prompt.code.is_empty());
    assert!(!work.is_finished(), "no token before approval");
    let approved = control(
        &emu,
        reqwest::Method::POST,
        "/_emulator/devicecode/approve",
        serde_json::json!({"user_code": prompt.code, "upn": "analyst@contoso-demo.example"}),
    )
    .await;
    assert!(approved.contains("approved"), "{approved}");
    let updated = work.await.unwrap().unwrap();
    let comment = updated
        .alert
        .comments
        .iter()
        .find(|c| c.comment == "delegated")
        .unwrap();
    assert_eq!(
        comment.created_by.as_deref(),
        Some("analyst@contoso-demo.example")
    );
    // The token is cached: no second prompt.
    c.get(&id).await.unwrap();
    assert!(rx.try_recv().is_err());
    // The service revokes every access token: the 401 is answered with the refresh token,
    // still without asking the analyst again.
    control(
        &emu,
        reqwest::Method::POST,
        "/_emulator/tokens/expire",
        serde_json::json!({}),
    )
    .await;
    let before = c.rate_info().requests;
    c.get(&id).await.unwrap();
    assert_eq!(c.rate_info().requests - before, 2, "one 401, one success");
    assert!(rx.try_recv().is_err(), "no second device-code prompt");
    emu.shutdown().await;
}

#[tokio::test]
async fn static_token_is_sent_as_bearer() {
    let emu = emulator::spawn(config(1)).await.unwrap();
    let real = credentials(&emu, "mde-triage-demo", "demo-secret")
        .token()
        .await
        .unwrap();
    let c = client_with(&emu, Arc::new(StaticToken::new(real.bearer())));
    c.get(&emu.alert_ids()[0]).await.unwrap();
    let bogus = client_with(&emu, Arc::new(StaticToken::new("not-a-token")));
    assert!(matches!(
        bogus.get(&emu.alert_ids()[0]).await,
        Err(ApiError::Unauthorized(_))
    ));
    emu.shutdown().await;
}
