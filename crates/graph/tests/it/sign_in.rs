//! One sign-in for both APIs: the device-code session the MDE client starts gives the Graph
//! client its token from the shared refresh token, so the analyst approves once.

use mde_api::auth::{Audience, DeviceCode, DeviceCodeConfig, PromptCallback};
use mde_api::{ApiHosts, TokenProvider};
use mde_emulator::{EmulatorConfig, spawn};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

#[tokio::test]
async fn one_device_code_approval_serves_both_audiences() {
    let emu = spawn(EmulatorConfig {
        auto_approve_device_code: true,
        device_code_interval: 0,
        alerts: 5,
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let hosts = ApiHosts::resolve(&emu.base_url())
        .unwrap()
        .with_login(&emu.login_url())
        .unwrap();
    let prompts = Arc::new(AtomicU32::new(0));
    let counted = prompts.clone();
    let prompt: PromptCallback = Arc::new(move |_| {
        counted.fetch_add(1, Ordering::SeqCst);
    });
    let mut cfg = DeviceCodeConfig::new(&hosts, emu.tenant(), "mde-triage-demo");
    cfg.poll_interval = Some(Duration::from_millis(5));
    let mde = DeviceCode::new(cfg, prompt).unwrap();
    let graph = mde.for_audience(&Audience::graph()).unwrap();
    // Both asked at once: still one sign-in.
    let (a, b) = tokio::join!(mde.token(), graph.token());
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(prompts.load(Ordering::SeqCst), 1);
    let http = reqwest::Client::new();
    let r = http
        .get(format!("{}/api/alerts?$top=1", emu.base_url()))
        .bearer_auth(a.bearer())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = http
        .get(format!("{}/v1.0/security/incidents?$top=1", emu.base_url()))
        .bearer_auth(b.bearer())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // Each API refuses the other's token.
    let r = http
        .get(format!("{}/v1.0/security/incidents?$top=1", emu.base_url()))
        .bearer_auth(a.bearer())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // A refresh after expiry needs no second approval either.
    graph.invalidate();
    mde.invalidate();
    graph.token().await.unwrap();
    mde.token().await.unwrap();
    assert_eq!(prompts.load(Ordering::SeqCst), 1);
    emu.shutdown().await;
}
