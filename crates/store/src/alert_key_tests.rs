//! Migration v9 (the alert tables keyed by an integer) and the upsert's paths on the keyed tables.

use super::*;
use mde_model::{Alert, ParsedAlert, SearchText, Timestamp, parse_alert};

fn parsed(id: &str, title: &str, updated: &str) -> ParsedAlert {
    let mut a = Alert::new(id, title);
    a.last_update_time = Some(Timestamp::parse(updated).unwrap());
    a.description = Some(format!("described as {title}"));
    parse_alert(&serde_json::to_string(&a).unwrap()).unwrap()
}

/// A version-8 store whose rowids run against the ids' order, as an old cache's may.
fn old_store(path: &std::path::Path, alerts: &[&ParsedAlert]) {
    let mut c = rusqlite::Connection::open(path).unwrap();
    crate::schema::migrate_until(&mut c, 8).unwrap();
    for p in alerts {
        let a = &p.alert;
        c.execute(
            "INSERT INTO alerts (id, severity, status, title, evidence_count, comment_count, last_update)
             VALUES (?1, 'High', 'New', ?2, 0, 0, 1)",
            rusqlite::params![a.id, a.title],
        )
        .unwrap();
        c.execute(
            "INSERT INTO alert_raw (id, raw, last_update) VALUES (?1, ?2, 1)",
            rusqlite::params![a.id, p.raw],
        )
        .unwrap();
    }
    // The text table filled in another order than the rows, so its rowids match none of theirs.
    for p in alerts.iter().rev() {
        c.execute(
            "INSERT INTO alert_search (id, text) VALUES (?1, ?2)",
            rusqlite::params![p.alert.id, SearchText::of(&p.alert).as_str()],
        )
        .unwrap();
    }
}

#[test]
fn a_version_8_cache_keeps_each_alerts_json_and_text_with_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v8.sqlite3");
    let (zed, alpha, mid) = (
        parsed("zz9", "zed", "2024-01-01T00:00:00Z"),
        parsed("aa1", "alpha", "2024-01-01T00:00:00Z"),
        parsed("mm5", "mid", "2024-01-01T00:00:00Z"),
    );
    assert_eq!(crate::schema::version_after(crate::alert_key::MIGRATION), 9);
    assert_eq!(Store::alerts_to_rekey(&path).unwrap(), 0, "no file yet");
    old_store(&path, &[&zed, &alpha, &mid]);
    assert_eq!(Store::alerts_to_rekey(&path).unwrap(), 3);

    let check = |s: &Store| {
        let rows = s.rows().unwrap();
        assert_eq!(rows.len(), 3);
        for p in [&zed, &alpha, &mid] {
            let row = rows.iter().find(|r| r.id == p.alert.id).unwrap();
            assert_eq!(row.title, p.alert.title);
            assert!(
                row.search
                    .as_str()
                    .contains(&format!("described as {}", p.alert.title)),
                "{}: {:?}",
                p.alert.id,
                row.search.as_str()
            );
            assert_eq!(s.get(&p.alert.id).unwrap().unwrap().raw, p.raw);
        }
        assert_eq!(
            s.first_rows(10).unwrap().len(),
            3,
            "the first-screen index was made again"
        );
    };
    let s = Store::open(&path).unwrap();
    assert_eq!(Store::alerts_to_rekey(&path).unwrap(), 0, "keyed already");
    check(&s);
    // A VACUUM renumbers implicit rowids; the declared key keeps the tables together.
    s.lock().execute_batch("VACUUM").unwrap();
    check(&s);
    drop(s);
    let c = rusqlite::Connection::open(&path).unwrap();
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'alert%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(tables, ["alert_json", "alert_text", "alerts"]);
}

#[test]
fn an_unchanged_row_still_takes_new_json_and_a_stale_copy_takes_nothing() {
    let s = Store::open_in_memory().unwrap();
    let first = parsed("da1", "t", "2024-01-01T00:00:00Z");
    assert_eq!(
        s.upsert_alerts(std::slice::from_ref(&first)).unwrap().len(),
        1
    );
    assert!(
        s.upsert_alerts(std::slice::from_ref(&first))
            .unwrap()
            .is_empty(),
        "the same again"
    );

    // Same row columns and time, JSON different in a part the row does not show.
    let mut a = first.alert.clone();
    a.threat_name = Some("EICAR".into());
    let same_row = parse_alert(&serde_json::to_string(&a).unwrap()).unwrap();
    assert_ne!(same_row.raw, first.raw);
    s.upsert_alerts(std::slice::from_ref(&same_row)).unwrap();
    assert_eq!(s.get("da1").unwrap().unwrap().raw, same_row.raw);

    // Older than the cached copy, with the same row: neither the JSON nor the text moves.
    let mut stale = first.alert.clone();
    stale.last_update_time = Some(Timestamp::parse("2023-01-01T00:00:00Z").unwrap());
    stale.description = Some("stale words".into());
    let stale = parse_alert(&serde_json::to_string(&stale).unwrap()).unwrap();
    assert!(s.upsert_alerts(&[stale]).unwrap().is_empty());
    assert_eq!(s.get("da1").unwrap().unwrap().raw, same_row.raw);
    assert!(!s.rows().unwrap()[0].search.as_str().contains("stale words"));

    // Newer: row, JSON and text all move, and the row is reported changed.
    let newer = parsed("da1", "retitled", "2024-06-01T00:00:00Z");
    assert_eq!(
        s.upsert_alerts(std::slice::from_ref(&newer)).unwrap().len(),
        1
    );
    let row = &s.rows().unwrap()[0];
    assert_eq!(row.title, "retitled");
    assert!(row.search.as_str().contains("described as retitled"));
    assert_eq!(s.get("da1").unwrap().unwrap().raw, newer.raw);
}

#[test]
fn a_version_10_cache_loses_the_index_no_query_reads_and_keeps_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v10.sqlite3");
    let indexes = |c: &rusqlite::Connection| -> Vec<String> {
        c.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'alerts'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    {
        let mut c = rusqlite::Connection::open(&path).unwrap();
        crate::schema::migrate_until(&mut c, 10).unwrap();
        assert!(indexes(&c).contains(&"alerts_last_update".to_string()));
    }
    let s = Store::open(&path).unwrap();
    s.upsert_alerts(&[parsed("da1", "kept", "2024-01-01T00:00:00Z")])
        .unwrap();
    assert_eq!(s.rows().unwrap()[0].title, "kept");
    let conn = s.lock();
    let left = indexes(&conn);
    assert!(
        !left.contains(&"alerts_last_update".to_string()),
        "{left:?}"
    );
    assert!(
        left.contains(&"alerts_first_screen".to_string()),
        "{left:?}"
    );
    // The upsert's one read (an updated row's key) still goes through the id's index.
    let plan: String = conn
        .query_row(
            &format!("EXPLAIN QUERY PLAN {}", crate::cache::KEY_OF),
            ["da1"],
            |r| r.get(3),
        )
        .unwrap();
    assert!(plan.contains("USING INDEX"), "{plan}");
}
