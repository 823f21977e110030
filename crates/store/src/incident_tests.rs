//! The incident cache, the hunt cache, incident writes in the outbox, and the migration that
//! adds them to a store written by an older build.

use super::*;
use crate::ticks::now_ms;
use mde_model::graph::page::parse_item;
use mde_model::graph::{
    Cell, Column, ColumnType, HuntingResult, IncidentChange, IncidentStatus, IncidentWrite,
    OutboxWrite, ServiceSource,
};
use mde_model::protocol::{TriageChange, TriageWrite};
use mde_model::{Alert, Status, Timestamp, parse_alert};

fn incident(
    id: &str,
    updated: &str,
    alerts: Option<&[&str]>,
) -> mde_model::graph::page::Parsed<mde_model::graph::Incident> {
    let alerts = alerts.map(|ids| {
        ids.iter()
            .map(|a| serde_json::json!({"id": a, "serviceSource": "microsoftDefenderForEndpoint", "evidence": [
                {"@odata.type": "#microsoft.graph.security.deviceEvidence", "deviceDnsName": format!("ws-{a}")}]}))
            .collect::<Vec<_>>()
    });
    let mut v = serde_json::json!({"id": id, "displayName": format!("incident {id}"), "status": "active",
        "severity": "high", "lastUpdateDateTime": updated, "customTags": ["t"]});
    if let Some(a) = alerts {
        v["alerts"] = serde_json::Value::Array(a);
    }
    parse_item(&v.to_string()).unwrap()
}

#[test]
fn incidents_keep_their_rows_links_and_the_newer_copy() {
    let s = Store::open_in_memory().unwrap();
    let changed = s
        .upsert_incidents(&[
            incident("7", "2024-01-01T10:00:00Z", Some(&["da1", "da2"])),
            incident("8", "2024-01-01T09:00:00Z", Some(&["da3"])),
        ])
        .unwrap();
    assert_eq!(changed.len(), 2);
    assert_eq!(changed[0].alert_count, 2);
    assert_eq!(changed[0].devices, ["ws-da1", "ws-da2"]);
    assert_eq!(s.incident_alert_ids("7").unwrap(), ["da1", "da2"]);
    assert_eq!(s.incident_of_alert("da3").unwrap().as_deref(), Some("8"));
    // The same copy is no change; an older one is kept out.
    assert!(
        s.upsert_incidents(&[incident("7", "2024-01-01T10:00:00Z", Some(&["da1", "da2"]))])
            .unwrap()
            .is_empty()
    );
    assert!(
        s.upsert_incidents(&[incident("7", "2024-01-01T08:00:00Z", None)])
            .unwrap()
            .is_empty()
    );
    // A copy without its alerts keeps the counts it cannot know.
    let mut newer = incident("7", "2024-01-02T00:00:00Z", None);
    newer.item.status = IncidentStatus::Resolved;
    newer.raw = serde_json::to_string(&newer.item).unwrap();
    let rows = s.upsert_incidents(&[newer]).unwrap();
    assert_eq!(
        (rows[0].status.clone(), rows[0].alert_count),
        (IncidentStatus::Resolved, 2)
    );
    assert_eq!(s.incident_alert_ids("7").unwrap().len(), 2);
    assert_eq!(
        s.incident("7").unwrap().unwrap().item.status,
        IncidentStatus::Resolved
    );
    assert_eq!(s.incident_row("8").unwrap().unwrap().name, "incident 8");
    assert_eq!(s.incident_rows().unwrap().len(), 2);
    assert!(s.incident("nope").unwrap().is_none());
    let t = Timestamp::parse("2024-01-02T00:00:00Z").unwrap();
    s.advance_incident_watermark(t).unwrap();
    s.advance_incident_watermark(Timestamp::parse("2023-01-01T00:00:00Z").unwrap())
        .unwrap();
    assert_eq!(s.incident_watermark().unwrap(), Some(t));
}

#[test]
fn hunts_are_kept_by_query_and_purged_by_age() {
    let s = Store::open_in_memory().unwrap();
    let r = HuntingResult {
        schema: vec![Column {
            name: "ProcessId".into(),
            kind: ColumnType::Long,
        }],
        rows: vec![vec![Cell::Long(4520)], vec![Cell::Null]],
    };
    let at = Timestamp::now();
    s.save_hunt("q1", &r, at).unwrap();
    let (back, when) = s.load_hunt("q1").unwrap().unwrap();
    assert_eq!((back, when.to_wire()), (r, at.to_wire()));
    assert!(s.load_hunt("q2").unwrap().is_none());
    assert_eq!(s.purge_hunts(60_000).unwrap(), 0);
    assert_eq!(s.purge_hunts(-1).unwrap(), 1);
}

#[test]
fn incident_writes_share_the_outbox_with_alert_writes() {
    let s = Store::open_in_memory().unwrap();
    let a = s
        .enqueue(
            &TriageWrite {
                alert_ids: vec!["da1".into()],
                change: TriageChange {
                    status: Some(Status::Resolved),
                    ..Default::default()
                },
                seen_last_update: vec![],
            },
            None,
        )
        .unwrap();
    let w = IncidentWrite {
        incident_id: "7".into(),
        change: IncidentChange {
            status: Some(IncidentStatus::Resolved),
            comment: Some("done".into()),
            ..Default::default()
        },
        seen_last_update: None,
    };
    let i = s.enqueue_incident(&w, Some("me@x")).unwrap();
    let due = s.outbox_due(now_ms()).unwrap();
    assert_eq!(
        due.iter().map(|e| e.id).collect::<Vec<_>>(),
        [a, i],
        "one queue, in order"
    );
    assert_eq!(due[1].write, OutboxWrite::Incident(w));
    s.outbox_mark_sending(i, None).unwrap();
    s.outbox_mark_done(i).unwrap();
    let log = s.audit_log().unwrap();
    assert!(
        log.iter()
            .any(|e| e.action == "done" && e.alert_ids == ["7"]),
        "{log:?}"
    );
}

#[test]
fn a_store_from_the_previous_schema_migrates_and_keeps_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite3");
    // A version-5 store (before v6, the incidents, v7, the audit links, v8, the first-screen
    // index, and v9, the keyed alert tables) holding an alert and an outbox row the old way.
    {
        let mut c = rusqlite::Connection::open(&path).unwrap();
        crate::schema::migrate_until(&mut c, 5).unwrap();
        c.execute_batch(
            "INSERT INTO alerts (id, severity, status, title, evidence_count, comment_count)
                 VALUES ('da1', 'High', 'New', 't', 0, 0);
             INSERT INTO alert_raw (id, raw) VALUES ('da1', '{\"id\":\"da1\",\"title\":\"t\"}');",
        )
        .unwrap();
        c.execute(
            "INSERT INTO outbox (write, state, attempts, next_attempt_ms, queued_at, updated_ms)
             VALUES (?1, 'pending', 0, 0, '2024-01-01T00:00:00Z', 0)",
            [r#"{"alert_ids":["da1"],"change":{"status":"Resolved","assigned_to":null,"classification":null,"determination":null,"comment":"legacy"},"seen_last_update":[["da1",null]]}"#],
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION, "v6 to the last ran");
    let rows = s.rows().unwrap();
    assert_eq!((rows.len(), rows[0].source.clone()), (1, None));
    let e = &s.outbox_list(&[]).unwrap()[0];
    let OutboxWrite::Alerts(w) = &e.write else {
        panic!("{:?}", e.write)
    };
    assert_eq!(w.change.comment.as_deref(), Some("legacy"));
    // Graph-backed alerts keep their product in the cache.
    let mut g = Alert::new("fa1", "mail");
    g.service_source = Some(ServiceSource::MicrosoftDefenderForOffice365);
    let p = parse_alert(&serde_json::to_string(&g).unwrap()).unwrap();
    s.upsert_alerts(&[p]).unwrap();
    let again = Store::open(&path).unwrap();
    let r = again.rows_for(&["fa1".into()]).unwrap();
    assert_eq!(
        r[0].source,
        Some(ServiceSource::MicrosoftDefenderForOffice365)
    );
    assert_eq!(again.incident_rows().unwrap(), vec![]);
}
