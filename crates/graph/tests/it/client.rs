//! The Graph client against the emulator: sign-in for the Graph audience by the same method as
//! the MDE client, paging by nextLink, writes, incidents, and hunting with its typed answers.

use mde_api::auth::{Audience, ClientCredentials, CredentialsConfig, Secret, SecretSource};
use mde_api::{ApiError, ClientConfig, RetryPolicy, TokenProvider};
use mde_emulator::{EmulatorConfig, EmulatorHandle, spawn};
use mde_graph::{GraphClient, build};
use mde_model::graph::{
    Cell, EvidenceDetail, HuntQuery, IncidentChange, IncidentStatus, ProcessStory, ServiceSource,
    process_story_query,
};
use mde_model::protocol::TriageChange;
use mde_model::{Classification, Determination, EntityType, Status};
use mde_odata::Filter;
use mde_odata::graph::{GraphAlertProp, IncidentProp};
use std::sync::Arc;
use std::time::Duration;

async fn emulator(cfg: EmulatorConfig) -> EmulatorHandle {
    spawn(cfg).await.unwrap()
}

/// The MDE sign-in the console uses, and from it the Graph provider.
fn graph_tokens(emu: &EmulatorHandle) -> Arc<dyn TokenProvider> {
    let mde = ClientCredentials::new(CredentialsConfig {
        login: emu.login_url(),
        tenant: emu.tenant().to_string(),
        client_id: "mde-triage-demo".into(),
        secret: SecretSource::Value(Secret::new("demo-secret")),
        scope: Audience::mde().scope,
    })
    .unwrap();
    mde.for_audience(&Audience::graph())
        .expect("client credentials serve Graph")
}

fn client(emu: &EmulatorHandle) -> GraphClient {
    let mut cfg = ClientConfig::new(&emu.base_url());
    cfg.retry = RetryPolicy {
        max_throttle_waits: 0,
        base_backoff: Duration::from_millis(5),
        ..RetryPolicy::default()
    };
    GraphClient::new(cfg, graph_tokens(emu)).unwrap()
}

fn demo() -> EmulatorConfig {
    EmulatorConfig {
        alerts: 80,
        seed: 5,
        ..EmulatorConfig::default()
    }
}

#[tokio::test]
async fn lists_every_alert_by_next_link_and_filters_by_product() {
    let emu = emulator(demo()).await;
    let g = client(&emu);
    let all = g.list_all_alerts(None, 20, None).await.unwrap();
    assert!(all.pages >= 5, "{}", all.pages);
    assert!(all.skipped.is_empty());
    assert!(all.items.len() > emu.alert_ids().len());
    let ids: std::collections::HashSet<&str> =
        all.items.iter().map(|p| p.item.id.as_str()).collect();
    assert_eq!(ids.len(), all.items.len());
    let mail = Filter::eq(
        GraphAlertProp::ServiceSource,
        ServiceSource::MicrosoftDefenderForOffice365.as_str(),
    );
    let mails = g.list_all_alerts(Some(&mail), 20, None).await.unwrap();
    assert!(!mails.items.is_empty());
    assert!(
        mails
            .items
            .iter()
            .all(|p| p.item.service_source == Some(ServiceSource::MicrosoftDefenderForOffice365))
    );
    assert!(mails.items.iter().all(|p| {
        p.item
            .evidence
            .iter()
            .any(|e| matches!(e.detail, EvidenceDetail::AnalyzedMessage(_)))
    }));
    let limited = g.list_all_alerts(None, 20, Some(30)).await.unwrap();
    assert!(limited.items.len() >= 30 && limited.items.len() < 60);
    // Through the MDE model, an endpoint alert reads as the MDE API serves it.
    let id = emu.alert_ids()[0].clone();
    let got = g.get_alert(&id).await.unwrap();
    let as_mde = got.item.to_alert();
    let direct = emu.alert(&id).unwrap();
    assert_eq!(
        (as_mde.status, as_mde.machine_id, as_mde.incident_id),
        (direct.status, direct.machine_id, direct.incident_id)
    );
    assert!(matches!(g.get_alert("nope").await, Err(ApiError::NotFound(d)) if d.target.is_some()));
}

#[tokio::test]
async fn a_triage_change_is_a_patch_and_one_comment() {
    let emu = emulator(demo()).await;
    let g = client(&emu);
    let id = emu.alert_ids()[2].clone();
    let change = TriageChange {
        status: Some(Status::Resolved),
        assigned_to: Some("me@contoso.com".into()),
        classification: Some(Classification::FalsePositive),
        determination: Some(Determination::NoEnoughDataToValidate),
        comment: Some("closing from Graph".into()),
    };
    let p = g.update_alert(&id, &change).await.unwrap();
    assert_eq!(p.item.status, Status::Resolved);
    assert_eq!(
        p.item.comments.last().unwrap().comment,
        "closing from Graph"
    );
    let a = emu.alert(&id).unwrap();
    assert_eq!(a.determination, Some(Determination::NoEnoughDataToValidate));
    assert_eq!(
        a.comments
            .iter()
            .filter(|c| c.comment == "closing from Graph")
            .count(),
        1
    );
    let only_comment = TriageChange {
        comment: Some("again".into()),
        ..Default::default()
    };
    let p = g.update_alert(&id, &only_comment).await.unwrap();
    assert_eq!(p.item.comments.last().unwrap().comment, "again");
    assert!(matches!(
        g.update_alert(&id, &TriageChange::default()).await,
        Err(ApiError::Invalid(_))
    ));
}

#[tokio::test]
async fn incidents_expand_and_take_writes() {
    let emu = emulator(demo()).await;
    let g = client(&emu);
    let active = Filter::eq(IncidentProp::Status, IncidentStatus::Active.as_str());
    let set = g
        .list_all_incidents(Some(&active), true, 10, None)
        .await
        .unwrap();
    assert!(!set.items.is_empty());
    let inc = set
        .items
        .iter()
        .find(|p| p.item.alerts.as_ref().is_some_and(|a| a.len() > 1))
        .unwrap();
    assert!(
        set.items
            .iter()
            .all(|p| p.item.status == IncidentStatus::Active)
    );
    let id = inc.item.id.clone();
    let change = IncidentChange {
        status: Some(IncidentStatus::Resolved),
        classification: Some(Classification::TruePositive),
        determination: Some(Determination::Malware),
        custom_tags: Some(vec!["Handled".into()]),
        comment: Some("Resolved from the client".into()),
        ..Default::default()
    };
    let after = g.update_incident(&id, &change).await.unwrap();
    assert_eq!(after.item.status, IncidentStatus::Resolved);
    assert_eq!(after.item.custom_tags, ["Handled"]);
    assert_eq!(
        after.item.comments.last().unwrap().comment,
        "Resolved from the client"
    );
    let full = g.get_incident(&id, true).await.unwrap();
    for a in full.item.alerts.unwrap() {
        assert_eq!(a.status, Status::Resolved);
        if let Some(mde) = emu.alert(&a.id) {
            assert_eq!(mde.classification, Some(Classification::TruePositive));
        }
    }
}

#[tokio::test]
async fn the_process_story_hunts_the_alerts_evidence() {
    let emu = emulator(demo()).await;
    let g = client(&emu);
    let id = emu
        .alert_ids()
        .into_iter()
        .find(|id| {
            emu.alert(id).is_some_and(|a| {
                a.evidence
                    .iter()
                    .filter(|e| e.entity_type == EntityType::Process)
                    .count()
                    >= 2
            })
        })
        .unwrap();
    let alert = emu.alert(&id).unwrap();
    let q = process_story_query(&alert, mde_model::Timestamp::now()).unwrap();
    let r = g.run_hunting(&build(&q)).await.unwrap();
    let mut story = ProcessStory::build(&r);
    let keys: Vec<_> = alert
        .evidence
        .iter()
        .filter_map(|e| {
            mde_model::graph::hunt::evidence_process_key(e.process_id, e.process_creation_time)
        })
        .collect();
    assert_eq!(
        story.mark_evidence(&keys),
        keys.len(),
        "every evidence process is in the tree"
    );
    let leaf_ev = alert
        .evidence
        .iter()
        .filter(|e| e.entity_type == EntityType::Process)
        .max_by_key(|e| e.process_creation_time)
        .unwrap();
    let leaf = story
        .nodes
        .iter()
        .position(|n| {
            n.evidence
                && Some(n.pid) == leaf_ev.process_id
                && n.created == leaf_ev.process_creation_time
        })
        .unwrap();
    let parent = story.ancestors(leaf)[0];
    assert_eq!(Some(story.nodes[parent].pid), leaf_ev.parent_process_id);
    let device = mde_model::graph::MachineId::parse(alert.machine_id.as_deref().unwrap()).unwrap();
    let key = mde_model::graph::hunt::evidence_process_key(
        leaf_ev.process_id,
        leaf_ev.process_creation_time,
    )
    .unwrap();
    let files = g
        .run_hunting(&build(&HuntQuery::ProcessFiles {
            device: device.clone(),
            process: key,
        }))
        .await
        .unwrap();
    let file_evidence = alert
        .evidence
        .iter()
        .filter(|e| e.entity_type == EntityType::File)
        .count();
    assert_eq!(files.rows.len(), file_evidence);
    let parent = g
        .run_hunting(&build(&HuntQuery::ProcessParent {
            device,
            process: key,
        }))
        .await
        .unwrap();
    assert_eq!(parent.rows.len(), 1);
    assert_eq!(
        parent.cell(&parent.rows[0], "InitiatingProcessId"),
        Some(&Cell::Long(leaf_ev.parent_process_id.unwrap()))
    );
}

#[tokio::test]
async fn hunting_refusals_and_the_quota_are_typed() {
    let mut cfg = demo();
    cfg.graph.hunting_per_minute = 2;
    let emu = emulator(cfg).await;
    let g = client(&emu);
    match g
        .run_hunting_text("DeviceProcessEvents | summarize count()", None)
        .await
    {
        Err(ApiError::BadRequest(d)) => {
            assert!(
                d.message
                    .unwrap()
                    .contains("Fix syntax errors in your query")
            );
            assert!(d.target.is_some(), "the request id is kept");
        }
        other => panic!("{other:?}"),
    }
    let r = g
        .run_hunting_text("AlertInfo | take 3", Some("P7D"))
        .await
        .unwrap();
    assert!(r.rows.len() <= 3);
    match g.run_hunting_text("AlertInfo | take 1", None).await {
        Err(ApiError::Throttled { retry_after }) => assert!(retry_after.is_some()),
        other => panic!("{other:?}"),
    }
    assert!(g.rate_info().throttled >= 1);
    assert!(matches!(
        g.run_hunting_text("  ", None).await,
        Err(ApiError::Invalid(_))
    ));
}
