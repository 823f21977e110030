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

#[tokio::test]
async fn a_429_storm_still_completes_with_correct_results() {
    // The quota window shrunk to 100 ms so the storm passes in well under a second; the client
    // honours the emulator's Retry-After (0 for a sub-second window) with its minimum wait.
    let limits = RateLimits {
        per_minute: 5,
        batch_per_minute: 2,
        minute: Duration::from_millis(100),
        ..Default::default()
    };
    let emu = emulator::spawn(EmulatorConfig {
        rate_limits: Some(limits),
        ..config(30)
    })
    .await
    .unwrap();
    let c = client(&emu);
    let ids = emu.alert_ids();
    let tasks: Vec<_> = ids
        .iter()
        .map(|id| {
            let (c, id) = (c.clone(), id.clone());
            tokio::spawn(async move {
                let change = TriageChange {
                    assigned_to: Some(format!("owner-of-{id}")),
                    ..Default::default()
                };
                c.update(&id, &change).await?;
                c.get(&id).await
            })
        })
        .collect();
    for (id, t) in ids.iter().zip(tasks) {
        let got = t.await.unwrap().unwrap();
        assert_eq!(got.alert.assigned_to, Some(format!("owner-of-{id}")));
    }
    c.batch_update(
        &ids[..3],
        &TriageChange {
            status: Some(Status::InProgress),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    c.batch_update(
        &ids[3..6],
        &TriageChange {
            status: Some(Status::InProgress),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    c.batch_update(
        &ids[6..9],
        &TriageChange {
            status: Some(Status::InProgress),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let info = c.rate_info();
    assert!(info.throttled > 0, "the storm never happened: {info:?}");
    assert!(
        info.last_retry_after.is_some(),
        "every 429 carries Retry-After: {info:?}"
    );
    for id in &ids[..9] {
        assert_eq!(emu.alert(id).unwrap().status, Status::InProgress);
    }
    emu.shutdown().await;
}

/// Writes under faults: every write lands exactly once (fields set, one comment per write).
async fn writes_survive(faults: Faults) {
    let emu = emulator::spawn(config(24)).await.unwrap();
    let c = client(&emu);
    // Make a token before the faults start; sign-in is never faulted anyway.
    c.get(&emu.alert_ids()[0]).await.unwrap();
    set_faults(&emu, faults).await;
    let ids = emu.alert_ids();
    let (singles, batched) = ids.split_at(16);
    let mut tasks = Vec::new();
    for id in singles {
        let (c, id) = (c.clone(), id.clone());
        tasks.push(tokio::spawn(async move {
            let change = TriageChange {
                status: Some(Status::InProgress),
                assigned_to: Some("me@contoso.com".into()),
                comment: Some(format!("looked at {id}")),
                ..Default::default()
            };
            update_once(&c, &id, &change, None, 30).await.map(drop)
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    for chunk in batched.chunks(4) {
        let change = TriageChange {
            status: Some(Status::Resolved),
            classification: Some(Classification::TruePositive),
            determination: Some(Determination::Malware),
            comment: Some("batch: confirmed malware".into()),
            ..Default::default()
        };
        batch_update_once(&c, chunk, &change, None, 30)
            .await
            .unwrap();
    }
    set_faults(&emu, Faults::default()).await;
    // Without faults: one get, then per single a baseline get and a PATCH, per batch of four
    // four baseline gets and a batchUpdate. More means the faults really hit.
    let fault_free = 1 + 16 * 2 + 2 * 5;
    assert!(c.rate_info().requests > fault_free, "{:?}", c.rate_info());
    for id in singles {
        let a = emu.alert(id).unwrap();
        assert_eq!(a.status, Status::InProgress, "{id}");
        assert_eq!(a.assigned_to.as_deref(), Some("me@contoso.com"));
        assert_eq!(
            comment_count(&a, &format!("looked at {id}")),
            1,
            "{id}: {:?}",
            a.comments
        );
    }
    for id in batched {
        let a = emu.alert(id).unwrap();
        assert_eq!(
            (a.status.clone(), a.determination.clone()),
            (Status::Resolved, Some(Determination::Malware))
        );
        assert_eq!(
            comment_count(&a, "batch: confirmed malware"),
            1,
            "{id}: {:?}",
            a.comments
        );
    }
    emu.shutdown().await;
}

#[tokio::test]
async fn thirty_percent_server_errors_deliver_every_write_exactly_once() {
    writes_survive(Faults {
        fail_rate: 0.3,
        ..Default::default()
    })
    .await;
}

#[tokio::test]
async fn dropped_connections_deliver_every_write_exactly_once() {
    writes_survive(Faults {
        drop_rate: 0.3,
        ..Default::default()
    })
    .await;
}

#[tokio::test]
async fn comments_are_never_resent_blindly_but_field_changes_are_retried() {
    let emu = emulator::spawn(config(3)).await.unwrap();
    let c = client(&emu);
    let id = emu.alert_ids()[0].clone();
    c.get(&id).await.unwrap();
    // The service applies the write and the answer is lost: ambiguous, so one attempt only.
    set_faults(
        &emu,
        Faults {
            drop_rate: 1.0,
            ..Default::default()
        },
    )
    .await;
    let before = c.rate_info().requests;
    let with_comment = TriageChange {
        comment: Some("only once".into()),
        ..Default::default()
    };
    let err = c.update(&id, &with_comment).await.unwrap_err();
    assert!(err.is_ambiguous(), "{err:?}");
    assert_eq!(c.rate_info().requests - before, 1);
    assert_eq!(comment_count(&emu.alert(&id).unwrap(), "only once"), 1);
    // A field-only change is idempotent: retried up to the policy's bound.
    let before = c.rate_info().requests;
    let fields = TriageChange {
        status: Some(Status::InProgress),
        ..Default::default()
    };
    assert!(c.update(&id, &fields).await.is_err());
    assert_eq!(
        c.rate_info().requests - before,
        u64::from(fast_policy().max_backoffs) + 1
    );
    // 5xx before processing: still ambiguous for a comment, so not resent.
    set_faults(
        &emu,
        Faults {
            fail_rate: 1.0,
            ..Default::default()
        },
    )
    .await;
    let before = c.rate_info().requests;
    let err = c.update(&id, &with_comment).await.unwrap_err();
    assert!(matches!(err, ApiError::Server { .. }), "{err:?}");
    assert_eq!(c.rate_info().requests - before, 1);
    emu.shutdown().await;
}

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

/// A minimal stand-in for behaviour the emulator does not show (a service that refuses one
/// determination spelling; a service sending looping or foreign `@odata.nextLink`s). Records
/// every request it receives.
mod mock {
    use axum::Router;
    use axum::extract::{Request, State};
    use axum::http::StatusCode;
    use axum::response::{IntoResponse, Response};
    use std::sync::{Arc, Mutex};

    pub type Seen = Arc<Mutex<Vec<(String, String)>>>;
    type Handler = Arc<dyn Fn(&str, &str) -> (StatusCode, String) + Send + Sync>;

    pub async fn serve(handler: Handler) -> (String, Seen) {
        let seen: Seen = Arc::default();
        let app = Router::new()
            .fallback(respond)
            .with_state((handler, seen.clone()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        (base, seen)
    }

    async fn respond(State((handler, seen)): State<(Handler, Seen)>, req: Request) -> Response {
        let uri = req.uri().to_string();
        let body = axum::body::to_bytes(req.into_body(), 1 << 20)
            .await
            .unwrap_or_default();
        let body = String::from_utf8_lossy(&body).to_string();
        seen.lock().unwrap().push((uri.clone(), body.clone()));
        let (status, text) = handler(&uri, &body);
        (status, [("content-type", "application/json")], text).into_response()
    }
}

fn mock_client(base: &str) -> MdeClient {
    let mut cfg = ClientConfig::new(base);
    cfg.retry = fast_policy();
    MdeClient::new(cfg, Arc::new(StaticToken::new("t"))).unwrap()
}

#[tokio::test]
async fn a_refused_determination_spelling_is_retried_once_with_the_alternative() {
    use axum::http::StatusCode;
    let (base, seen) = mock::serve(Arc::new(|_uri: &str, body: &str| {
        if body.contains("\"NotMalicious\"") {
            (
                StatusCode::BAD_REQUEST,
                r#"{"error":{"code":"InvalidRequestBody","message":"Request body is incorrect","target":"x"}}"#.into(),
            )
        } else {
            (StatusCode::OK, r#"{"id":"da1","title":"t","determination":"Clean","status":"Resolved"}"#.into())
        }
    }))
    .await;
    let c = mock_client(&base);
    let change = TriageChange {
        classification: Some(Classification::FalsePositive),
        determination: Some(Determination::NotMalicious),
        comment: Some("fp".into()),
        ..Default::default()
    };
    let got = c.update("da1", &change).await.unwrap();
    assert_eq!(got.alert.determination, Some(Determination::NotMalicious));
    let bodies: Vec<String> = seen.lock().unwrap().iter().map(|s| s.1.clone()).collect();
    assert_eq!(bodies.len(), 2);
    assert!(bodies[0].contains("\"determination\":\"NotMalicious\""));
    assert!(
        bodies[1].contains("\"determination\":\"Clean\"")
            && bodies[1].contains("\"comment\":\"fp\"")
    );
    // A determination without a disputed spelling is not retried: the 400 is final.
    let (base, seen) = mock::serve(Arc::new(|_: &str, _: &str| {
        (
            StatusCode::BAD_REQUEST,
            r#"{"error":{"code":"InvalidRequestBody","message":"no"}}"#.into(),
        )
    }))
    .await;
    let c = mock_client(&base);
    let change = TriageChange {
        determination: Some(Determination::Malware),
        ..Default::default()
    };
    assert!(matches!(
        c.update("da1", &change).await,
        Err(ApiError::BadRequest(_))
    ));
    assert_eq!(seen.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn next_links_are_followed_once_and_only_to_the_same_origin() {
    use axum::http::StatusCode;
    let base_cell: Arc<Mutex<String>> = Arc::default();
    let cell = base_cell.clone();
    let (base, seen) = mock::serve(Arc::new(move |uri: &str, _: &str| {
        let me = cell.lock().unwrap().clone();
        let (id, next) = if uri.contains("page=2") {
            ("da2", format!("{me}/api/alerts?page=2"))
        } else if uri.contains("page=foreign") {
            ("da-foreign", String::new())
        } else {
            ("da1", format!("{me}/api/alerts?page=2"))
        };
        let body = serde_json::json!({
            "value": [{"id": id, "title": "t"}, {"id": 5}],
            "@odata.nextLink": next,
        });
        (StatusCode::OK, body.to_string())
    }))
    .await;
    *base_cell.lock().unwrap() = base.clone();
    let c = mock_client(&base);
    let got = c.list_all(None, 10, false).await.unwrap();
    // Page 1, then page 2 once (its link to itself is not followed again); the short page ends it.
    assert_eq!(
        ids(got.alerts.iter().map(|p| &p.alert)),
        BTreeSet::from(["da1".into(), "da2".into()])
    );
    assert_eq!(
        got.skipped.len(),
        2,
        "the malformed alert of each page is reported, not fatal"
    );
    assert_eq!(seen.lock().unwrap().len(), 2);

    // A link to another origin is never followed: the bearer token must not leave the API host.
    let (other, other_seen) = mock::serve(Arc::new(|_: &str, _: &str| {
        (StatusCode::OK, r#"{"value":[]}"#.into())
    }))
    .await;
    let foreign = format!("{other}/api/alerts?page=foreign");
    let (base, seen) = mock::serve(Arc::new(move |_: &str, _: &str| {
        let body = serde_json::json!({"value": [{"id": "da1"}], "@odata.nextLink": foreign});
        (StatusCode::OK, body.to_string())
    }))
    .await;
    let got = mock_client(&base).list_all(None, 10, false).await.unwrap();
    assert_eq!(got.alerts.len(), 1);
    assert_eq!(seen.lock().unwrap().len(), 1);
    assert!(other_seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn list_sends_the_documented_query_string() {
    use axum::http::StatusCode;
    let (base, seen) = mock::serve(Arc::new(|_: &str, _: &str| {
        (StatusCode::OK, r#"{"value":[]}"#.into())
    }))
    .await;
    let c = mock_client(&base);
    let q = ListQuery {
        filter: Some(Filter::eq(Prop::AssignedTo, "x' or severity eq 'Low")),
        top: Some(100),
        skip: Some(200),
        expand_evidence: true,
        orderby: None,
    };
    c.list(&q).await.unwrap();
    let uri = seen.lock().unwrap()[0].0.clone();
    assert_eq!(
        uri,
        "/api/alerts?$filter=assignedTo%20eq%20%27x%27%27%20or%20severity%20eq%20%27%27Low%27&$top=100&$skip=200&$expand=evidence"
    );
}

#[tokio::test]
async fn every_request_has_a_timeout_and_it_is_typed() {
    let emu = emulator::spawn(config(2)).await.unwrap();
    let id = emu.alert_ids()[0].clone();
    let mut cfg = ClientConfig::new(&emu.base_url());
    cfg.timeout = Duration::from_millis(80);
    cfg.retry = RetryPolicy {
        max_backoffs: 1,
        ..fast_policy()
    };
    let c = MdeClient::new(cfg, credentials(&emu, "mde-triage-demo", "demo-secret")).unwrap();
    c.get(&id).await.unwrap();
    set_faults(
        &emu,
        Faults {
            latency_ms: 400,
            ..Default::default()
        },
    )
    .await;
    let before = c.rate_info().requests;
    assert!(matches!(c.get(&id).await, Err(ApiError::Timeout)));
    assert_eq!(
        c.rate_info().requests - before,
        2,
        "a read is retried within the bound"
    );
    let before = c.rate_info().requests;
    let change = TriageChange {
        comment: Some("slow".into()),
        ..Default::default()
    };
    let err = c.update(&id, &change).await.unwrap_err();
    assert!(matches!(err, ApiError::Timeout) && err.is_ambiguous());
    assert_eq!(
        c.rate_info().requests - before,
        1,
        "a comment is not resent after a timeout"
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn a_refused_connection_is_retried_even_for_a_comment() {
    // A port nobody listens on: the request certainly never left, so resending cannot duplicate.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let c = mock_client(&format!("http://127.0.0.1:{port}"));
    let change = TriageChange {
        comment: Some("never arrives".into()),
        ..Default::default()
    };
    let err = c.update("da1", &change).await.unwrap_err();
    assert!(
        matches!(err, ApiError::Connection { sent: false, .. }),
        "{err:?}"
    );
    assert!(err.is_transient() && !err.is_ambiguous());
    assert_eq!(
        c.rate_info().requests,
        u64::from(fast_policy().max_backoffs) + 1
    );
}

/// Scale issue: a page read as it arrives holds what the page read whole holds, in order, in
/// batches of about `BATCH`; a 5xx before the body is retried as for any call.
#[tokio::test]
async fn a_streamed_page_is_the_page_in_batches() {
    let emu = emulator::spawn(EmulatorConfig {
        faults: Faults {
            fail_rate: 0.3,
            ..Faults::default()
        },
        ..config(2_500)
    })
    .await
    .unwrap();
    let c = client(&emu);
    let q = ListQuery {
        top: Some(2_200),
        skip: Some(100),
        expand_evidence: true,
        ..Default::default()
    };
    let whole = c.list(&q).await.unwrap();
    let (tx, mut rx) = tokio::sync::mpsc::channel(4);
    let reading = {
        let c = c.clone();
        let q = q.clone();
        tokio::spawn(async move { c.list_streamed(&q, &tx).await })
    };
    let mut got = Vec::new();
    let mut batches = 0;
    while let Some(b) = rx.recv().await {
        let b: mde_api::PageBatch = b;
        assert!(b.alerts.len() + b.skipped.len() < 2 * mde_api::page_stream::BATCH);
        got.extend(b.alerts);
        batches += 1;
    }
    let end = reading.await.unwrap().unwrap();
    assert_eq!(end.items, 2_200);
    assert!(batches >= 3, "{batches} batches");
    let ids = |v: &[mde_model::ParsedAlert]| {
        v.iter()
            .map(|p| (p.alert.id.clone(), p.raw.len()))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&got), ids(&whole.alerts));
    assert!(
        got.iter()
            .zip(&whole.alerts)
            .all(|(a, b)| a.raw == b.raw && a.alert == b.alert)
    );
}
