//! incidents: grouped from every product's alerts, the documented filters, `$expand=alerts`,
//! nextLink paging, merged incidents, and writes that reach the incident's alerts.

use super::support::{GRAPH_SCOPE, Graph, demo, graph_error, ids, start, token_as};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::HashSet;

#[tokio::test]
async fn incidents_group_the_alerts_and_expand_them() {
    let h = start(demo()).await;
    let g = Graph::new(&h).await;
    let (incidents, pages) = g
        .all("/v1.0/security/incidents?$expand=alerts&$top=10")
        .await;
    assert!(pages > 1);
    let (alerts, _) = g.all("/v1.0/security/alerts_v2").await;
    let mut seen = HashSet::new();
    let mut multi_source = 0;
    for i in &incidents {
        let id = i["id"].as_str().unwrap();
        assert!(id.chars().all(|c| c.is_ascii_digit()), "{id}");
        assert_eq!(
            i["incidentWebUrl"]
                .as_str()
                .unwrap()
                .split('?')
                .next()
                .unwrap(),
            format!("https://security.microsoft.com/incidents/{id}")
        );
        let members = i["alerts"].as_array().unwrap();
        if i["status"] == "redirected" {
            assert!(members.is_empty());
            continue;
        }
        assert!(!members.is_empty(), "{id}");
        for a in members {
            assert_eq!(a["incidentId"], id);
            assert!(seen.insert(a["id"].as_str().unwrap().to_string()));
        }
        // Severity is the highest of its alerts'.
        let rank = |s: &str| {
            ["unknown", "informational", "low", "medium", "high"]
                .iter()
                .position(|x| *x == s)
                .unwrap()
        };
        let top = members
            .iter()
            .map(|a| rank(a["severity"].as_str().unwrap()))
            .max()
            .unwrap();
        assert_eq!(rank(i["severity"].as_str().unwrap()), top);
        let sources: HashSet<&str> = members
            .iter()
            .filter_map(|a| a["serviceSource"].as_str())
            .collect();
        if sources.len() > 1 {
            multi_source += 1;
        }
    }
    // Every alert is in exactly one incident.
    assert_eq!(seen.len(), alerts.len());
    assert!(
        multi_source > 0,
        "the mail behind a phish joins its endpoint incident"
    );
    // Without $expand there are no alerts.
    let plain = g.json("/v1.0/security/incidents?$top=3").await;
    assert!(plain["value"][0].get("alerts").is_none());
}

#[tokio::test]
async fn documented_filters_and_paging() {
    let h = start(demo()).await;
    let g = Graph::new(&h).await;
    let (all, _) = g.all("/v1.0/security/incidents").await;
    let count = |p: &dyn Fn(&Value) -> bool| all.iter().filter(|i| p(i)).count();
    for (q, want) in [
        (
            "$filter=status eq 'active'",
            count(&|i| i["status"] == "active"),
        ),
        (
            "$filter=status%20eq%20%27resolved%27",
            count(&|i| i["status"] == "resolved"),
        ),
        (
            "$filter=status eq 'redirected'",
            count(&|i| i["status"] == "redirected"),
        ),
        (
            "$filter=severity eq 'high' and status ne 'resolved'",
            count(&|i| i["severity"] == "high" && i["status"] != "resolved"),
        ),
        (
            "$filter=assignedTo eq null",
            count(&|i| i["assignedTo"].is_null()),
        ),
        (
            "$filter=classification eq 'truePositive'",
            count(&|i| i["classification"] == "truePositive"),
        ),
    ] {
        let (items, _) = g.all(&format!("/v1.0/security/incidents?{q}")).await;
        assert_eq!(items.len(), want, "{q}");
    }
    assert!(count(&|i| i["status"] == "active") > 0);
    let first = g
        .json("/v1.0/security/incidents?$count=true&$top=7&$filter=status eq 'active'")
        .await;
    assert_eq!(
        first["@odata.count"].as_u64().unwrap() as usize,
        count(&|i| i["status"] == "active")
    );
    let next = first["@odata.nextLink"].as_str().unwrap();
    assert!(
        next.contains("$filter=") && next.contains("$skip=7"),
        "{next}"
    );
    let (s, code, _) = graph_error(
        g.get("/v1.0/security/incidents?$filter=serviceSource eq 'x'")
            .await,
    )
    .await;
    assert_eq!((s, code.as_str()), (StatusCode::BAD_REQUEST, "BadRequest"));
    let (s, _, _) = graph_error(g.get("/v1.0/security/incidents?$top=51").await).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn merged_incidents_point_at_the_survivor() {
    let h = start(demo()).await;
    let g = Graph::new(&h).await;
    let (redirected, _) = g
        .all("/v1.0/security/incidents?$filter=status eq 'redirected'")
        .await;
    assert!(!redirected.is_empty());
    for i in redirected {
        let to = i["redirectIncidentId"].as_str().unwrap();
        let target = g
            .json(&format!("/v1.0/security/incidents/{to}?$expand=alerts"))
            .await;
        assert_ne!(target["status"], "redirected");
        assert!(!target["alerts"].as_array().unwrap().is_empty());
        let again = g
            .json(&format!(
                "/v1.0/security/incidents/{}",
                i["id"].as_str().unwrap()
            ))
            .await;
        assert_eq!(again["redirectIncidentId"], to);
    }
}

#[tokio::test]
async fn resolving_an_incident_resolves_its_alerts_with_the_classification() {
    let h = start(demo()).await;
    let g = Graph::new(&h).await;
    let (open, _) = g
        .all("/v1.0/security/incidents?$filter=status eq 'active'&$expand=alerts")
        .await;
    let i = open
        .iter()
        .find(|i| i["alerts"].as_array().unwrap().len() > 1)
        .unwrap();
    let id = i["id"].as_str().unwrap();
    let body = json!({
        "status": "Resolved", "classification": "truePositive", "determination": "MultiStagedAttack",
        "assignedTo": "erin.ir@contoso.com", "customTags": ["Ransomware", "Escalated"],
        "resolvingComment": "Contained and reimaged"
    });
    let r = g
        .patch(&format!("/v1.0/security/incidents/{id}"), &body.to_string())
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["status"], "resolved");
    assert_eq!(v["classification"], "truePositive");
    assert_eq!(v["determination"], "multiStagedAttack");
    assert_eq!(v["customTags"], json!(["Ransomware", "Escalated"]));
    assert_eq!(v["resolvingComment"], "Contained and reimaged");
    assert!(v["lastUpdateDateTime"].as_str().unwrap() > i["lastUpdateDateTime"].as_str().unwrap());
    let after = g
        .json(&format!("/v1.0/security/incidents/{id}?$expand=alerts"))
        .await;
    for a in after["alerts"].as_array().unwrap() {
        assert_eq!(a["status"], "resolved", "{}", a["id"]);
        assert_eq!(a["classification"], "truePositive");
        assert_eq!(a["assignedTo"], "erin.ir@contoso.com");
        // Endpoint members show it through the MDE API too.
        if let Some(mde) = h.alert(a["id"].as_str().unwrap()) {
            assert_eq!(mde.status, mde_model::Status::Resolved);
            assert_eq!(
                mde.determination,
                Some(mde_model::Determination::MultiStagedAttack)
            );
        }
    }
    // Reopening the incident stands even though its alerts stay resolved.
    let r = g
        .patch(
            &format!("/v1.0/security/incidents/{id}"),
            r#"{"status":"active"}"#,
        )
        .await;
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "active");
    // Comments answer the whole list.
    let r = g
        .post(
            &format!("/v1.0/security/incidents/{id}/comments"),
            r#"{"@odata.type":"microsoft.graph.security.alertComment","comment":"Handed to IR"}"#,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let list: Value = r.json().await.unwrap();
    assert_eq!(
        list["value"].as_array().unwrap().last().unwrap()["comment"],
        "Handed to IR"
    );
    let i = g.json(&format!("/v1.0/security/incidents/{id}")).await;
    assert_eq!(
        i["comments"].as_array().unwrap().len(),
        list["value"].as_array().unwrap().len()
    );
}

#[tokio::test]
async fn bad_writes_unknown_incidents_and_read_only_apps_are_refused() {
    let h = start(demo()).await;
    let g = Graph::new(&h).await;
    let (some, _) = g
        .all("/v1.0/security/incidents?$top=1&$filter=status ne 'redirected'")
        .await;
    let id = ids(&some)[0].clone();
    for bad in [
        r#"{"status":"closed"}"#,
        r#"{"tags":["x"]}"#,
        r#"{"customTags":"x"}"#,
        r#"{"determination":"apt2"}"#,
        "{}",
    ] {
        let (s, code, _) = graph_error(
            g.patch(&format!("/v1.0/security/incidents/{id}"), bad)
                .await,
        )
        .await;
        assert_eq!(
            (s, code.as_str()),
            (StatusCode::BAD_REQUEST, "InvalidRequestBody"),
            "{bad}"
        );
    }
    let (s, code, _) = graph_error(g.get("/v1.0/security/incidents/999999999").await).await;
    assert_eq!((s, code.as_str()), (StatusCode::NOT_FOUND, "NotFound"));
    let (s, _, _) = graph_error(
        g.patch(
            "/v1.0/security/incidents/999999999",
            r#"{"status":"active"}"#,
        )
        .await,
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _, _) = graph_error(
        g.get(&format!("/v1.0/security/incidents/{id}?$expand=evidence"))
            .await,
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (_, ro) = token_as(&h, "mde-triage-readonly", "readonly-secret", GRAPH_SCOPE).await;
    let ro = Graph::with_token(&h, ro["access_token"].as_str().unwrap().to_string()).await;
    assert_eq!(
        ro.get(&format!("/v1.0/security/incidents/{id}"))
            .await
            .status(),
        StatusCode::OK
    );
    let (s, _, msg) = graph_error(
        ro.patch(
            &format!("/v1.0/security/incidents/{id}"),
            r#"{"status":"active"}"#,
        )
        .await,
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(msg.contains("SecurityIncident.ReadWrite.All"), "{msg}");
}
