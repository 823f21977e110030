//! The subject in the incidents view (the rule itself is `app::subject`): with the focus on the
//! incident list, the marked incidents when some are marked, else the line under the cursor —
//! an incident (the whole incident: its own fields and, through the service, its alerts) or
//! one of its alerts.

use crate::app::incidents::state::Sel;
use crate::app::state::State;
use crate::app::subject::quote::quote;
use crate::app::subject::state::{Subject, SubjectKind};

/// Longest name quoted in a subject.
const NAME: usize = 48;

/// What the cursor (or the marks) of the incident list make the subject.
pub(crate) enum Target {
    /// Incidents: the cursor's, or the marked ones.
    Incidents(Subject),
    /// An alert line under an expanded incident.
    Alert(String),
}

/// The incident list's target, `None` when the list is empty.
pub(crate) fn target(state: &State) -> Option<Target> {
    let inc = &state.incidents;
    if !inc.marks.is_empty() {
        let ids = inc.marks_in_order();
        let hidden = inc.hidden_marks();
        let n = ids.len();
        let alerts: usize = ids.iter().map(|id| inc.alert_count(id)).sum();
        let mut name = if n == 1 {
            format!("marked {}", incident_name(state, &ids[0]))
        } else {
            format!("{n} marked incidents ({alerts} alerts)")
        };
        if hidden > 0 && n > 1 {
            name.push_str(&format!(" ({hidden} hidden by the view or filter)"));
        }
        return Some(Target::Incidents(Subject {
            ids,
            kind: SubjectKind::MarkedIncidents,
            name,
            hidden,
        }));
    }
    match inc.selected.as_ref()? {
        Sel::Alert(_, alert) => Some(Target::Alert(alert.clone())),
        Sel::Incident(id) => Some(Target::Incidents(Subject {
            ids: vec![id.clone()],
            kind: SubjectKind::Incident,
            name: incident_name(state, id),
            hidden: 0,
        })),
    }
}

/// `incident 1101 (4 alerts) 'Multi-stage attack'`.
pub(crate) fn incident_name(state: &State, id: &str) -> String {
    let n = state.incidents.alert_count(id);
    let alerts = if n == 1 {
        "1 alert".to_string()
    } else {
        format!("{n} alerts")
    };
    // The count before the name, so a cut title keeps it.
    match state.incidents.rows.get(id) {
        Some(r) => format!("incident {id} ({alerts}) {}", quote(&r.name, NAME)),
        None => format!("incident {id} ({alerts})"),
    }
}
