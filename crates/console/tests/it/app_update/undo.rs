//! `u`: the last change of this session is taken back — dropped from the outbox while it has not
//! been sent, reversed by a new write once delivered — and the message says which.

use super::*;

fn confirmed(
    s: &mut State,
    outbox_id: i64,
    id: &str,
    f: impl FnOnce(&mut AlertRow),
) -> Vec<Effect> {
    let mut r = s.list.rows.get(id).unwrap().clone();
    f(&mut r);
    r.last_update = Some(ts("2024-06-01T00:00:00Z"));
    sync(
        s,
        Msg::WriteConfirmed {
            outbox_id,
            rows: vec![r],
        },
    )
}

#[test]
fn a_queued_write_is_dropped_and_the_row_put_back() {
    let mut s = loaded();
    let (req, _) = write_of(&ch(&mut s, 'a'));
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 7 });
    assert_eq!(ch(&mut s, 'u'), [Effect::CancelWrite { outbox_id: 7 }]);
    assert!(last_toast(&s).contains("dropping the queued change"));
    sync(
        &mut s,
        Msg::WriteCancelled {
            outbox_id: 7,
            dropped: true,
            reason: String::new(),
        },
    );
    assert_eq!(s.list.rows.get("h2").unwrap().assigned_to, None);
    assert!(!s.triage.is_pending("h2"));
    assert!(
        last_toast(&s).contains("dropped before it was sent"),
        "{}",
        last_toast(&s)
    );
    // Nothing left to undo.
    assert!(ch(&mut s, 'u').is_empty());
    assert!(last_toast(&s).contains("Nothing to undo"));
}

#[test]
fn undo_before_the_outbox_answered_drops_it_when_it_does() {
    let mut s = loaded();
    let (req, _) = write_of(&ch(&mut s, 'a'));
    assert!(ch(&mut s, 'u').is_empty());
    assert_eq!(
        sync(&mut s, Msg::WriteQueued { req, outbox_id: 3 }),
        [Effect::CancelWrite { outbox_id: 3 }]
    );
}

#[test]
fn a_delivered_write_is_reversed_by_a_new_one_that_says_so() {
    let mut s = loaded();
    ch(&mut s, 'S');
    let (req, _) = write_of(&ch(&mut s, 'r'));
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 4 });
    assert!(confirmed(&mut s, 4, "h2", |r| r.status = Status::Resolved).is_empty());
    let (_, w) = write_of(&ch(&mut s, 'u'));
    assert_eq!(w.alert_ids, ["h2"]);
    assert_eq!(w.change.status, Some(Status::New));
    assert_eq!(w.change.assigned_to, None);
    // The conflict check compares against the version our write produced.
    assert_eq!(
        w.seen_last_update,
        [("h2".into(), Some(ts("2024-06-01T00:00:00Z")))]
    );
    assert!(
        last_toast(&s).contains("reversed by a new write"),
        "{}",
        last_toast(&s)
    );
    assert_eq!(s.list.rows.get("h2").unwrap().status, Status::New);
}

#[test]
fn a_write_that_could_not_be_dropped_is_reversed_once_confirmed() {
    let mut s = loaded();
    let (req, _) = write_of(&ch(&mut s, 'a'));
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 9 });
    assert_eq!(ch(&mut s, 'u'), [Effect::CancelWrite { outbox_id: 9 }]);
    sync(
        &mut s,
        Msg::WriteCancelled {
            outbox_id: 9,
            dropped: false,
            reason: "it may already have reached the service".into(),
        },
    );
    assert!(
        last_toast(&s).contains("reversed once the service confirms"),
        "{}",
        last_toast(&s)
    );
    // The row was unassigned before: the API cannot clear an owner, and the message says so.
    let fx = confirmed(&mut s, 9, "h2", |r| r.assigned_to = Some(ME.into()));
    assert!(fx.is_empty(), "{fx:?}");
    assert!(
        last_toast(&s).contains("cannot be taken back"),
        "{}",
        last_toast(&s)
    );
}

#[test]
fn a_reassignment_is_put_back_to_the_earlier_owner() {
    let mut s = loaded();
    ch(&mut s, 'A');
    typ(&mut s, "bob@contoso.com");
    let (req, _) = write_of(&key(&mut s, KeyCode::Enter));
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 1 });
    confirmed(&mut s, 1, "h2", |r| {
        r.assigned_to = Some("bob@contoso.com".into())
    });
    let (req, _) = write_of(&ch(&mut s, 'a'));
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 2 });
    confirmed(&mut s, 2, "h2", |r| r.assigned_to = Some(ME.into()));
    let (_, w) = write_of(&ch(&mut s, 'u'));
    assert_eq!(w.change.assigned_to.as_deref(), Some("bob@contoso.com"));
}

#[test]
fn undo_of_a_change_to_several_alerts_confirms_first() {
    let mut s = loaded();
    ch(&mut s, ' ');
    ch(&mut s, ' ');
    ch(&mut s, 'a');
    let (req, _) = write_of(&ch(&mut s, 'y'));
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 5 });
    assert!(ch(&mut s, 'u').is_empty());
    let Some(Dialog::Confirm(c)) = s.top_dialog() else {
        panic!("{:?}", s.top_dialog())
    };
    assert!(
        c.title.contains("Undo the change to 2 alerts"),
        "{}",
        c.title
    );
    assert_eq!(ch(&mut s, 'y'), [Effect::CancelWrite { outbox_id: 5 }]);
}

#[test]
fn read_only_refuses_undo() {
    let mut c = config();
    c.read_only = true;
    let mut s = loaded_with(c, rows());
    assert!(ch(&mut s, 'u').is_empty());
    assert!(last_toast(&s).contains("Read-only"));
}
