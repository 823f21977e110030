//! The alert detail never sits beside an incident list whose cursor is elsewhere: switching
//! lists, or moving off the alert's line, closes it (the subject the hint bar names is the one
//! the screen shows).

use super::*;

#[test]
fn the_alert_detail_closes_when_the_list_or_the_cursor_leaves_its_alert() {
    let mut s = loaded_with(config(), incident_rows_of_alerts());
    key(&mut s, KeyCode::Enter);
    assert!(s.detail.is_some());
    // `I`: the incident list replaces the alert list, and the alert's detail goes with it.
    let fx = ch(&mut s, 'I');
    let Some(req) = fx.iter().find_map(|e| match e {
        Effect::LoadIncidents { req, .. } => Some(*req),
        _ => None,
    }) else {
        panic!("{fx:?}")
    };
    assert!(
        s.detail.is_none(),
        "the alert detail stayed beside the incidents"
    );
    sync(
        &mut s,
        Msg::IncidentsUpdated {
            req,
            rows: vec![incident_row(&json_1101())],
            complete: false,
        },
    );
    let fx = key(&mut s, KeyCode::Right);
    let [Effect::LoadIncident { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    sync(
        &mut s,
        Msg::IncidentLoaded {
            req,
            detail: incident_detail(&json_1101(), &incident_rows_of_alerts()),
        },
    );
    // An alert line opens its detail; the cursor back on the incident closes it.
    ch(&mut s, 'j');
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.detail.as_ref().map(|d| d.alert_id.as_str()), Some("h2"));
    key(&mut s, KeyCode::Esc);
    assert!(
        s.detail.is_some(),
        "Esc first takes the focus back to the list"
    );
    ch(&mut s, 'k');
    assert_eq!(s.incidents.selected, Some(Sel::Incident("1101".into())));
    assert!(
        s.detail.is_none(),
        "an alert detail beside an incident line"
    );
    // Back on the alert, then `I` to the alerts: the detail does not follow across.
    ch(&mut s, 'j');
    key(&mut s, KeyCode::Enter);
    key(&mut s, KeyCode::Esc);
    ch(&mut s, 'I');
    assert!(!s.incidents.active);
    assert!(s.detail.is_none());
}
