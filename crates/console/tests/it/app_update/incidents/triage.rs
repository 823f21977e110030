//! Triage of whole incidents through the subject rule and the shared dialogs: the
//! confirmation naming the incident and its alerts, the incident statuses, the resolving
//! comment, tags, marked incidents, read-only.

use super::*;

#[test]
fn triage_of_an_incident_of_several_alerts_confirms_naming_it_and_its_alerts() {
    let mut s = incidents_shown();
    expand(&mut s, &json_1101());
    // The subject is the incident under the cursor, named with its alert count.
    let subj = mde_console::app::subject::subject(&s).unwrap();
    assert!(subj.is_incident());
    assert_eq!(
        subj.name,
        "incident 1101 (2 alerts) 'Multi-stage attack on ws-h1'"
    );
    assert!(ch(&mut s, 'a').is_empty());
    assert_eq!(
        confirm_title(&s),
        "Change incident 1101 (2 alerts) 'Multi-stage attack on ws-h1'?"
    );
    let Some(Dialog::Confirm(c)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(c.count, 2);
    assert_eq!(c.alerts, ["'Title h2' on ws-h2", "'Title h1' on ws-h1"]);
    assert_eq!(c.lines, [format!("assigned to → {ME}")]);
    assert!(matches!(c.action, Confirmed::Incidents(..)));
    let fx = ch(&mut s, 'y');
    let w = incident_writes(&fx);
    assert_eq!(
        w,
        [IncidentWrite {
            incident_id: "1101".into(),
            change: IncidentChange {
                assigned_to: Some(ME.into()),
                ..IncidentChange::default()
            },
            seen_last_update: Some(ts("2024-05-02T10:00:00Z")),
        }]
    );
    // Shown at once, pending; counted with the writes waiting.
    assert_eq!(s.incidents.rows["1101"].assigned_to.as_deref(), Some(ME));
    assert!(s.incidents.is_pending("1101"));
    assert_eq!(s.writes_pending(), 1);
    // Classify: the same menus, titled with the incident, then the same confirmation.
    ch(&mut s, 'c');
    let Some(Dialog::Menu(m)) = s.top_dialog() else {
        panic!()
    };
    assert!(m.title.starts_with("Classify incident 1101"), "{}", m.title);
    ch(&mut s, 't');
    ch(&mut s, 'm');
    assert!(confirm_title(&s).starts_with("Change incident 1101"));
    let w = incident_writes(&ch(&mut s, 'y'));
    assert_eq!(
        w[0].change.classification,
        Some(Classification::TruePositive)
    );
    assert!(w[0].change.determination.is_some());
    // Cancelling sends nothing.
    ch(&mut s, 'A');
    typ(&mut s, "bob@contoso.com");
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    assert!(key(&mut s, KeyCode::Esc).is_empty());
    assert_eq!(s.incidents.rows["1101"].assigned_to.as_deref(), Some(ME));
}

#[test]
fn an_incident_of_one_alert_is_written_at_once_and_statuses_are_the_incident_ones() {
    let mut s = incidents_shown();
    ch(&mut s, 'j');
    assert_eq!(s.incidents.selected, Some(Sel::Incident("1102".into())));
    assert!(ch(&mut s, 'S').is_empty());
    let Some(Dialog::Menu(m)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(
        s.top_dialog().unwrap().kind(),
        DialogKind::IncidentStatusMenu
    );
    assert!(
        m.title
            .starts_with("Status of incident 1102 (1 alert) 'Phishing mail'"),
        "{}",
        m.title
    );
    let labels: Vec<&str> = m.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Active",
            "In progress (current)",
            "Resolved (asks for a resolving comment)"
        ]
    );
    let w = incident_writes(&ch(&mut s, 'a'));
    assert_eq!(w[0].incident_id, "1102");
    assert_eq!(w[0].change.status, Some(IncidentStatus::Active));
    // The palette's `:status` maps the alert words onto the incident's.
    ch(&mut s, ':');
    typ(&mut s, "status inprogress");
    let w = incident_writes(&key(&mut s, KeyCode::Enter));
    assert_eq!(w[0].change.status, Some(IncidentStatus::InProgress));
}

#[test]
fn resolving_asks_for_the_resolving_comment_and_sends_it_with_the_status() {
    let mut s = incidents_shown();
    ch(&mut s, 'j');
    ch(&mut s, 'S');
    assert!(ch(&mut s, 'r').is_empty());
    assert_eq!(s.top_dialog().unwrap().kind(), DialogKind::ResolvingComment);
    typ(&mut s, "Contained; mailbox cleaned");
    let fx = ctrl(&mut s, 's');
    let w = incident_writes(&fx);
    assert_eq!(w[0].change.status, Some(IncidentStatus::Resolved));
    assert_eq!(
        w[0].change.resolving_comment.as_deref(),
        Some("Contained; mailbox cleaned")
    );
    assert!(s.top_dialog().is_none());
    // Resolved leaves the open scope: the cursor stays in the list.
    assert_eq!(s.incidents.view, ["1101"]);
    // An empty resolving comment resolves without one; two alerts confirm first.
    ch(&mut s, 'S');
    ch(&mut s, 'r');
    assert!(ctrl(&mut s, 's').is_empty());
    assert!(confirm_title(&s).starts_with("Change incident 1101"));
    let w = incident_writes(&ch(&mut s, 'y'));
    assert_eq!(w[0].change.status, Some(IncidentStatus::Resolved));
    assert_eq!(w[0].change.resolving_comment, None);
}

#[test]
fn tags_and_comments_go_to_the_incident_and_its_draft_is_its_own() {
    let mut s = incidents_shown();
    ch(&mut s, 'j');
    assert!(ch(&mut s, 'T').is_empty());
    assert_eq!(s.top_dialog().unwrap().kind(), DialogKind::Tags);
    typ(&mut s, "Contained, phishing,contained, ");
    let w = incident_writes(&key(&mut s, KeyCode::Enter));
    assert_eq!(
        w[0].change.custom_tags.as_deref(),
        Some(&["Contained".to_string(), "phishing".to_string()][..])
    );
    assert_eq!(s.incidents.rows["1102"].tags, ["Contained", "phishing"]);
    // The same tags again change nothing.
    ch(&mut s, 'T');
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    assert!(last_toast(&s).contains("unchanged"));
    // The comment editor names the incident; Esc keeps the draft under the incident's key.
    ch(&mut s, 'C');
    let Some(Dialog::Editor(e)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(e.alert_ids, ["incident:1102"]);
    typ(&mut s, "Called the user");
    let fx = key(&mut s, KeyCode::Esc);
    assert_eq!(
        fx,
        [Effect::SaveDraft {
            alert_id: "incident:1102".into(),
            text: "Called the user".into()
        }]
    );
    ch(&mut s, 'C');
    let fx = ctrl(&mut s, 's');
    assert_eq!(
        incident_writes(&fx[..1])[0].change.comment.as_deref(),
        Some("Called the user")
    );
    assert!(
        matches!(&fx[1..], [Effect::SaveDraft { alert_id, text }] if alert_id == "incident:1102" && text.is_empty()),
        "{fx:?}"
    );
    // On an alert, T says where tags live.
    ch(&mut s, 'I');
    assert!(ch(&mut s, 'T').is_empty());
    assert!(
        last_toast(&s).contains("Tags are set on incidents"),
        "{}",
        last_toast(&s)
    );
}

#[test]
fn marked_incidents_are_the_subject_and_each_gets_its_write() {
    let mut s = incidents_shown();
    ch(&mut s, ' ');
    ch(&mut s, ' ');
    let subj = mde_console::app::subject::subject(&s).unwrap();
    assert_eq!(subj.ids, ["1101", "1102"]);
    assert_eq!(subj.name, "2 marked incidents (3 alerts)");
    ch(&mut s, 'a');
    let Some(Dialog::Confirm(c)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(c.title, "Change 2 marked incidents (3 alerts)?");
    assert_eq!(c.count, 3);
    assert_eq!(c.alerts.len(), 2);
    assert!(c.alerts[0].starts_with("incident 1101"), "{:?}", c.alerts);
    let w = incident_writes(&ch(&mut s, 'y'));
    let ids: Vec<&str> = w.iter().map(|w| w.incident_id.as_str()).collect();
    assert_eq!(ids, ["1101", "1102"]);
    ch(&mut s, '-');
    assert!(s.incidents.marks.is_empty());
}

#[test]
fn read_only_refuses_incident_writes() {
    let mut c = config();
    c.read_only = true;
    let mut s = loaded_with(c, incident_rows_of_alerts());
    let fx = ch(&mut s, 'I');
    let [Effect::LoadIncidents { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    sync(
        &mut s,
        Msg::IncidentsUpdated {
            req,
            rows: vec![incident_row(&json_1101())],
            complete: false,
        },
    );
    for c in ['a', 'T', 'S', 'c', 'C'] {
        assert!(ch(&mut s, c).is_empty(), "{c}");
        assert!(s.top_dialog().is_none(), "{c} opened a dialog");
        assert!(
            last_toast(&s).contains("Read-only"),
            "{c}: {}",
            last_toast(&s)
        );
    }
}
