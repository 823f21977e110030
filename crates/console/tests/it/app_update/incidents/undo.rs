//! `u` on the incident list: a queued incident write is dropped from the outbox, a delivered one
//! is reversed by a new write (and says so), a comment is said not to come back, and the alert
//! list's `u` still undoes only alert changes.

use super::*;

/// Incident 1102 (one alert) owned by bob, then `a`: assigned to me, queued as `outbox_id`.
fn assigned(s: &mut State, outbox_id: i64) -> u64 {
    if let Some(r) = s.incidents.rows.get_mut("1102") {
        r.assigned_to = Some("bob@contoso.com".into());
    }
    s.incidents.rebuild(&s.config.identity);
    let fx = ch(s, 'a');
    let [Effect::WriteIncident { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    sync(s, Msg::WriteQueued { req, outbox_id });
    req
}

fn on_1102() -> State {
    let mut s = incidents_shown();
    ch(&mut s, 'j');
    assert_eq!(
        s.incidents.cursor_incident().map(|r| r.id.as_str()),
        Some("1102")
    );
    s
}

#[test]
fn a_queued_incident_write_is_dropped_and_the_row_put_back() {
    let mut s = on_1102();
    assigned(&mut s, 5);
    assert_eq!(s.incidents.rows["1102"].assigned_to.as_deref(), Some(ME));
    let fx = ch(&mut s, 'u');
    assert_eq!(fx, [Effect::CancelWrite { outbox_id: 5 }]);
    assert!(
        last_toast(&s).starts_with("Undo: dropping the queued change to incident 1102"),
        "{}",
        last_toast(&s)
    );
    sync(
        &mut s,
        Msg::WriteCancelled {
            outbox_id: 5,
            dropped: true,
            reason: String::new(),
        },
    );
    assert!(s.incidents.pending.is_empty());
    assert_eq!(
        s.incidents.rows["1102"].assigned_to.as_deref(),
        Some("bob@contoso.com")
    );
    assert!(
        last_toast(&s).contains("dropped before it was sent"),
        "{}",
        last_toast(&s)
    );
    // Nothing left to undo on incidents.
    assert!(ch(&mut s, 'u').is_empty());
    assert!(last_toast(&s).starts_with("No incident change to undo"));
}

#[test]
fn a_delivered_incident_write_is_reversed_by_a_new_write_and_says_so() {
    let mut s = on_1102();
    assigned(&mut s, 6);
    let mut row = s.incidents.rows["1102"].clone();
    row.assigned_to = Some(ME.into());
    sync(
        &mut s,
        Msg::IncidentWriteConfirmed {
            outbox_id: 6,
            row: Box::new(row),
            alerts: vec![],
        },
    );
    let w = incident_writes(&ch(&mut s, 'u'));
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].incident_id, "1102");
    assert_eq!(
        w[0].change,
        IncidentChange {
            assigned_to: Some("bob@contoso.com".into()),
            ..IncidentChange::default()
        }
    );
    assert!(
        last_toast(&s).contains("was delivered, so a new write reverses it"),
        "{}",
        last_toast(&s)
    );
    // Shown at once; the reversal itself is not undone by another `u`.
    assert_eq!(
        s.incidents.rows["1102"].assigned_to.as_deref(),
        Some("bob@contoso.com")
    );
    assert!(ch(&mut s, 'u').is_empty());
}

#[test]
fn a_drop_that_came_too_late_is_reversed_once_confirmed_and_a_comment_is_said_to_stay() {
    let mut s = on_1102();
    assigned(&mut s, 7);
    assert_eq!(ch(&mut s, 'u'), [Effect::CancelWrite { outbox_id: 7 }]);
    sync(
        &mut s,
        Msg::WriteCancelled {
            outbox_id: 7,
            dropped: false,
            reason: "already being sent".into(),
        },
    );
    assert!(last_toast(&s).contains("reversed once the service confirms"));
    let mut row = s.incidents.rows["1102"].clone();
    row.assigned_to = Some(ME.into());
    let fx = sync(
        &mut s,
        Msg::IncidentWriteConfirmed {
            outbox_id: 7,
            row: Box::new(row),
            alerts: vec![],
        },
    );
    let w = incident_writes(&fx);
    assert_eq!(w[0].change.assigned_to.as_deref(), Some("bob@contoso.com"));

    // A status change with a comment: the status comes back, the comment cannot.
    let mut s = on_1102();
    let req = {
        let fx = ch(&mut s, 'C');
        assert!(fx.is_empty());
        typ(&mut s, "checked");
        let fx = ctrl(&mut s, 's');
        let [Effect::WriteIncident { req, .. }] = fx[..] else {
            panic!("{fx:?}")
        };
        req
    };
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 8 });
    let row = s.incidents.rows["1102"].clone();
    sync(
        &mut s,
        Msg::IncidentWriteConfirmed {
            outbox_id: 8,
            row: Box::new(row),
            alerts: vec![],
        },
    );
    assert!(ch(&mut s, 'u').is_empty(), "nothing to write back");
    assert!(
        last_toast(&s).contains("cannot be reversed")
            && last_toast(&s).contains("Graph cannot delete"),
        "{}",
        last_toast(&s)
    );
}

#[test]
fn the_alert_lists_undo_leaves_incident_writes_alone() {
    let mut s = on_1102();
    assigned(&mut s, 9);
    // Back on the alert list, `u` has no alert change to undo: the incident write stays.
    ch(&mut s, 'I');
    assert!(ch(&mut s, 'u').is_empty());
    assert!(
        last_toast(&s).starts_with("Nothing to undo"),
        "{}",
        last_toast(&s)
    );
    assert!(s.incidents.is_pending("1102"));
}
