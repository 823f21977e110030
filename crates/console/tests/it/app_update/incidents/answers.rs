//! The sync task's answers to incident writes: confirmed, failed, conflict.

use super::*;

#[test]
fn confirmed_failed_and_conflicting_incident_writes() {
    let mut s = incidents_shown();
    ch(&mut s, 'j');
    let fx = ch(&mut s, 'a');
    let [Effect::WriteIncident { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 5 });
    assert_eq!(s.incidents.pending[0].outbox_id, Some(5));
    // Confirmed: the service's row is the truth, and its alerts come back resolved.
    let mut row = incident_row(&json_1102());
    row.status = IncidentStatus::Resolved;
    row.assigned_to = Some(ME.into());
    let mut m1 = s.list.rows.get("m1").unwrap().clone();
    m1.status = Status::Resolved;
    sync(
        &mut s,
        Msg::IncidentWriteConfirmed {
            outbox_id: 5,
            row: Box::new(row),
            alerts: vec![m1],
        },
    );
    assert!(s.incidents.pending.is_empty());
    assert_eq!(s.incidents.rows["1102"].status, IncidentStatus::Resolved);
    assert_eq!(s.list.rows.get("m1").unwrap().status, Status::Resolved);
    assert!(
        last_toast(&s).starts_with("Saved incident 1102"),
        "{}",
        last_toast(&s)
    );
    // Failed: reverted, and said.
    let before = s.incidents.rows["1101"].assigned_to.clone();
    ch(&mut s, 'g');
    ch(&mut s, 'T');
    typ(&mut s, "x");
    key(&mut s, KeyCode::Enter);
    let fx = ch(&mut s, 'y');
    let [Effect::WriteIncident { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(s.incidents.rows["1101"].tags, ["x"]);
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 6 });
    sync(
        &mut s,
        Msg::IncidentWriteFailed {
            outbox_id: 6,
            incident_id: "1101".into(),
            reason: "403 missing SecurityIncident.ReadWrite.All".into(),
        },
    );
    assert!(s.incidents.rows["1101"].tags.is_empty());
    assert_eq!(s.incidents.rows["1101"].assigned_to, before);
    assert!(
        last_toast(&s).contains("SecurityIncident.ReadWrite.All"),
        "{}",
        last_toast(&s)
    );
    // Conflict: the prompt names the incident; Esc does not close it; Enter keeps the server's.
    ch(&mut s, 'a');
    let fx = ch(&mut s, 'y');
    let [Effect::WriteIncident { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 7 });
    let mut server = incident_row(&json_1101());
    server.assigned_to = Some("carol@contoso.com".into());
    server.last_update = Some(ts("2024-05-03T00:00:00Z"));
    sync(
        &mut s,
        Msg::IncidentWriteConflict {
            outbox_id: 7,
            server: Box::new(server),
        },
    );
    assert_eq!(s.top_dialog().unwrap().kind(), DialogKind::IncidentConflict);
    assert!(key(&mut s, KeyCode::Esc).is_empty());
    assert_eq!(s.top_dialog().unwrap().kind(), DialogKind::IncidentConflict);
    let fx = key(&mut s, KeyCode::Enter);
    assert_eq!(
        fx,
        [Effect::ResolveConflict {
            outbox_id: 7,
            choice: ConflictChoice::Discard
        }]
    );
    assert_eq!(
        s.incidents.rows["1101"].assigned_to.as_deref(),
        Some("carol@contoso.com")
    );
    assert!(!s.incidents.is_pending("1101"));
    // `o` overwrites.
    ch(&mut s, 'a');
    let fx = ch(&mut s, 'y');
    let [Effect::WriteIncident { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 8 });
    let server = incident_row(&json_1101());
    sync(
        &mut s,
        Msg::IncidentWriteConflict {
            outbox_id: 8,
            server: Box::new(server),
        },
    );
    let fx = ch(&mut s, 'o');
    assert_eq!(
        fx,
        [Effect::ResolveConflict {
            outbox_id: 8,
            choice: ConflictChoice::Overwrite
        }]
    );
}
