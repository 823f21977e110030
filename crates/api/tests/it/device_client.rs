//! The device side of `MdeClient` against the emulator: machines, every response action with its
//! documented body, the typed failures (already pending, missing permission, lost answer), the
//! package link and indicators. Ground truth comes from the emulator's control endpoints.

use mde_api::auth::{ClientCredentials, CredentialsConfig, SecretSource};
use mde_api::device::{ActionError, EntityQuery};
use mde_api::hosts::API_SCOPE;
use mde_api::{ApiError, ClientConfig, MdeClient, RetryPolicy};
use mde_emulator::response::config::ResponseConfig;
use mde_emulator::{EmulatorConfig, EmulatorHandle};
use mde_model::device::{
    ActionRequest, ActionStatus, ActionType, IndicatorAction, IndicatorType, IsolationType,
    NewIndicator, ResponseAction, ScanType,
};
use mde_odata::{Filter, IndicatorProp, MachineProp};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;

fn config() -> EmulatorConfig {
    EmulatorConfig {
        alerts: 30,
        rate_limits: None,
        token_lifetime: Duration::from_secs(30 * 86_400),
        response: ResponseConfig {
            seed_history: Some(false),
            ..ResponseConfig::default()
        },
        ..EmulatorConfig::default()
    }
}

fn client(emu: &EmulatorHandle) -> MdeClient {
    let tokens = Arc::new(
        ClientCredentials::new(CredentialsConfig {
            login: emu.login_url(),
            tenant: emu.tenant().to_string(),
            client_id: "mde-triage-demo".into(),
            secret: SecretSource::Value(mde_api::auth::Secret::new("demo-secret")),
            scope: API_SCOPE.to_string(),
        })
        .unwrap(),
    );
    let mut cfg = ClientConfig::new(&emu.base_url());
    cfg.retry = RetryPolicy {
        max_backoffs: 6,
        max_throttle_waits: 50,
        base_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(10),
        max_retry_after: Duration::from_millis(20),
    };
    MdeClient::new(cfg, tokens).unwrap()
}

async fn control(emu: &EmulatorHandle, method: reqwest::Method, path: &str, body: Value) -> Value {
    let r = reqwest::Client::new()
        .request(method, format!("{}{path}", emu.base_url()))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{path}: {}", r.status());
    r.json().await.unwrap()
}

async fn held_actions(emu: &EmulatorHandle) -> Vec<Value> {
    reqwest::get(format!("{}/_emulator/machineactions", emu.base_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// An online Windows machine id of the tenant.
async fn windows(c: &MdeClient, emu: &EmulatorHandle) -> (String, String) {
    let q = EntityQuery::filtered(Filter::eq(MachineProp::HealthStatus, "Active"));
    for m in c.machines(&q).await.unwrap().items {
        let online = control(
            emu,
            reqwest::Method::GET,
            &format!("/_emulator/machines/{}", m.id),
            Value::Null,
        )
        .await;
        if m.is_windows() && online["online"] == true {
            return (m.id.clone(), m.computer_dns_name.unwrap_or_default());
        }
    }
    panic!("no online Windows device");
}

fn request(machine_id: &str, action: ResponseAction) -> ActionRequest {
    ActionRequest {
        machine_id: machine_id.into(),
        device_name: None,
        action,
        comment: "mde-triage test".into(),
        alert_id: None,
    }
}

#[tokio::test]
async fn machines_are_listed_found_by_name_fetched_and_tagged() {
    let emu = mde_emulator::spawn(config()).await.unwrap();
    let c = client(&emu);
    let all = c.machines(&EntityQuery::default()).await.unwrap();
    assert!(all.items.len() >= 5 && all.skipped.is_empty());
    let first = &all.items[0];
    let name = first.computer_dns_name.clone().unwrap();
    assert_eq!(
        c.machine_ids_by_name(&name).await.unwrap(),
        [first.id.as_str()]
    );
    assert!(
        c.machine_ids_by_name("no-such-host")
            .await
            .unwrap()
            .is_empty()
    );
    let got = c.machine(&first.id).await.unwrap();
    assert_eq!(&got.machine, first);
    assert!(got.raw.contains("#Machines/$entity"));
    let alert = emu
        .alert_ids()
        .into_iter()
        .find(|a| emu.alert(a).unwrap().machine_id.as_deref() == Some(first.id.as_str()))
        .unwrap();
    assert_eq!(c.alert_machine(&alert).await.unwrap().machine, got.machine);
    assert!(matches!(
        c.machine("ffff").await,
        Err(ApiError::NotFound(_))
    ));
    let users = c.logon_users(&first.id).await.unwrap();
    assert!(users.skipped.is_empty());
    let tagged = c.tag(&first.id, "IR-case-42", true).await.unwrap();
    assert!(
        tagged
            .machine
            .machine_tags
            .contains(&"IR-case-42".to_string())
    );
    let q = EntityQuery::filtered(Filter::any(
        MachineProp::MachineTags,
        mde_odata::CmpOp::Eq,
        "IR-case-42",
    ));
    assert_eq!(c.machines(&q).await.unwrap().items.len(), 1);
    let untagged = c.tag(&first.id, "IR-case-42", false).await.unwrap();
    assert!(
        !untagged
            .machine
            .machine_tags
            .contains(&"IR-case-42".to_string())
    );
    assert!(matches!(
        c.tag(&first.id, " ", true).await,
        Err(ApiError::Invalid(_))
    ));
}

#[tokio::test]
async fn every_action_goes_out_with_its_documented_body_and_comes_back_pending() {
    let emu = mde_emulator::spawn(config()).await.unwrap();
    let c = client(&emu);
    let (id, _) = windows(&c, &emu).await;
    let actions = [
        ResponseAction::Isolate {
            isolation: IsolationType::Selective,
        },
        ResponseAction::Scan {
            scan: ScanType::Full,
        },
        ResponseAction::Restrict,
        ResponseAction::CollectPackage,
        ResponseAction::StopAndQuarantine {
            sha1: "87662bc3d60e4200ceaf7aae249d1c343f4b83c9".into(),
        },
        ResponseAction::Release,
        ResponseAction::Unrestrict,
    ];
    for action in actions {
        let a = c.run_action(&request(&id, action.clone())).await.unwrap();
        assert_eq!(a.status, ActionStatus::Pending, "{action:?}");
        assert_eq!(a.action_type, action.action_type());
        assert_eq!(a.machine_id.as_deref(), Some(id.as_str()));
        assert_eq!(a.requestor_comment.as_deref(), Some("mde-triage test"));
        let again = c.machine_action(&a.id).await.unwrap();
        assert_eq!(again.id, a.id);
    }
    let iso = c.actions_of(&id, &ActionType::Isolate, 5).await.unwrap();
    assert_eq!(iso.len(), 1);
    assert_eq!(iso[0].scope.as_deref(), Some("Selective"));
    let all = c.device_actions(&id, 100).await.unwrap().items;
    assert_eq!(all.len(), 7);
    let cancelled = c.cancel_action(&iso[0].id, "wrong device").await.unwrap();
    assert_eq!(cancelled.status, ActionStatus::Cancelled);
    assert!(matches!(
        c.cancel_action(&iso[0].id, "again").await,
        Err(ActionError::Refused(_))
    ));
    assert!(matches!(
        c.cancel_action(&iso[0].id, " ").await,
        Err(ActionError::Invalid(_))
    ));
    // Refused before anything is sent.
    let before = held_actions(&emu).await.len();
    let mut bad = request("ws-01", ResponseAction::Release);
    assert!(
        matches!(c.run_action(&bad).await, Err(ActionError::Invalid(m)) if m.contains("machine id"))
    );
    bad = request(&id, ResponseAction::Release);
    bad.comment = String::new();
    assert!(
        matches!(c.run_action(&bad).await, Err(ActionError::Invalid(m)) if m.contains("comment"))
    );
    assert_eq!(held_actions(&emu).await.len(), before);
}

#[tokio::test]
async fn refusals_are_typed_already_pending_forbidden_and_not_found() {
    let emu = mde_emulator::spawn(config()).await.unwrap();
    let c = client(&emu);
    let (id, _) = windows(&c, &emu).await;
    let iso = request(
        &id,
        ResponseAction::Isolate {
            isolation: IsolationType::Full,
        },
    );
    c.run_action(&iso).await.unwrap();
    let e = c.run_action(&iso).await.unwrap_err();
    assert!(matches!(e, ActionError::AlreadyPending(_)), "{e:?}");
    assert!(!e.may_have_been_created());
    let gone = request(&"f".repeat(40), ResponseAction::Release);
    assert!(matches!(
        c.run_action(&gone).await,
        Err(ActionError::NotFound(_))
    ));

    control(
        &emu,
        reqwest::Method::PUT,
        "/_emulator/roles/withheld",
        json!({"roles": ["Machine.Isolate"]}),
    )
    .await;
    let limited = client(&emu);
    let granted = limited.granted_permissions().await.unwrap();
    assert!(granted.contains(&"Machine.Scan".to_string()));
    assert!(!granted.contains(&"Machine.Isolate".to_string()));
    let e = limited
        .run_action(&request(&id, ResponseAction::Release))
        .await
        .unwrap_err();
    match &e {
        ActionError::Forbidden { permission, .. } => {
            assert_eq!(permission.as_deref(), Some("Machine.Isolate"))
        }
        other => panic!("{other:?}"),
    }
    assert!(e.to_string().contains("Machine.Isolate"), "{e}");
    assert!(
        limited
            .run_action(&request(
                &id,
                ResponseAction::Scan {
                    scan: ScanType::Quick
                }
            ))
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_lost_answer_comes_back_as_such_and_is_never_resent_by_the_client() {
    let emu = mde_emulator::spawn(config()).await.unwrap();
    let c = client(&emu);
    let (id, _) = windows(&c, &emu).await;
    control(
        &emu,
        reqwest::Method::POST,
        "/_emulator/faults/drop-next",
        json!({"method": "POST", "path": "/isolate"}),
    )
    .await;
    let e = c
        .run_action(&request(
            &id,
            ResponseAction::Isolate {
                isolation: IsolationType::Full,
            },
        ))
        .await
        .unwrap_err();
    assert!(e.may_have_been_created(), "{e:?}");
    let held = held_actions(&emu).await;
    assert_eq!(held.len(), 1, "sent once, not retried: {held:?}");
    // The lookup finds it.
    let found = c.actions_of(&id, &ActionType::Isolate, 5).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, held[0]["id"].as_str().unwrap());
}

#[tokio::test]
async fn the_package_link_is_not_found_until_collected_then_usable_without_quotes() {
    let emu = mde_emulator::spawn(config()).await.unwrap();
    let c = client(&emu);
    let (id, _) = windows(&c, &emu).await;
    let a = c
        .run_action(&request(&id, ResponseAction::CollectPackage))
        .await
        .unwrap();
    assert!(matches!(
        c.package_uri(&a.id).await,
        Err(ApiError::NotFound(_))
    ));
    control(
        &emu,
        reqwest::Method::POST,
        "/_emulator/clock",
        json!({"advanceSeconds": 120}),
    )
    .await;
    assert_eq!(
        c.machine_action(&a.id).await.unwrap().status,
        ActionStatus::Succeeded
    );
    let url = c.package_uri(&a.id).await.unwrap();
    assert!(url.starts_with("http://") && !url.contains('"'), "{url}");
    let zip = reqwest::get(&url).await.unwrap();
    assert_eq!(zip.status(), reqwest::StatusCode::OK);
}

#[tokio::test]
async fn indicators_are_added_listed_and_deleted() {
    let emu = mde_emulator::spawn(config()).await.unwrap();
    let c = client(&emu);
    let new = NewIndicator {
        indicator_value: "evil.example".into(),
        indicator_type: IndicatorType::DomainName,
        action: IndicatorAction::Block,
        title: "mde-triage: alert da1".into(),
        description: "seen in da1".into(),
        expiration_time: None,
        severity: None,
        recommended_actions: None,
        generate_alert: None,
    };
    let i = c.add_indicator(&new).await.unwrap();
    assert!(i.id.parse::<u64>().is_ok());
    let q = EntityQuery::filtered(Filter::eq(IndicatorProp::IndicatorType, "DomainName"));
    assert_eq!(
        c.indicators(&q).await.unwrap().items,
        std::slice::from_ref(&i)
    );
    c.delete_indicator(&i.id).await.unwrap();
    assert!(matches!(
        c.delete_indicator(&i.id).await,
        Err(ApiError::NotFound(_))
    ));
    assert!(matches!(
        c.delete_indicator("../x").await,
        Err(ApiError::Invalid(_))
    ));
    let retired = NewIndicator {
        action: IndicatorAction::AlertAndBlock,
        ..new.clone()
    };
    assert!(matches!(
        c.add_indicator(&retired).await,
        Err(ApiError::Invalid(_))
    ));
    let private = NewIndicator {
        indicator_value: "10.0.0.1".into(),
        indicator_type: IndicatorType::IpAddress,
        ..new
    };
    match c.add_indicator(&private).await {
        Err(ApiError::BadRequest(d)) => assert!(d.has_code("InvalidIpAddress"), "{d}"),
        other => panic!("{other:?}"),
    }
}
