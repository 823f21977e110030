//! Reading rows back: the join brings each row's searchable text; the first screen of a warm
//! start is the open queue's most severe, newest rows.

use super::*;
use mde_model::{
    Alert, EntityType, Evidence, ParsedAlert, Severity, Status, Timestamp, parse_alert,
};

fn alert(id: &str, sev: Severity, status: Status, created: &str) -> ParsedAlert {
    let mut a = Alert::new(id, format!("title of {id}"));
    a.severity = sev;
    a.status = status;
    a.alert_creation_time = Some(Timestamp::parse(created).unwrap());
    let mut f = Evidence::empty(EntityType::File);
    f.file_name = Some(format!("{id}.exe"));
    a.evidence = vec![f];
    parse_alert(&serde_json::to_string(&a).unwrap()).unwrap()
}

fn ids(rows: &[mde_model::AlertRow]) -> Vec<&str> {
    rows.iter().map(|r| r.id.as_str()).collect()
}

#[test]
fn first_rows_are_the_open_queue_most_severe_then_newest() {
    let s = Store::open_in_memory().unwrap();
    s.upsert_alerts(&[
        alert(
            "low-new",
            Severity::Low,
            Status::New,
            "2024-01-05T00:00:00Z",
        ),
        alert(
            "high-old",
            Severity::High,
            Status::InProgress,
            "2024-01-01T00:00:00Z",
        ),
        alert(
            "high-new",
            Severity::High,
            Status::New,
            "2024-01-03T00:00:00Z",
        ),
        alert(
            "high-done",
            Severity::High,
            Status::Resolved,
            "2024-01-09T00:00:00Z",
        ),
        alert("med", Severity::Medium, Status::New, "2024-01-02T00:00:00Z"),
    ])
    .unwrap();
    assert_eq!(
        ids(&s.first_rows(10).unwrap()),
        ["high-new", "high-old", "med", "low-new"]
    );
    assert_eq!(ids(&s.first_rows(2).unwrap()), ["high-new", "high-old"]);
    let all = s.rows().unwrap();
    assert_eq!(all.len(), 5);
    // Every row comes with its searchable text, read in the same query.
    for r in all.iter().chain(&s.first_rows(10).unwrap()) {
        assert!(
            r.search.as_str().contains(&format!("{}.exe", r.id)),
            "{}",
            r.id
        );
    }
    let some = s.rows_for(&["med".into(), "nope".into()]).unwrap();
    assert_eq!(ids(&some), ["med"]);
    assert!(some[0].search.as_str().contains("med.exe"));
}

#[test]
fn the_first_screen_is_read_from_its_index() {
    let s = Store::open_in_memory().unwrap();
    let conn = s.lock();
    let plan: Vec<String> = conn
        .prepare(&format!(
            "EXPLAIN QUERY PLAN {}",
            crate::rows_read::first_rows_sql()
        ))
        .unwrap()
        .query_map([300], |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let plan = plan.join("; ");
    assert!(plan.contains("alerts_first_screen"), "{plan}");
    assert!(
        !plan.contains("TEMP B-TREE"),
        "no sort of every alert: {plan}"
    );
}
