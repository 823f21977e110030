//! Contract tests of `MdeClient` and sign-in against the emulator on 127.0.0.1:0, faults included.
//! Ground truth is read from the emulator's own store (`EmulatorHandle::alert`), never through
//! the client under test.

use mde_api::auth::{
    ClientCredentials, CredentialsConfig, DeviceCode, DeviceCodeConfig, SecretSource, StaticToken,
    split_command,
};
use mde_api::hosts::API_SCOPE;
use mde_api::{
    ApiError, AuthError, ClientConfig, Filter, ListQuery, MdeClient, Prop, Related, RetryPolicy,
    TokenProvider, batch_update_once, comment_count, update_once,
};
use mde_emulator::{self as emulator, EmulatorConfig, EmulatorHandle, Faults, RateLimits};
use mde_model::protocol::TriageChange;
use mde_model::{Alert, Classification, Determination, Severity, Status};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::Mutex;
use std::time::Duration;

/// Retry bounds small enough that no test waits noticeably.
fn fast_policy() -> RetryPolicy {
    RetryPolicy {
        max_backoffs: 12,
        max_throttle_waits: 500,
        base_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(10),
        max_retry_after: Duration::from_millis(20),
    }
}

fn config(alerts: usize) -> EmulatorConfig {
    EmulatorConfig {
        alerts,
        rate_limits: None,
        fault_seed: Some(7),
        ..Default::default()
    }
}

fn credentials(emu: &EmulatorHandle, client_id: &str, secret: &str) -> Arc<ClientCredentials> {
    Arc::new(
        ClientCredentials::new(CredentialsConfig {
            login: emu.login_url(),
            tenant: emu.tenant().to_string(),
            client_id: client_id.to_string(),
            secret: SecretSource::Value(mde_api::auth::Secret::new(secret)),
            scope: API_SCOPE.to_string(),
        })
        .unwrap(),
    )
}

fn client_with(emu: &EmulatorHandle, tokens: Arc<dyn TokenProvider>) -> MdeClient {
    let mut cfg = ClientConfig::new(&emu.base_url());
    cfg.retry = fast_policy();
    cfg.timeout = Duration::from_secs(20);
    MdeClient::new(cfg, tokens).unwrap()
}

fn client(emu: &EmulatorHandle) -> MdeClient {
    client_with(emu, credentials(emu, "mde-triage-demo", "demo-secret"))
}

/// Raw HTTP to the emulator's control endpoints.
async fn control(
    emu: &EmulatorHandle,
    method: reqwest::Method,
    path: &str,
    body: serde_json::Value,
) -> String {
    let resp = reqwest::Client::new()
        .request(method, format!("{}{path}", emu.base_url()))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success(), "{path}: {}", resp.status());
    resp.text().await.unwrap()
}

async fn set_faults(emu: &EmulatorHandle, faults: Faults) {
    let body = serde_json::to_value(faults).unwrap();
    control(emu, reqwest::Method::PUT, "/_emulator/faults", body).await;
}

fn ids<'a>(alerts: impl IntoIterator<Item = &'a Alert>) -> BTreeSet<String> {
    alerts.into_iter().map(|a| a.id.clone()).collect()
}

/// Equal as the API sends them (the emulator keeps nanoseconds; the wire carries 100 ns ticks).
fn assert_same(a: &Alert, b: &Alert) {
    assert_eq!(
        serde_json::to_value(a).unwrap(),
        serde_json::to_value(b).unwrap()
    );
}

/// A server-side time as the wire shows it.
fn wire(t: mde_model::Timestamp) -> mde_model::Timestamp {
    mde_model::Timestamp::parse(&t.to_wire()).unwrap()
}

fn server_alerts(emu: &EmulatorHandle) -> Vec<Alert> {
    emu.alert_ids()
        .iter()
        .filter_map(|id| emu.alert(id))
        .collect()
}

#[tokio::test]
async fn list_honours_every_filter_shape() {
    let emu = emulator::spawn(config(120)).await.unwrap();
    let c = client(&emu);
    let all = server_alerts(&emu);
    let mut times: Vec<_> = all
        .iter()
        .filter_map(|a| a.last_update_time)
        .map(wire)
        .collect();
    times.sort();
    let mid = times[times.len() / 2];
    let some = &all[3];
    type Pred = Box<dyn Fn(&Alert) -> bool>;
    let cases: Vec<(Filter, Pred)> = vec![
        (
            Filter::eq(Prop::Severity, Severity::High),
            Box::new(|a| a.severity == Severity::High),
        ),
        (
            Filter::any_of(Prop::Status, [Status::New, Status::InProgress]).unwrap(),
            Box::new(|a| matches!(a.status, Status::New | Status::InProgress)),
        ),
        (
            Filter::eq(Prop::Severity, Severity::Low).not(),
            Box::new(|a| a.severity != Severity::Low),
        ),
        (
            Filter::gt(Prop::LastUpdateTime, mid),
            Box::new(move |a| a.last_update_time.is_some_and(|t| t > mid)),
        ),
        (
            Filter::le(Prop::LastUpdateTime, mid),
            Box::new(move |a| a.last_update_time.is_some_and(|t| t <= mid)),
        ),
        (
            Filter::eq(Prop::Severity, Severity::High)
                .or(Filter::eq(Prop::Severity, Severity::Medium))
                .and(Filter::ne(Prop::Status, Status::Resolved)),
            Box::new(|a| {
                matches!(a.severity, Severity::High | Severity::Medium)
                    && a.status != Status::Resolved
            }),
        ),
        (Filter::eq(Prop::Id, some.id.as_str()), {
            let id = some.id.clone();
            Box::new(move |a| a.id == id)
        }),
    ];
    for (filter, pred) in cases {
        let got = c.list_all(Some(&filter), 10_000, false).await.unwrap();
        let want: BTreeSet<String> = all
            .iter()
            .filter(|a| pred(a))
            .map(|a| a.id.clone())
            .collect();
        assert_eq!(
            ids(got.alerts.iter().map(|p| &p.alert)),
            want,
            "filter: {filter}"
        );
        assert!(got.skipped.is_empty());
    }
    // One page with evidence expanded and $top honoured.
    let page = c
        .list(&ListQuery {
            top: Some(5),
            expand_evidence: true,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.alerts.len(), 5);
    emu.shutdown().await;
}

#[tokio::test]
async fn list_all_pages_across_skip_boundaries() {
    let emu = emulator::spawn(config(53)).await.unwrap();
    let c = client(&emu);
    let got = c.list_all(None, 7, false).await.unwrap();
    assert_eq!(got.alerts.len(), 53);
    assert_eq!(got.pages, 8, "7 full pages and a short one");
    assert_eq!(
        ids(got.alerts.iter().map(|p| &p.alert)),
        ids(&server_alerts(&emu))
    );
    // An exact multiple of the page size ends on the empty page after it.
    let got = c.list_all(None, 53, false).await.unwrap();
    assert_eq!((got.alerts.len(), got.pages), (53, 2));
    emu.shutdown().await;
}

#[tokio::test]
async fn get_returns_the_alert_and_a_typed_404() {
    let emu = emulator::spawn(config(5)).await.unwrap();
    let c = client(&emu);
    let id = emu.alert_ids()[0].clone();
    let got = c.get(&id).await.unwrap();
    assert_same(&got.alert, &emu.alert(&id).unwrap());
    assert!(got.raw.contains(&id));
    match c.get("da000_does_not_exist").await {
        Err(ApiError::NotFound(d)) => assert_eq!(d.code.as_deref(), Some("ResourceNotFound")),
        other => panic!("expected NotFound, got {other:?}"),
    }
    // Ids are one path segment: `/`, `?` and `#` cannot reach another route.
    for hostile in ["x/../../alerts", "a?$top=1", "b#frag", "batchUpdate/../x"] {
        assert!(
            matches!(c.get(hostile).await, Err(ApiError::NotFound(_))),
            "{hostile}"
        );
    }
    assert!(matches!(c.get("..").await, Err(ApiError::Invalid(_))));
    let related = c.related(&id, Related::Ips).await;
    assert!(
        matches!(
            related,
            Ok(serde_json::Value::Object(_)) | Err(ApiError::NotFound(_))
        ),
        "{related:?}"
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn update_and_batch_update_are_visible_afterwards() {
    let emu = emulator::spawn(config(6)).await.unwrap();
    let c = client(&emu);
    let ids = emu.alert_ids();
    let change = TriageChange {
        status: Some(Status::Resolved),
        assigned_to: Some("secop2@contoso.com".into()),
        classification: Some(Classification::FalsePositive),
        determination: Some(Determination::NotMalicious),
        comment: Some("closing: benign admin script".into()),
    };
    let updated = c.update(&ids[0], &change).await.unwrap();
    let server = emu.alert(&ids[0]).unwrap();
    assert_same(&updated.alert, &server);
    assert_eq!(server.status, Status::Resolved);
    assert_eq!(server.assigned_to.as_deref(), Some("secop2@contoso.com"));
    assert_eq!(server.classification, Some(Classification::FalsePositive));
    assert_eq!(server.determination, Some(Determination::NotMalicious));
    assert_eq!(comment_count(&server, "closing: benign admin script"), 1);

    let batch = TriageChange {
        status: Some(Status::InProgress),
        assigned_to: Some("analyst@contoso.com".into()),
        comment: Some("batch triage".into()),
        ..Default::default()
    };
    c.batch_update(&ids[1..4], &batch).await.unwrap();
    for id in &ids[1..4] {
        let a = emu.alert(id).unwrap();
        assert_eq!(
            (a.status.clone(), a.assigned_to.as_deref()),
            (Status::InProgress, Some("analyst@contoso.com"))
        );
        assert_eq!(comment_count(&a, "batch triage"), 1);
    }
    assert_ne!(
        emu.alert(&ids[4]).unwrap().assigned_to.as_deref(),
        Some("analyst@contoso.com")
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn injection_attempts_match_only_the_literal() {
    let emu = emulator::spawn(config(40)).await.unwrap();
    let c = client(&emu);
    let hostile = "x' or severity eq 'Low";
    let target = emu.alert_ids()[0].clone();
    let change = TriageChange {
        assigned_to: Some(hostile.into()),
        ..Default::default()
    };
    c.update(&target, &change).await.unwrap();
    let got = c
        .list_all(Some(&Filter::eq(Prop::AssignedTo, hostile)), 100, false)
        .await
        .unwrap();
    assert_eq!(
        ids(got.alerts.iter().map(|p| &p.alert)),
        BTreeSet::from([target.clone()])
    );
    for attempt in [
        "nobody' or severity eq 'Low",
        "') or (1 eq 1",
        "x'' or ''a'' eq ''a",
        "' or '' eq '",
    ] {
        let got = c
            .list_all(Some(&Filter::eq(Prop::AssignedTo, attempt)), 100, false)
            .await
            .unwrap();
        assert!(
            got.alerts.is_empty(),
            "{attempt:?} matched {}",
            got.alerts.len()
        );
        let any = Filter::any_of(Prop::Id, [attempt, target.as_str()]).unwrap();
        let got = c.list_all(Some(&any), 100, false).await.unwrap();
        assert_eq!(
            ids(got.alerts.iter().map(|p| &p.alert)),
            BTreeSet::from([target.clone()])
        );
    }
    emu.shutdown().await;
}

mod faults;
mod mock_service;
mod sign_in;
mod stream;
