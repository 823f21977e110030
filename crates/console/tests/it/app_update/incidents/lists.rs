//! Switching lists, expanding an incident and opening its alerts, `i` from an alert to its
//! incident, and the cursor staying on its incident through filter, sort and answers.

use super::*;

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
