//! `GET /api/alerts` with OData: every filter operator and escape, bad queries, paging, order, select, expand.

use super::support::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn token_list_get_patch_round_trip() {
    let h = start(small()).await;
    let api = Api::new(&h).await;

    let r = api.get("/api/alerts").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()["content-type"],
        "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8"
    );
    assert_eq!(r.headers()["odata-version"], "4.0");
    let list: Value = r.json().await.unwrap();
    assert_eq!(
        list["@odata.context"],
        "https://api.securitycenter.microsoft.com/api/$metadata#Alerts"
    );
    assert_eq!(ids(&list), h.alert_ids());

    let id = h.alert_ids()[3].clone();
    let one = api.json(&format!("/api/alerts/{}", enc(&id))).await;
    assert_eq!(one["id"], id.as_str());
    assert_eq!(
        one["@odata.context"],
        "https://api.securitycenter.microsoft.com/api/$metadata#Alerts/$entity"
    );

    let before = h.alert(&id).unwrap().last_update_time;
    let r = api
        .patch(
            &id,
            json!({"status": "Resolved", "assignedTo": "secop2@contoso.com",
                   "classification": "FalsePositive", "determination": "Clean",
                   "comment": "closing"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let updated: Value = r.json().await.unwrap();
    assert_eq!(updated["status"], "Resolved");
    assert_eq!(updated["assignedTo"], "secop2@contoso.com");
    assert_eq!(updated["classification"], "FalsePositive");
    assert_eq!(updated["determination"], "NotMalicious");
    let comments = updated["comments"].as_array().unwrap();
    let last = comments.last().unwrap();
    assert_eq!(last["comment"], "closing");
    assert_eq!(last["createdBy"], "mde-triage-demo");
    assert!(updated["resolvedTime"].is_string());
    let after = h.alert(&id).unwrap().last_update_time;
    assert!(after > before);
    assert_eq!(updated["lastUpdateTime"], json!(after.unwrap().to_wire()));
    h.shutdown().await;
}

#[tokio::test]
async fn filter_operators_escapes_and_encodings() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(fixture(&dir)).await;
    let api = Api::new(&h).await;
    let q = |f: &str| format!("/api/alerts?$filter={}", enc(f));
    let cases: &[(&str, &[&str])] = &[
        ("severity eq 'High'", &["a1", "a5"]),
        ("severity ne 'High'", &["a2", "a3", DOC_ID, "da 1/x"]),
        (
            "lastUpdateTime gt 2024-03-02T00:00:00.1234567Z",
            &["a5", "da 1/x"],
        ),
        (
            "lastUpdateTime ge 2024-03-02T00:00:00.1234567Z",
            &["a3", "a5", "da 1/x"],
        ),
        ("alertCreationTime lt 2024-02-01T00:00:00Z", &["a1", DOC_ID]),
        (
            "alertCreationTime le 2024-02-01T00:00:00Z",
            &["a1", "a2", DOC_ID],
        ),
        ("status eq 'New' and severity eq 'High'", &["a1"]),
        (
            "status eq 'Resolved' or assignedTo eq 'me@contoso.com'",
            &["a2", "a3"],
        ),
        ("not (status eq 'New')", &["a2", "a3", "a5"]),
        (
            "(severity eq 'Low' or severity eq 'Medium') and incidentId eq 1",
            &["a3"],
        ),
        ("status in ('InProgress', 'Resolved')", &["a2", "a3", "a5"]),
        ("assignedTo eq 'O''Brien@contoso.com'", &["a2"]),
        (
            "assignedTo eq null and category eq 'Execution'",
            &["a1", "a5", DOC_ID, "da 1/x"],
        ),
        ("investigationId eq 55", &["a2"]),
        ("id eq 'da 1/x'", &["da 1/x"]),
        ("detectionSource eq 'WindowsDefenderAv'", &["a2"]),
        ("lastEventTime ge 2024-05-01T00:00:00Z", &["a5"]),
        ("InvestigationId ne null", &["a2"]),
    ];
    for (f, want) in cases {
        let v = api.json(&q(f)).await;
        let mut got = ids(&v);
        got.sort();
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "{f}");
    }
    // As real clients send it: %24-encoded option names, '+' for spaces, unknown params ignored.
    let v = api
        .json("/api/alerts?%24filter=severity+eq+%27High%27+and+lastUpdateTime+ge+2024-05-01T00:00:00Z&api-version=1&foo")
        .await;
    assert_eq!(ids(&v), ["a5"]);
    // An injection attempt stays one literal.
    let v = api
        .json(&q("assignedTo eq 'x'' or severity eq ''High'"))
        .await;
    assert!(ids(&v).is_empty());
    h.shutdown().await;
}

#[tokio::test]
async fn bad_queries_get_400_odata_error_naming_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(fixture(&dir)).await;
    let api = Api::new(&h).await;
    let cases = [
        ("$filter=title eq 'x'", "'title'"),
        ("$filter=status eq", "ended early"),
        ("$filter=severity eq 'Severe'", "'Severe'"),
        (
            "$filter=lastUpdateTime gt '2024-01-01T00:00:00Z'",
            "Edm.String",
        ),
        ("$filter=(status eq 'New'", "not closed"),
        ("$top=10001", "10000"),
        ("$top=abc", "$top"),
        ("$skip=-2", "$skip"),
        ("$expand=machine", "'machine'"),
        ("$orderby=nothing", "'nothing'"),
        ("$select=nothing", "'nothing'"),
        ("$search=x", "$search"),
    ];
    for (query, needle) in cases {
        let (s, code, msg) = error_code(api.get(&format!("/api/alerts?{query}")).await).await;
        assert_eq!(
            (s, code.as_str()),
            (StatusCode::BAD_REQUEST, "ODataError"),
            "{query}"
        );
        assert!(msg.contains(needle), "{query}: {msg}");
    }
    h.shutdown().await;
}

#[tokio::test]
async fn paging_ordering_select_expand_and_versions() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(fixture(&dir)).await;
    let api = Api::new(&h).await;
    let all = ids(&api.json("/api/alerts").await);
    assert_eq!(all.len(), 6);
    // Unsorted list comes in id order, as observed on the service.
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all, sorted);
    let mut paged = Vec::new();
    for skip in (0..8).step_by(4) {
        paged.extend(ids(&api
            .json(&format!("/api/alerts?$top=4&$skip={skip}"))
            .await));
    }
    assert_eq!(paged, all);
    assert!(ids(&api.json("/api/alerts?$skip=6").await).is_empty());
    let empty = api.json("/api/alerts?$filter=id+eq+'none'").await;
    assert_eq!(empty["value"], json!([]));

    let v = api
        .json("/api/alerts?$orderby=severity desc,lastUpdateTime desc")
        .await;
    assert_eq!(ids(&v), ["a5", "a1", "a3", "a2", DOC_ID, "da 1/x"]);
    let v = api.json("/api/alerts?$orderby=assignedTo&$top=3").await;
    assert_eq!(
        v["value"][0]["assignedTo"],
        Value::Null,
        "nulls first ascending"
    );
    let v = api.json("/api/alerts?$orderby=lastUpdateTime asc").await;
    assert_eq!(ids(&v)[0], DOC_ID);

    let v = api.json("/api/alerts?$select=id,severity&$top=2").await;
    assert_eq!(
        v["@odata.context"],
        "https://api.securitycenter.microsoft.com/api/$metadata#Alerts(id,severity)"
    );
    let keys: Vec<&String> = v["value"][0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["id", "severity"]);

    // Evidence only with $expand on lists; always on get.
    let doc = |v: &Value| {
        v["value"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == DOC_ID)
            .unwrap()
            .clone()
    };
    assert_eq!(doc(&api.json("/api/alerts").await)["evidence"], json!([]));
    let expanded = doc(&api.json("/api/alerts?$expand=evidence").await);
    assert_eq!(expanded["evidence"].as_array().unwrap().len(), 5);
    let one = api.json(&format!("/api/alerts/{DOC_ID}")).await;
    assert_eq!(one["evidence"].as_array().unwrap().len(), 5);
    assert_eq!(one["evidence"][1]["entityType"], "Process");
    assert_eq!(
        one["evidence"][1]["processCommandLine"],
        "rundll32.exe  c:\\temp\\suspicious.dll,RepeatAfterMe"
    );

    // Unknown fields from a data file are served back.
    assert_eq!(
        api.json("/api/alerts/a5").await["customField"],
        json!({"kept": true})
    );
    // Opaque ids with '/' and ' ' work URL-encoded.
    assert_eq!(
        api.json(&format!("/api/alerts/{}", enc("da 1/x"))).await["id"],
        "da 1/x"
    );

    let v1 = api.json("/api/v1.0/alerts?$top=2").await;
    assert_eq!(ids(&v1), all[..2]);
    let counted = api.json("/api/alerts?$count=true&$top=1").await;
    assert_eq!(counted["@odata.count"], 6);

    let (s, code, msg) = error_code(api.get("/api/alerts/nope").await).await;
    assert_eq!(
        (s, code.as_str()),
        (StatusCode::NOT_FOUND, "ResourceNotFound")
    );
    assert!(msg.contains("nope"));
    h.shutdown().await;
}

#[tokio::test]
async fn a_change_between_pages_shows_in_the_next_page_as_a_fresh_query_would() {
    let h = start(small()).await;
    let api = Api::new(&h).await;
    let open = "/api/alerts?$filter=status+ne+'Resolved'&$count=true";
    let first = api.json(&format!("{open}&$top=2")).await;
    let before = first["@odata.count"].as_u64().unwrap();
    assert!(before >= 4, "the fixture has open alerts to page through");
    let rest = ids(&api.json(&format!("{open}&$skip=2")).await);
    // One alert of a later page is resolved between the pages: the next page no longer has it,
    // and the count drops, exactly as evaluating the query again gives.
    let r = api.patch(&rest[0], json!({"status": "Resolved"})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let again = api.json(&format!("{open}&$skip=2")).await;
    assert_eq!(again["@odata.count"].as_u64().unwrap(), before - 1);
    assert_eq!(ids(&again), rest[1..]);
    assert!(!ids(&api.json(open).await).contains(&rest[0]));
    h.shutdown().await;
}
