//! runHuntingQuery: the reference's process-tree queries answered consistently with the
//! alerts' evidence, both body casings, the 400 for what the subset does not run, the row
//! limit, the 30-day lookback and the hunting quota's string "429".

use super::support::{Graph, demo, graph_error, start};
use mde_emulator::EmulatorConfig;
use mde_model::{EntityType, Timestamp};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn run_body(query: &str) -> String {
    json!({ "Query": query }).to_string()
}

async fn hunt(g: &Graph, body: &str) -> Value {
    let r = g.post("/v1.0/security/runHuntingQuery", body).await;
    let s = r.status();
    let v: Value = r.json().await.unwrap();
    assert_eq!(s, StatusCode::OK, "{v}");
    v
}

fn cells<'a>(v: &'a Value, col: &str) -> Vec<&'a Value> {
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r[col])
        .collect()
}

#[tokio::test]
async fn the_process_tree_of_an_alert_matches_its_evidence() {
    let h = start(demo()).await;
    let g = Graph::new(&h).await;
    let id = h
        .alert_ids()
        .into_iter()
        .find(|id| {
            h.alert(id).is_some_and(|a| {
                a.evidence
                    .iter()
                    .filter(|e| e.entity_type == EntityType::Process)
                    .count()
                    >= 2
            })
        })
        .unwrap();
    let a = h.alert(&id).unwrap();
    let dev = a.machine_id.clone().unwrap();
    let first = a.first_event_time.unwrap();
    let q = format!(
        r#"let dev = "{dev}";
           let t0 = datetime({t0});
           DeviceProcessEvents
           | where DeviceId == dev and Timestamp between ((t0 - 2h) .. (t0 + 1h))
           | project Timestamp, ProcessId, ProcessCreationTime, FileName, ProcessCommandLine,
                     InitiatingProcessId, InitiatingProcessCreationTime, InitiatingProcessFileName
           | order by Timestamp asc
           | take 5000"#,
        t0 = first.to_wire()
    );
    let v = hunt(&g, &run_body(&q)).await;
    assert_eq!(
        v["@odata.context"],
        "https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults"
    );
    let schema: Vec<(&str, &str)> = v["schema"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap(), c["type"].as_str().unwrap()))
        .collect();
    assert_eq!(schema[0], ("Timestamp", "DateTime"));
    assert_eq!(schema[1], ("ProcessId", "Int64"));
    let rows = v["results"].as_array().unwrap();
    for e in a
        .evidence
        .iter()
        .filter(|e| e.entity_type == EntityType::Process)
    {
        let row = rows
            .iter()
            .find(|r| {
                r["ProcessId"] == e.process_id.unwrap()
                    && r["ProcessCreationTime"] == e.process_creation_time.unwrap().to_wire()
            })
            .unwrap_or_else(|| panic!("evidence pid {:?} not hunted", e.process_id));
        assert_eq!(row["FileName"], e.file_name.clone().unwrap());
        assert_eq!(
            row["ProcessCommandLine"],
            e.process_command_line.clone().unwrap()
        );
        assert_eq!(row["InitiatingProcessId"], e.parent_process_id.unwrap());
        assert_eq!(
            row["InitiatingProcessCreationTime"],
            e.parent_process_creation_time.unwrap().to_wire()
        );
    }
    // Ordered by time, every time inside the window.
    let times: Vec<&str> = cells(&v, "Timestamp")
        .into_iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]));
    // The children query of the reference, with its ±1 s window, finds the leaf's children.
    let leaf = a
        .evidence
        .iter()
        .filter(|e| e.entity_type == EntityType::Process)
        .max_by_key(|e| e.process_creation_time)
        .unwrap();
    let parent = a.evidence.iter().find(|e| {
        e.process_id == leaf.parent_process_id
            && e.process_creation_time == leaf.parent_process_creation_time
    });
    if let Some(p) = parent {
        let ct = p.process_creation_time.unwrap().to_wire();
        let q = format!(
            r#"DeviceProcessEvents
               | where DeviceId == "{dev}" and InitiatingProcessId == {pid}
                     and InitiatingProcessCreationTime between (datetime({ct}) - 1s .. datetime({ct}) + 1s)
               | project Timestamp, ProcessId, FileName, ProcessCommandLine, SHA1, AccountName"#,
            pid = p.process_id.unwrap()
        );
        let v = hunt(&g, &run_body(&q)).await;
        assert!(
            cells(&v, "ProcessId").contains(&&json!(leaf.process_id.unwrap())),
            "{v}"
        );
    }
}

#[tokio::test]
async fn evidence_tables_lowercase_query_and_timespan() {
    let h = start(demo()).await;
    let g = Graph::new(&h).await;
    let id = h.alert_ids()[0].clone();
    let a = h.alert(&id).unwrap();
    // Some clients send a lowercase key.
    let v = hunt(&g, &json!({"query": format!("AlertEvidence | where AlertId == \"{id}\" | project Timestamp, EntityType, DeviceId, AlertId")}).to_string()).await;
    let types: Vec<&str> = cells(&v, "EntityType")
        .into_iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert!(types.contains(&"Machine"), "{types:?}");
    assert_eq!(types.len(), 1 + a.evidence.len());
    assert!(
        cells(&v, "DeviceId")
            .iter()
            .all(|d| *d == &json!(a.machine_id.clone().unwrap()))
    );
    let v = hunt(
        &g,
        &run_body(
            "AlertInfo | where ServiceSource has 'Office' | project AlertId, Title, ServiceSource",
        ),
    )
    .await;
    assert!(!v["results"].as_array().unwrap().is_empty());
    // A Timespan that ends before the alert leaves it out.
    let created = a.alert_creation_time.unwrap();
    let before = Timestamp(created.0 - chrono::Duration::hours(1)).to_wire();
    let body = json!({"Query": format!("AlertInfo | where AlertId == '{id}'"), "Timespan": format!("P1D/{before}")}).to_string();
    assert!(
        hunt(&g, &body).await["results"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let body = json!({"Query": format!("AlertInfo | where AlertId == '{id}'"), "Timespan": "P30D"})
        .to_string();
    assert_eq!(
        hunt(&g, &body).await["results"].as_array().unwrap().len(),
        1
    );
    let (s, _, msg) = graph_error(
        g.post(
            "/v1.0/security/runHuntingQuery",
            r#"{"Query":"AlertInfo","Timespan":"last week"}"#,
        )
        .await,
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(msg.contains("Timespan"), "{msg}");
    // Thirty days later nothing of today is left to hunt.
    let r = reqwest::Client::new()
        .post(format!("{}/_emulator/clock", h.base_url()))
        .json(&json!({"advanceSeconds": 31 * 86400}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    let g = Graph::new(&h).await;
    let v = hunt(
        &g,
        &run_body(&format!("AlertInfo | where AlertId == '{id}'")),
    )
    .await;
    assert!(v["results"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn what_the_subset_does_not_run_is_a_400_never_a_wrong_answer() {
    let h = start(demo()).await;
    let g = Graph::new(&h).await;
    for q in [
        "DeviceProcessEvents | summarize count() by FileName",
        "DeviceProcessEvents | extend X = 1",
        "DeviceProcessEvents | where FileName matches regex 'cmd'",
        "DeviceProcessEvents | where FileName == ",
        "DeviceProcessEvents | join (DeviceNetworkEvents) on DeviceId",
    ] {
        let (s, code, msg) =
            graph_error(g.post("/v1.0/security/runHuntingQuery", &run_body(q)).await).await;
        assert_eq!(
            (s, code.as_str()),
            (StatusCode::BAD_REQUEST, "BadRequest"),
            "{q}"
        );
        assert!(
            msg.contains("Fix syntax errors in your query"),
            "{q}: {msg}"
        );
    }
    for (q, needle) in [
        ("DeviceRegistryEvents | take 1", "DeviceRegistryEvents"),
        ("DeviceProcessEvents | where Nope == 1", "'Nope'"),
        (
            "DeviceProcessEvents | where ProcessId == 'x'",
            "long and string",
        ),
    ] {
        let (s, _, msg) =
            graph_error(g.post("/v1.0/security/runHuntingQuery", &run_body(q)).await).await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert!(msg.contains(needle), "{q}: {msg}");
    }
    for body in ["{}", r#"{"Query": 5}"#, r#"{"Query": ""}"#, "not json"] {
        let (s, _, _) = graph_error(g.post("/v1.0/security/runHuntingQuery", body).await).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
    }
}

#[tokio::test]
async fn the_row_limit_and_the_hunting_quota() {
    let mut cfg = demo();
    cfg.graph.hunting_per_minute = 3;
    cfg.graph.hunting_max_rows = 50;
    let h = start(cfg).await;
    let g = Graph::new(&h).await;
    let (s, _, msg) = graph_error(
        g.post(
            "/v1.0/security/runHuntingQuery",
            &run_body("DeviceProcessEvents"),
        )
        .await,
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(msg.contains("limit of 50"), "{msg}");
    hunt(&g, &run_body("DeviceProcessEvents | take 50")).await;
    hunt(&g, &run_body("AlertInfo | take 1")).await;
    let r = g
        .post(
            "/v1.0/security/runHuntingQuery",
            &run_body("AlertInfo | take 1"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    let (_, code, msg) = graph_error(r).await;
    assert_eq!(code, "429");
    assert_eq!(
        msg,
        "API calls quota exceeded! maximum allowed 3 per 00:01:00"
    );
    // Other Graph calls have their own quota.
    assert_eq!(
        g.get("/v1.0/security/incidents?$top=1").await.status(),
        StatusCode::OK
    );
    let _ = EmulatorConfig::default();
}
