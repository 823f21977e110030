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

mod answers;
mod detail_follows;
mod lists;
mod triage;
mod undo;
