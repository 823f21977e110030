//! The subject rule itself (see the module above): what an action acts on now, and how it is
//! named.

use super::quote::quote;
use super::state::{Subject, SubjectKind};
use crate::app::incidents::state::Sel;
use crate::app::incidents::subject::{Target, target};
use crate::app::list::widths::short_host;
use crate::app::state::State;
use crate::app::view::state::Pane;

/// Longest title quoted in a subject's name on an 80-column terminal.
const TITLE: usize = 48;

/// Longest title quoted in a subject's name at the terminal's width: `TITLE`, and more where
/// the dialogs have the room (a fixed cap cut a 59-character title at 160 columns, in a
/// dialog twice as wide as it).
fn title_cap(state: &State) -> usize {
    usize::from(state.size.0)
        .saturating_sub(32)
        .clamp(TITLE, 120)
}

/// What a triage or response action acts on right now, `None` when nothing is selected.
pub fn subject(state: &State) -> Option<Subject> {
    let detail = state.detail.as_ref().map(|d| d.alert_id.clone());
    if let Some(id) = detail.clone().filter(|_| state.focus != Pane::List) {
        return Some(one(state, id, SubjectKind::Detail));
    }
    // Issue 11: on the incident list, its marks or its cursor's line.
    if state.incidents.active {
        return match target(state)? {
            Target::Incidents(s) => Some(s),
            // The alert line is on screen: the alert list's view does not hide it.
            Target::Alert(id) => Some(Subject {
                name: alert_label(state, &id),
                ids: vec![id],
                kind: SubjectKind::Cursor,
                hidden: 0,
            }),
        };
    }
    if !state.list.marks.is_empty() {
        let ids = state.list.marks.ids_in_order(&state.list.rows);
        let hidden = state.list.hidden_marks();
        let n = ids.len();
        let mut name = if n == 1 {
            format!("marked {}", alert_name(state, &ids[0]))
        } else {
            format!("{n} marked alerts")
        };
        if hidden > 0 && n > 1 {
            name.push_str(&format!(" ({hidden} hidden by the view or filter)"));
        }
        return Some(Subject {
            ids,
            kind: SubjectKind::Marked,
            name,
            hidden,
        });
    }
    match detail {
        Some(id) => Some(one(state, id, SubjectKind::Detail)),
        None => {
            let id = state.list.selected.clone()?;
            Some(one(state, id, SubjectKind::Cursor))
        }
    }
}

/// The alert on screen for looking and copying: the detail's, else the cursor's.
pub fn shown_alert(state: &State) -> Option<String> {
    match &state.detail {
        Some(d) => Some(d.alert_id.clone()),
        // Issue 11: on the incident list, only an alert line shows an alert.
        None if state.incidents.active => match state.incidents.selected.as_ref()? {
            Sel::Alert(_, id) => Some(id.clone()),
            Sel::Incident(_) => None,
        },
        None => state.list.selected.clone(),
    }
}

/// `'Title' on device`, from the list row (the title cut to a readable length), and a note
/// when the view or filter hides the alert.
pub fn alert_name(state: &State, id: &str) -> String {
    let mut name = alert_label(state, id);
    if state.list.rows.get(id).is_some() && !state.list.rows.in_view(id) {
        name.push_str(" (hidden by the view or filter)");
    }
    name
}

/// `'Title' on device`, from the list row or a loaded incident.
fn alert_label(state: &State, id: &str) -> String {
    match state.list.rows.get(id) {
        Some(r) => {
            let title = quote(&r.title, title_cap(state));
            match r.device.as_deref() {
                Some(d) if !d.trim().is_empty() => format!("{title} on {}", short_host(d)),
                _ => title,
            }
        }
        None => match incident_alert_title(state, id) {
            Some(t) => quote(t, title_cap(state)),
            None => format!("alert {id}"),
        },
    }
}

/// The title of an alert known only from a loaded incident (another product's alert).
fn incident_alert_title<'a>(state: &'a State, id: &str) -> Option<&'a str> {
    state.incidents.details.values().find_map(|d| match d {
        crate::app::incidents::state::IncidentLoad::Loaded(d) => d
            .alerts
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.title.as_str()),
        _ => None,
    })
}

/// The first `n` alerts of a subject named one per line, for confirmations.
pub fn first_names(state: &State, ids: &[String], n: usize) -> Vec<String> {
    ids.iter().take(n).map(|id| alert_name(state, id)).collect()
}

fn one(state: &State, id: String, kind: SubjectKind) -> Subject {
    let hidden = usize::from(!state.list.rows.in_view(&id));
    Subject {
        name: alert_name(state, &id),
        ids: vec![id],
        kind,
        hidden,
    }
}
