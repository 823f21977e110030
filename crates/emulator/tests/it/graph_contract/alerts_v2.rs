//! alerts_v2: every product's alerts, Graph's shape, paging by nextLink, filters as Graph
//! clients write them, and writes visible through both APIs.

use super::support::{
    GRAPH_SCOPE, Graph, MDE_SCOPE, demo, graph_error, ids, start, token, token_as,
};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use std::collections::HashSet;

#[tokio::test]
async fn every_product_appears_in_graph_shape_with_typed_evidence() {
    let h = start(demo()).await;
    let g = Graph::new(&h).await;
    let (all, _) = g.all("/v1.0/security/alerts_v2").await;
    let endpoint = h.alert_ids().len();
    assert!(all.len() > endpoint, "{} vs {endpoint}", all.len());
    let sources: HashSet<&str> = all
        .iter()
        .filter_map(|a| a["serviceSource"].as_str())
        .collect();
    for s in [
        "microsoftDefenderForEndpoint",
        "microsoftDefenderForOffice365",
        "microsoftDefenderForIdentity",
        "microsoftDefenderForCloudApps",
        "microsoftDefenderForCloud",
    ] {
        assert!(sources.contains(s), "{sources:?}");
    }
    for a in &all {
        let status = a["status"].as_str().unwrap();
        assert!(
            ["new", "inProgress", "resolved", "unknown"].contains(&status),
            "{status}"
        );
        assert!(
            a["severity"]
                .as_str()
                .unwrap()
                .chars()
                .next()
                .unwrap()
                .is_lowercase()
        );
        assert!(
            a["alertWebUrl"]
                .as_str()
                .unwrap()
                .starts_with("https://security.microsoft.com/alerts/")
        );
        assert!(a["incidentId"].is_string());
        for e in a["evidence"].as_array().unwrap() {
            assert!(
                e["@odata.type"]
                    .as_str()
                    .unwrap()
                    .starts_with("#microsoft.graph.security."),
                "{e}"
            );
        }
    }
    let mail = all
        .iter()
        .find(|a| a["serviceSource"] == "microsoftDefenderForOffice365")
        .unwrap();
    let types: Vec<&str> = mail["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["@odata.type"].as_str().unwrap())
        .collect();
    assert!(
        types.contains(&"#microsoft.graph.security.analyzedMessageEvidence"),
        "{types:?}"
    );
    assert!(
        types.contains(&"#microsoft.graph.security.mailboxEvidence"),
        "{types:?}"
    );
    // An endpoint alert carries its device and its processes, typed.
    let ep = all
        .iter()
        .find(|a| a["serviceSource"] == "microsoftDefenderForEndpoint")
        .unwrap();
    let dev = ep["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["@odata.type"] == "#microsoft.graph.security.deviceEvidence")
        .unwrap();
    assert_eq!(dev["mdeDeviceId"].as_str().unwrap().len(), 40);
    // Most recent first.
    let created: Vec<&str> = all
        .iter()
        .map(|a| a["createdDateTime"].as_str().unwrap())
        .collect();
    let mut sorted = created.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(created, sorted);
}

#[tokio::test]
async fn paging_by_next_link_returns_every_alert_once() {
    let h = start(demo()).await;
    let g = Graph::new(&h).await;
    let first = g.json("/v1.0/security/alerts_v2?$count=true&$top=25").await;
    let count = first["@odata.count"].as_u64().unwrap() as usize;
    assert_eq!(first["value"].as_array().unwrap().len(), 25);
    let next = first["@odata.nextLink"].as_str().unwrap();
    assert!(next.starts_with(&h.base_url()), "{next}");
    let (items, pages) = g.all("/v1.0/security/alerts_v2?$top=25").await;
    assert_eq!(items.len(), count);
    assert_eq!(pages, count.div_ceil(25));
    let unique: HashSet<String> = ids(&items).into_iter().collect();
    assert_eq!(unique.len(), count);
    // The last page has no link; $skip still works on its own.
    let tail = g
        .json(&format!(
            "/v1.0/security/alerts_v2?$top=25&$skip={}",
            count - 3
        ))
        .await;
    assert_eq!(tail["value"].as_array().unwrap().len(), 3);
    assert!(tail.get("@odata.nextLink").is_none());
    let (s, code, msg) = graph_error(g.get("/v1.0/security/alerts_v2?$top=5000").await).await;
    assert_eq!((s, code.as_str()), (StatusCode::BAD_REQUEST, "BadRequest"));
    assert!(msg.contains("2000"), "{msg}");
}

#[tokio::test]
async fn filters_shaped_like_graph_clients_send_them() {
    let h = start(demo()).await;
    let g = Graph::new(&h).await;
    let (all, _) = g.all("/v1.0/security/alerts_v2").await;
    let count = |pred: &dyn Fn(&Value) -> bool| all.iter().filter(|a| pred(a)).count();
    for (q, want) in [
        (
            "$filter=status%20eq%20%27new%27",
            count(&|a| a["status"] == "new"),
        ),
        (
            "$filter=status+eq+'inProgress'",
            count(&|a| a["status"] == "inProgress"),
        ),
        (
            "$filter=severity eq 'high' and serviceSource eq 'microsoftDefenderForOffice365'",
            count(&|a| {
                a["severity"] == "high" && a["serviceSource"] == "microsoftDefenderForOffice365"
            }),
        ),
        (
            "$filter=serviceSource ne 'microsoftDefenderForEndpoint'",
            count(&|a| a["serviceSource"] != "microsoftDefenderForEndpoint"),
        ),
        (
            "$filter=assignedTo eq null",
            count(&|a| a["assignedTo"].is_null()),
        ),
        (
            "$filter=classification eq 'truePositive' or determination eq 'notMalicious'",
            count(&|a| {
                a["classification"] == "truePositive" || a["determination"] == "notMalicious"
            }),
        ),
    ] {
        let (items, _) = g.all(&format!("/v1.0/security/alerts_v2?{q}")).await;
        assert_eq!(items.len(), want, "{q}");
    }
    assert!(count(&|a| a["status"] == "new") > 0);
    let t =
        |v: &Value| mde_model::Timestamp::parse(v["lastUpdateDateTime"].as_str().unwrap()).unwrap();
    let mark = t(&all[10]);
    let (later, _) = g
        .all(&format!(
            "/v1.0/security/alerts_v2?$filter=lastUpdateDateTime gt {}",
            mark.to_wire()
        ))
        .await;
    assert!(later.iter().all(|a| t(a) > mark));
    assert_eq!(later.len(), count(&|a| t(a) > mark));
    for bad in [
        "$filter=investigationState eq 'running'",
        "$filter=status eq 'closed'",
        "$filter=createdDateTime gt '2024-01-01T00:00:00Z'",
        "$expand=evidence",
        "$search=x",
    ] {
        let (s, code, _) =
            graph_error(g.get(&format!("/v1.0/security/alerts_v2?{bad}")).await).await;
        assert_eq!(
            (s, code.as_str()),
            (StatusCode::BAD_REQUEST, "BadRequest"),
            "{bad}"
        );
    }
}

#[tokio::test]
async fn a_write_through_either_api_shows_in_both() {
    let h = start(demo()).await;
    let g = Graph::new(&h).await;
    let http = Client::new();
    let mde = token(&h, MDE_SCOPE).await;
    let id = h.alert_ids()[3].clone();
    let r = g
        .patch(
            &format!("/v1.0/security/alerts_v2/{id}"),
            r#"{"status":"resolved","assignedTo":"secop2@contoso.com","classification":"falsePositive","determination":"clean"}"#,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["status"], "resolved");
    assert_eq!(v["determination"], "notMalicious");
    assert!(v["resolvedDateTime"].is_string());
    let a = h.alert(&id).unwrap();
    assert_eq!(a.status, mde_model::Status::Resolved);
    assert_eq!(
        a.determination,
        Some(mde_model::Determination::NotMalicious)
    );
    let via_mde: Value = http
        .get(format!("{}/api/alerts/{id}", h.base_url()))
        .bearer_auth(&mde)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(via_mde["status"], "Resolved");
    assert_eq!(via_mde["classification"], "FalsePositive");
    // And back: an MDE PATCH is what alerts_v2 shows.
    let r = http
        .patch(format!("{}/api/alerts/{id}", h.base_url()))
        .bearer_auth(&mde)
        .json(&json!({"status": "InProgress", "comment": "reopened from MDE"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v = g.json(&format!("/v1.0/security/alerts_v2/{id}")).await;
    assert_eq!(v["status"], "inProgress");
    assert_eq!(
        v["comments"].as_array().unwrap().last().unwrap()["comment"],
        "reopened from MDE"
    );
    assert_eq!(
        v["@odata.context"],
        "https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2/$entity"
    );
    // Every documented determination spelling is read; a wrong member is refused.
    for spelling in [
        "insufficientData",
        "notEnoughDataToValidate",
        "NoEnoughDataToValidate",
    ] {
        let r = g
            .patch(
                &format!("/v1.0/security/alerts_v2/{id}"),
                &json!({"determination": spelling}).to_string(),
            )
            .await;
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["determination"], "notEnoughDataToValidate", "{spelling}");
    }
    for bad in [
        r#"{"classification":"benignPositive"}"#,
        r#"{"comment":"no"}"#,
        r#"{}"#,
        "[]",
    ] {
        let (s, code, _) = graph_error(
            g.patch(&format!("/v1.0/security/alerts_v2/{id}"), bad)
                .await,
        )
        .await;
        assert_eq!(
            (s, code.as_str()),
            (StatusCode::BAD_REQUEST, "InvalidRequestBody"),
            "{bad}"
        );
    }
}

#[tokio::test]
async fn other_products_alerts_take_writes_and_comments_answer_the_whole_list() {
    let h = start(demo()).await;
    let g = Graph::new(&h).await;
    let (all, _) = g
        .all("/v1.0/security/alerts_v2?$filter=serviceSource eq 'microsoftDefenderForCloudApps'")
        .await;
    let id = all[0]["id"].as_str().unwrap().to_string();
    let before = all[0]["comments"].as_array().unwrap().len();
    let r = g
        .patch(
            &format!("/v1.0/security/alerts_v2/{id}"),
            r#"{"status":"inProgress","assignedTo":"me@contoso.com"}"#,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let body =
        r#"{"@odata.type":"microsoft.graph.security.alertComment","comment":"Called the user"}"#;
    let r = g
        .post(&format!("/v1.0/security/alerts_v2/{id}/comments"), body)
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    let list = v["value"].as_array().unwrap();
    assert_eq!(list.len(), before + 1);
    assert_eq!(list.last().unwrap()["comment"], "Called the user");
    assert_eq!(
        list.last().unwrap()["createdByDisplayName"],
        "mde-triage-demo"
    );
    let now = g.json(&format!("/v1.0/security/alerts_v2/{id}")).await;
    assert_eq!(now["status"], "inProgress");
    assert_eq!(now["assignedTo"], "me@contoso.com");
    // An MDE-only client never sees it.
    assert!(h.alert(&id).is_none());
    let (s, code, _) = graph_error(g.get("/v1.0/security/alerts_v2/nope").await).await;
    assert_eq!((s, code.as_str()), (StatusCode::NOT_FOUND, "NotFound"));
    let (s, _, _) = graph_error(g.post("/v1.0/security/alerts_v2/nope/comments", body).await).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, ro) = token_as(&h, "mde-triage-readonly", "readonly-secret", GRAPH_SCOPE).await;
    let ro = Graph::with_token(&h, ro["access_token"].as_str().unwrap().to_string()).await;
    assert_eq!(
        ro.get(&format!("/v1.0/security/alerts_v2/{id}"))
            .await
            .status(),
        StatusCode::OK
    );
    let (s, code, msg) = graph_error(
        ro.patch(
            &format!("/v1.0/security/alerts_v2/{id}"),
            r#"{"status":"new"}"#,
        )
        .await,
    )
    .await;
    assert_eq!((s, code.as_str()), (StatusCode::FORBIDDEN, "Forbidden"));
    assert!(msg.contains("SecurityAlert.ReadWrite.All"), "{msg}");
}
