//! The incidents view (issue 11): `I` and the palette switch lists, an incident expands to its
//! alerts and Enter opens one, `i` jumps from an alert to its incident, a whole incident is
//! triaged through the subject rule and the shared dialogs (confirmation naming the incident
//! and its alerts, the resolving comment, tags), and the sync task's answers: confirmed,
//! failed, conflict.

use super::*;
use crate::graph_fixture::{incident_detail, incident_json, incident_row};
use mde_console::app::dialogs::DialogKind;
use mde_console::app::dialogs::confirm::state::Confirmed;
use mde_console::app::incidents::{IncLine, Scope, Sel};
use mde_console::app::keymap::Mode;
use mde_model::graph::{IncidentChange, IncidentStatus, IncidentWrite};

/// Alerts h1 and h2 belong to incident 1101, m1 to 1102; l1 and i1 to none.
fn incident_rows_of_alerts() -> Vec<AlertRow> {
    let mut out = rows();
    for r in &mut out {
        r.incident_id = match r.id.as_str() {
            "h1" | "h2" => Some(1101),
            "m1" => Some(1102),
            _ => None,
        };
    }
    out
}

fn json_1101() -> serde_json::Value {
    incident_json(
        "1101",
        "Multi-stage attack on ws-h1",
        "high",
        "active",
        None,
        ts("2024-05-02T10:00:00Z"),
        &[
            ("h2", "Title h2", "ws-h2", "microsoftDefenderForEndpoint"),
            ("h1", "Title h1", "ws-h1", "microsoftDefenderForEndpoint"),
        ],
    )
}

fn json_1102() -> serde_json::Value {
    incident_json(
        "1102",
        "Phishing mail",
        "medium",
        "inProgress",
        Some(ME),
        ts("2024-05-01T11:00:00Z"),
        &[("m1", "Title m1", "ws-m1", "microsoftDefenderForEndpoint")],
    )
}

fn json_1103() -> serde_json::Value {
    incident_json(
        "1103",
        "Old adware",
        "low",
        "resolved",
        None,
        ts("2024-04-01T11:00:00Z"),
        &[("x9", "Adware", "ws-x9", "microsoftDefenderForEndpoint")],
    )
}

/// The alert list with incident ids, then `I` and the incident rows answered.
fn incidents_shown() -> State {
    let mut s = loaded_with(config(), incident_rows_of_alerts());
    let fx = ch(&mut s, 'I');
    let [Effect::LoadIncidents { req, full: false }] = fx[..] else {
        panic!("{fx:?}")
    };
    let rows = vec![
        incident_row(&json_1101()),
        incident_row(&json_1102()),
        incident_row(&json_1103()),
    ];
    assert!(
        sync(
            &mut s,
            Msg::IncidentsUpdated {
                req,
                rows,
                complete: false
            }
        )
        .is_empty()
    );
    s
}

/// Expands the incident under the cursor and answers its detail.
fn expand(s: &mut State, json: &serde_json::Value) {
    let fx = key(s, KeyCode::Right);
    let [Effect::LoadIncident { req, ref id }] = fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(id, json["id"].as_str().unwrap());
    let rows: Vec<AlertRow> = incident_rows_of_alerts();
    sync(
        s,
        Msg::IncidentLoaded {
            req,
            detail: incident_detail(json, &rows),
        },
    );
}

fn lines(s: &State) -> Vec<String> {
    s.incidents
        .lines
        .iter()
        .map(|l| match l {
            IncLine::Incident(i) => format!("#{i}"),
            IncLine::Alert { alert, .. } => format!("  {alert}"),
            IncLine::Note { text, .. } => format!("  ({text})"),
        })
        .collect()
}

fn incident_writes(fx: &[Effect]) -> Vec<IncidentWrite> {
    fx.iter()
        .map(|e| match e {
            Effect::WriteIncident { write, .. } => write.clone(),
            other => panic!("expected WriteIncident, got {other:?}"),
        })
        .collect()
}

fn confirm_title(s: &State) -> String {
    match s.top_dialog() {
        Some(Dialog::Confirm(c)) => c.title.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn i_toggles_the_lists_and_the_palette_names_them() {
    let mut s = incidents_shown();
    assert!(s.incidents.active);
    assert_eq!(s.mode(), Mode::Incidents);
    // The open incidents, most severe first; the resolved one waits behind the scope.
    assert_eq!(s.incidents.view, ["1101", "1102"]);
    assert_eq!(s.incidents.selected, Some(Sel::Incident("1101".into())));
    assert_eq!(s.incidents.scope, Scope::Open);
    assert!(ch(&mut s, 'I').is_empty());
    assert!(!s.incidents.active);
    assert_eq!(s.mode(), Mode::Normal(Pane::List));
    // `:incidents` fetches again (the cache answers first); `:alerts` goes back.
    ch(&mut s, ':');
    typ(&mut s, "incidents");
    let fx = key(&mut s, KeyCode::Enter);
    assert!(
        matches!(fx[..], [Effect::LoadIncidents { full: false, .. }]),
        "{fx:?}"
    );
    assert!(s.incidents.active);
    ch(&mut s, ':');
    typ(&mut s, "alerts");
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    assert!(!s.incidents.active);
    // 5 shows the resolved incidents, 0 all of them; r fetches again.
    ch(&mut s, 'I');
    ch(&mut s, '5');
    assert_eq!(s.incidents.view, ["1103"]);
    ch(&mut s, '0');
    assert_eq!(s.incidents.view, ["1101", "1102", "1103"]);
    let fx = ch(&mut s, 'r');
    assert!(
        matches!(fx[..], [Effect::LoadIncidents { full: false, .. }]),
        "{fx:?}"
    );
    let fx = ctrl(&mut s, 'r');
    assert!(
        matches!(fx[..], [Effect::LoadIncidents { full: true, .. }]),
        "{fx:?}"
    );
    // Esc goes back to the alert list.
    assert!(key(&mut s, KeyCode::Esc).is_empty());
    assert!(!s.incidents.active);
}

#[test]
fn an_incident_expands_to_its_alerts_and_enter_opens_one() {
    let mut s = incidents_shown();
    let fx = key(&mut s, KeyCode::Right);
    let [Effect::LoadIncident { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(lines(&s), ["#1101", "  (Loading its alerts…)", "#1102"]);
    sync(
        &mut s,
        Msg::IncidentLoaded {
            req,
            detail: incident_detail(&json_1101(), &incident_rows_of_alerts()),
        },
    );
    assert_eq!(lines(&s), ["#1101", "  h2", "  h1", "#1102"]);
    // The alert line is the subject; Enter opens it in the detail pane as usual.
    ch(&mut s, 'j');
    assert_eq!(
        s.incidents.selected,
        Some(Sel::Alert("1101".into(), "h2".into()))
    );
    assert_eq!(targets(&s), ["h2"]);
    let fx = key(&mut s, KeyCode::Enter);
    assert!(
        matches!(&fx[..], [Effect::LoadDetail { alert_id, .. }] if alert_id == "h2"),
        "{fx:?}"
    );
    assert_eq!(s.focus, Pane::Detail);
    // With the detail open, the cursor on the next alert line brings that alert.
    key(&mut s, KeyCode::Esc);
    assert_eq!(s.mode(), Mode::Incidents);
    let fx = ch(&mut s, 'j');
    assert!(
        matches!(&fx[..], [Effect::LoadDetail { alert_id, .. }] if alert_id == "h1"),
        "{fx:?}"
    );
    // ← goes up to the incident, Enter folds it.
    key(&mut s, KeyCode::Left);
    assert_eq!(s.incidents.selected, Some(Sel::Incident("1101".into())));
    key(&mut s, KeyCode::Enter);
    assert_eq!(lines(&s), ["#1101", "#1102"]);
}

#[test]
fn i_jumps_from_an_alert_to_its_incident_expanded() {
    let mut s = loaded_with(config(), incident_rows_of_alerts());
    // The cursor is on h2 (incident 1101). The incidents were never fetched.
    assert_eq!(sel(&s), "h2");
    let fx = ch(&mut s, 'i');
    let (list_req, inc_req) = match fx[..] {
        [
            Effect::LoadIncidents { req: a, .. },
            Effect::LoadIncident { req: b, ref id },
        ] => {
            assert_eq!(id, "1101");
            (a, b)
        }
        _ => panic!("{fx:?}"),
    };
    assert!(s.incidents.active);
    assert_eq!(s.incidents.jump.as_deref(), Some("1101"));
    sync(
        &mut s,
        Msg::IncidentsUpdated {
            req: list_req,
            rows: vec![incident_row(&json_1102()), incident_row(&json_1101())],
            complete: false,
        },
    );
    sync(
        &mut s,
        Msg::IncidentLoaded {
            req: inc_req,
            detail: incident_detail(&json_1101(), &incident_rows_of_alerts()),
        },
    );
    assert_eq!(s.incidents.selected, Some(Sel::Incident("1101".into())));
    assert_eq!(lines(&s), ["#1101", "  h2", "  h1", "#1102"]);
    assert!(s.incidents.jump.is_none());
    // From the open detail of m1, the focus in the detail: its incident, 1102.
    ch(&mut s, 'I');
    ch(&mut s, 'j');
    ch(&mut s, 'j');
    assert_eq!(sel(&s), "m1");
    let fx = key(&mut s, KeyCode::Enter);
    let [Effect::LoadDetail { .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    let fx = ch(&mut s, 'i');
    assert!(
        matches!(&fx[..], [Effect::LoadIncidents { .. }, Effect::LoadIncident { id, .. }] if id == "1102"),
        "{fx:?}"
    );
    assert_eq!(s.incidents.selected, Some(Sel::Incident("1102".into())));
    assert_eq!(s.focus, Pane::List);
    // An alert of no incident says so.
    let mut s = loaded_with(config(), incident_rows_of_alerts());
    ch(&mut s, 'G');
    assert!(ch(&mut s, 'i').is_empty());
    assert!(last_toast(&s).contains("no incident"), "{}", last_toast(&s));
    assert!(!s.incidents.active);
}

#[test]
fn a_jump_to_an_incident_the_scope_hides_shows_all_incidents() {
    let mut s = incidents_shown();
    ch(&mut s, 'I');
    // x9 belongs to the resolved incident 1103; the open scope hides it.
    let mut a = alert("x9", Severity::Low, "2024-04-01T11:00:00Z");
    a.incident_id = Some(1103);
    a.status = Status::Resolved;
    ch(&mut s, '0');
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 1,
            rows: vec![AlertRow::from_alert(&a)],
            complete: false,
        },
    );
    while sel(&s) != "x9" {
        ch(&mut s, 'j');
    }
    let fx = ch(&mut s, 'i');
    assert!(
        matches!(&fx[..], [Effect::LoadIncidents { .. }, Effect::LoadIncident { id, .. }] if id == "1103"),
        "{fx:?}"
    );
    assert_eq!(s.incidents.scope, Scope::All);
    assert_eq!(s.incidents.selected, Some(Sel::Incident("1103".into())));
    assert!(
        last_toast(&s).contains("Showing all incidents"),
        "{}",
        last_toast(&s)
    );
}

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

#[test]
fn the_filter_sort_and_answers_keep_the_cursor_on_its_incident() {
    let mut s = incidents_shown();
    ch(&mut s, 'j');
    assert_eq!(s.incidents.selected, Some(Sel::Incident("1102".into())));
    // The filter applies live, and a field incidents do not have says so.
    ch(&mut s, '/');
    assert_eq!(s.top_dialog().unwrap().kind(), DialogKind::IncidentFilter);
    typ(&mut s, "device:ws-m");
    assert_eq!(s.incidents.view, ["1102"]);
    // Pasted: one edit (typed, each prefix would apply as free text).
    let _ = update(&mut s, AppMsg::Paste(" hash:ab".into()));
    assert!(
        s.incidents
            .filter_error
            .as_deref()
            .unwrap()
            .contains("does not apply to incidents")
    );
    assert_eq!(s.incidents.view, ["1102"]);
    key(&mut s, KeyCode::Esc);
    assert_eq!(s.incidents.filter_text, "");
    assert_eq!(s.incidents.view, ["1101", "1102"]);
    ch(&mut s, '/');
    typ(&mut s, "user:jdoe !assigned:me");
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.incidents.view, ["1101"]);
    key(&mut s, KeyCode::Esc);
    assert_eq!(s.incidents.view, ["1101", "1102"]);
    // Sorting by name puts Phishing after Multi-stage, and again reverses it.
    ch(&mut s, 's');
    assert_eq!(s.top_dialog().unwrap().kind(), DialogKind::IncidentSortMenu);
    ch(&mut s, 'n');
    assert_eq!(s.incidents.view, ["1101", "1102"]);
    ch(&mut s, 's');
    ch(&mut s, 'n');
    assert_eq!(s.incidents.view, ["1102", "1101"]);
    // The filter hid 1102 a moment ago, so the cursor went to 1101; sorting keeps it there.
    assert_eq!(s.incidents.selected, Some(Sel::Incident("1101".into())));
    assert_eq!(s.incidents.cursor, 1);
    // A complete answer drops what the service no longer has; the cursor moves on.
    let req = s.incidents.req.unwrap();
    sync(
        &mut s,
        Msg::IncidentsUpdated {
            req,
            rows: vec![incident_row(&json_1101())],
            complete: true,
        },
    );
    assert_eq!(s.incidents.view, ["1101"]);
    assert_eq!(s.incidents.selected, Some(Sel::Incident("1101".into())));
    // A failed fetch keeps the rows and says why.
    sync(
        &mut s,
        Msg::IncidentsFailed {
            req,
            error: "incidents and hunting need the Graph API".into(),
        },
    );
    assert_eq!(s.incidents.view, ["1101"]);
    assert!(last_toast(&s).contains("Graph API"));
}
