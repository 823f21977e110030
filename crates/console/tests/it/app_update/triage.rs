//! Triage writes: assign, status, classify, bulk confirmation, outcomes, conflicts, read-only,
//! comments and drafts.

use super::*;

#[test]
fn assign_me_writes_at_once_with_a_pending_marker() {
    let mut s = loaded();
    let fx = ch(&mut s, 'a');
    let (_, w) = write_of(&fx);
    assert_eq!(
        w,
        TriageWrite {
            alert_ids: vec!["h2".into()],
            change: TriageChange {
                assigned_to: Some(ME.into()),
                ..Default::default()
            },
            seen_last_update: vec![("h2".into(), Some(ts("2024-05-02T10:00:00Z")))],
        }
    );
    let r = s.visible_rows(0..1).next().unwrap();
    assert_eq!(r.row.assigned_to.as_deref(), Some(ME));
    assert!(r.pending);
}

#[test]
fn assign_to_takes_typed_text_or_a_recent_owner() {
    let mut c = config();
    c.recent_owners = vec!["bob@contoso.com".into()];
    let mut s = loaded_with(c, rows());
    ch(&mut s, 'A');
    typ(&mut s, "carol@contoso.com");
    let (_, w) = write_of(&key(&mut s, KeyCode::Enter));
    assert_eq!(w.change.assigned_to.as_deref(), Some("carol@contoso.com"));
    assert_eq!(s.triage.recent_owners[0], "carol@contoso.com");
    // Nothing typed: the highlighted suggestion (second = bob).
    ch(&mut s, 'j');
    ch(&mut s, 'A');
    key(&mut s, KeyCode::Down);
    let (_, w) = write_of(&key(&mut s, KeyCode::Enter));
    assert_eq!(w.alert_ids, ["h1"]);
    assert_eq!(w.change.assigned_to.as_deref(), Some("bob@contoso.com"));
}

#[test]
fn status_menu_sets_status() {
    let mut s = loaded();
    ch(&mut s, 'S');
    let Some(Dialog::Menu(m)) = s.top_dialog() else {
        panic!()
    };
    let labels: Vec<_> = m.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["New (current)", "In progress", "Resolved"]);
    let (_, w) = write_of(&ch(&mut s, 'r'));
    assert_eq!(w.change.status, Some(Status::Resolved));
    assert_eq!(s.list.rows.get("h2").unwrap().status, Status::Resolved);
}

#[test]
fn classify_offers_only_the_valid_determinations() {
    let mut s = loaded();
    ch(&mut s, 'c');
    let Some(Dialog::Menu(m)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(m.items.len(), 3);
    ch(&mut s, 'f'); // False positive
    let Some(Dialog::Menu(m)) = s.top_dialog() else {
        panic!()
    };
    let offered: Vec<Determination> = m
        .items
        .iter()
        .map(|i| match &i.value {
            MenuValue::Determination(c, d) => {
                assert_eq!(*c, Classification::FalsePositive);
                d.clone()
            }
            v => panic!("{v:?}"),
        })
        .collect();
    assert_eq!(
        offered,
        Classification::FalsePositive.determinations().to_vec()
    );
    assert!(!offered.contains(&Determination::Malware));
    ch(&mut s, 'j');
    let (_, w) = write_of(&key(&mut s, KeyCode::Enter));
    assert_eq!(w.change.classification, Some(Classification::FalsePositive));
    assert_eq!(
        w.change.determination,
        Some(Determination::NoEnoughDataToValidate)
    );
    assert!(s.dialogs.is_empty());
}

#[test]
fn bulk_write_needs_a_confirmation_showing_count_and_change_and_defaults_to_cancel() {
    let mut s = loaded();
    ch(&mut s, ' ');
    ch(&mut s, ' ');
    ch(&mut s, ' '); // h2 h1 m1
    assert!(ch(&mut s, 'S').is_empty());
    assert!(
        ch(&mut s, 'r').is_empty(),
        "no write before the confirmation"
    );
    let Some(Dialog::Confirm(c)) = s.top_dialog() else {
        panic!("{:?}", s.top_dialog())
    };
    assert_eq!(c.count, 3);
    assert_eq!(c.title, "Change 3 marked alerts?");
    assert_eq!(c.alerts.len(), 3);
    assert_eq!(c.lines, ["status → Resolved"]);
    assert!(!c.yes_selected);
    // Enter on the default does nothing.
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    assert!(s.dialogs.is_empty());
    assert_eq!(s.list.rows.get("h2").unwrap().status, Status::New);
    // Again, and move to Apply: ONE write with every id.
    ch(&mut s, 'S');
    ch(&mut s, 'r');
    key(&mut s, KeyCode::Right);
    let (_, w) = write_of(&key(&mut s, KeyCode::Enter));
    assert_eq!(w.alert_ids, ["h2", "h1", "m1"]);
    assert_eq!(w.seen_last_update.len(), 3);
    assert_eq!(w.change.status, Some(Status::Resolved));
    assert!(s.triage.is_pending("h1") && s.triage.is_pending("m1"));
    // `y` in the confirmation applies too.
    ch(&mut s, 'a');
    let (_, w) = write_of(&ch(&mut s, 'y'));
    assert_eq!(w.alert_ids.len(), 3);
}

#[test]
fn write_failed_reverts_the_optimistic_change_and_says_why() {
    let mut s = loaded();
    ch(&mut s, 'S');
    let (req, _) = write_of(&ch(&mut s, 'i'));
    assert_eq!(s.list.rows.get("h2").unwrap().status, Status::InProgress);
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 7 });
    assert!(s.triage.is_pending("h2"));
    sync(
        &mut s,
        Msg::WriteFailed {
            outbox_id: 7,
            alert_ids: vec!["h2".into()],
            reason: "403 Forbidden".into(),
        },
    );
    assert_eq!(s.list.rows.get("h2").unwrap().status, Status::New);
    assert!(!s.triage.is_pending("h2"));
    let t = s.toast().unwrap();
    assert_eq!(t.level, Level::Error);
    assert!(t.text.contains("403 Forbidden") && t.text.contains("reverted"));
}

#[test]
fn write_confirmed_takes_the_service_rows_and_clears_pending() {
    let mut s = loaded();
    let (req, _) = write_of(&ch(&mut s, 'a'));
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 3 });
    // A poll arriving meanwhile with an older server view keeps the optimistic value.
    let mut server = row("h2", Severity::High, "2024-05-02T10:00:00Z");
    server.last_update = Some(ts("2024-05-02T11:00:00Z"));
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 0,
            rows: vec![server.clone()],
            complete: false,
        },
    );
    assert_eq!(
        s.list.rows.get("h2").unwrap().assigned_to.as_deref(),
        Some(ME)
    );
    server.assigned_to = Some(ME.into());
    server.last_update = Some(ts("2024-05-02T12:00:00Z"));
    sync(
        &mut s,
        Msg::WriteConfirmed {
            outbox_id: 3,
            rows: vec![server.clone()],
        },
    );
    assert!(!s.triage.is_pending("h2"));
    assert_eq!(s.list.rows.get("h2").unwrap(), &server);
}

#[test]
fn conflict_asks_and_answers_with_resolve_conflict() {
    let mut s = loaded();
    let (req, _) = write_of(&ch(&mut s, 'a'));
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 5 });
    let mut server = row("h2", Severity::High, "2024-05-02T10:00:00Z");
    server.assigned_to = Some("bob@contoso.com".into());
    server.last_update = Some(ts("2024-05-03T00:00:00Z"));
    sync(
        &mut s,
        Msg::WriteConflict {
            outbox_id: 5,
            alert_id: "h2".into(),
            server: Box::new(server.clone()),
        },
    );
    let Some(Dialog::Conflict(c)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(c.mine.as_ref().unwrap().assigned_to.as_deref(), Some(ME));
    // Esc does not silently decide.
    assert!(key(&mut s, KeyCode::Esc).is_empty());
    assert!(matches!(s.top_dialog(), Some(Dialog::Conflict(_))));
    assert_eq!(
        ch(&mut s, 'd'),
        [Effect::ResolveConflict {
            outbox_id: 5,
            choice: ConflictChoice::Discard
        }]
    );
    assert_eq!(s.list.rows.get("h2").unwrap(), &server);
    assert!(!s.triage.is_pending("h2"));

    // Overwrite keeps the analyst's change showing.
    ch(&mut s, 'j');
    let (req, _) = write_of(&ch(&mut s, 'a'));
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 6 });
    sync(
        &mut s,
        Msg::WriteConflict {
            outbox_id: 6,
            alert_id: "h1".into(),
            server: Box::new(row("h1", Severity::High, "2024-05-01T10:00:00Z")),
        },
    );
    assert_eq!(
        ch(&mut s, 'o'),
        [Effect::ResolveConflict {
            outbox_id: 6,
            choice: ConflictChoice::Overwrite
        }]
    );
    assert_eq!(
        s.list.rows.get("h1").unwrap().assigned_to.as_deref(),
        Some(ME)
    );
}

#[test]
fn read_only_refuses_writes_and_says_why() {
    let mut c = config();
    c.read_only = true;
    c.profile = "prod".into();
    let mut s = loaded_with(c, rows());
    for k in ['a', 'A', 'S', 'c', 'C'] {
        assert!(ch(&mut s, k).is_empty());
        assert!(s.dialogs.is_empty(), "{k} opened a dialog");
    }
    assert!(last_toast(&s).contains("Read-only"));
    assert!(!s.triage.is_pending("h2"));
}

#[test]
fn a_write_failing_before_it_was_queued_is_still_reverted() {
    let mut s = loaded();
    ch(&mut s, 'a');
    sync(
        &mut s,
        Msg::WriteFailed {
            outbox_id: -1,
            alert_ids: vec!["h2".into()],
            reason: "disk full".into(),
        },
    );
    assert_eq!(s.list.rows.get("h2").unwrap().assigned_to, None);
    assert!(!s.triage.is_pending("h2"));
}

#[test]
fn comment_editor_sends_with_ctrl_s_and_keeps_a_draft_on_esc() {
    let mut s = loaded();
    ch(&mut s, 'C');
    typ(&mut s, "first line");
    key(&mut s, KeyCode::Enter);
    typ(&mut s, "second");
    // Esc keeps the draft.
    let fx = key(&mut s, KeyCode::Esc);
    assert_eq!(
        fx,
        [Effect::SaveDraft {
            alert_id: "h2".into(),
            text: "first line\nsecond".into()
        }]
    );
    assert!(s.dialogs.is_empty());
    // Reopening shows it; Ctrl-S sends it and deletes the saved draft.
    ch(&mut s, 'C');
    let Some(Dialog::Editor(ed)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(ed.text(), "first line\nsecond");
    let fx = ctrl(&mut s, 's');
    assert_eq!(fx.len(), 2, "{fx:?}");
    let (_, w) = write_of(&fx[..1]);
    assert_eq!(w.change.comment.as_deref(), Some("first line\nsecond"));
    assert_eq!(
        fx[1],
        Effect::SaveDraft {
            alert_id: "h2".into(),
            text: String::new()
        }
    );
    assert_eq!(s.list.rows.get("h2").unwrap().comment_count, 1);
}

#[test]
fn empty_comment_is_not_sent() {
    let mut s = loaded();
    ch(&mut s, 'C');
    typ(&mut s, "   ");
    assert!(ctrl(&mut s, 's').is_empty());
    assert!(matches!(s.top_dialog(), Some(Dialog::Editor(_))));
}
