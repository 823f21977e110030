//! What the incidents view owns: the incident rows (with optimistic changes on top), the
//! filtered and sorted view flattened into lines (an expanded incident's alerts under it), the
//! cursor (by id), marks, the loaded incident details, the writes waiting for the service.

use super::pending::{IncidentDone, IncidentPending};
use super::sort::IncidentSort;
use mde_model::graph::{IncidentDetail, IncidentRow};
use mde_model::protocol::RequestId;
use mde_query::Query;
use std::collections::{HashMap, HashSet};

/// Which incidents the view holds before the filter (the quick-view keys pick one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// Active, in progress or awaiting action: the queue (the default).
    #[default]
    Open,
    /// Open and assigned to the analyst.
    Mine,
    /// Open and owned by nobody.
    Unassigned,
    /// Active and of high severity.
    NewHigh,
    /// Resolved (and redirected: merged into another).
    Resolved,
    /// Every incident held.
    All,
}

impl Scope {
    /// The title the pane and the status bar show.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Open => "Open incidents",
            Scope::Mine => "My incidents",
            Scope::Unassigned => "Unassigned incidents",
            Scope::NewHigh => "New high incidents",
            Scope::Resolved => "Resolved incidents",
            Scope::All => "All incidents",
        }
    }
}

/// One line of the flattened view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IncLine {
    /// An incident.
    Incident(String),
    /// One of an expanded incident's alerts.
    Alert {
        /// The incident.
        incident: String,
        /// The alert.
        alert: String,
    },
    /// Under an expanded incident: loading, failed, or no alerts.
    Note {
        /// The incident.
        incident: String,
        /// What to say.
        text: String,
    },
}

impl IncLine {
    /// The incident the line belongs to.
    pub fn incident(&self) -> &str {
        match self {
            IncLine::Incident(i)
            | IncLine::Alert { incident: i, .. }
            | IncLine::Note { incident: i, .. } => i,
        }
    }

    /// What the cursor on this line selects.
    pub fn sel(&self) -> Sel {
        match self {
            IncLine::Incident(i) | IncLine::Note { incident: i, .. } => Sel::Incident(i.clone()),
            IncLine::Alert { incident, alert } => Sel::Alert(incident.clone(), alert.clone()),
        }
    }
}

/// What the cursor is on, by id (a refresh never moves it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sel {
    /// An incident.
    Incident(String),
    /// An alert (under its incident).
    Alert(String, String),
}

/// An incident's detail: asked for, arrived, or failed.
#[derive(Debug, Clone, PartialEq)]
pub enum IncidentLoad {
    /// Waiting for this request.
    Loading(RequestId),
    /// Arrived (from the cache, then from the service).
    Loaded(Box<IncidentDetail>),
    /// Could not be loaded.
    Failed(String),
}

/// Everything the incidents view owns.
#[derive(Debug, Clone, Default)]
pub struct IncidentsState {
    /// The incidents view is shown instead of the alert list.
    pub active: bool,
    /// The incident list was asked for at least once.
    pub requested: bool,
    /// Some rows arrived (from the cache or the service).
    pub loaded: bool,
    /// The newest `LoadIncidents` request.
    pub req: Option<RequestId>,
    /// The newest complete answer applied (older complete answers are stale).
    pub complete_applied: RequestId,
    /// Why the last fetch failed, until one works.
    pub error: Option<String>,
    /// The incidents by id, as shown (pending changes applied).
    pub rows: HashMap<String, IncidentRow>,
    /// The incidents in the scope and the filter, sorted.
    pub view: Vec<String>,
    /// The view flattened: each expanded incident followed by its alerts.
    pub lines: Vec<IncLine>,
    /// The cursor's line.
    pub cursor: usize,
    /// What the cursor is on.
    pub selected: Option<Sel>,
    /// First line the pane showed last (a scroll hint).
    pub offset: usize,
    /// Expanded incidents.
    pub expanded: HashSet<String>,
    /// Loaded (or loading) incident details.
    pub details: HashMap<String, IncidentLoad>,
    /// Marked incidents.
    pub marks: HashSet<String>,
    /// Sort order.
    pub sort: IncidentSort,
    /// The quick view in force.
    pub scope: Scope,
    /// Filter text as typed.
    pub filter_text: String,
    /// The filter in force (the last text that was valid for incidents).
    pub filter: Query,
    /// Why the filter text does not apply, if it does not.
    pub filter_error: Option<String>,
    /// Incident writes waiting for the service.
    pub pending: Vec<IncidentPending>,
    /// The incident writes of this session, newest last (for undo).
    pub history: Vec<IncidentDone>,
    /// An incident `i` jumped to that has not arrived yet.
    pub jump: Option<String>,
}

impl IncidentsState {
    /// The incident on the cursor's line (the line's own incident for an alert line).
    pub fn cursor_incident(&self) -> Option<&IncidentRow> {
        let id = match self.selected.as_ref()? {
            Sel::Incident(i) | Sel::Alert(i, _) => i,
        };
        self.rows.get(id)
    }

    /// The loaded detail of an incident.
    pub fn detail(&self, id: &str) -> Option<&IncidentDetail> {
        match self.details.get(id)? {
            IncidentLoad::Loaded(d) => Some(d),
            _ => None,
        }
    }

    /// True when a write on this incident waits for the service.
    pub fn is_pending(&self, id: &str) -> bool {
        self.pending.iter().any(|p| p.incident_id == id)
    }

    /// Marked incidents in view order, hidden ones after (sorted by id).
    pub fn marks_in_order(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .view
            .iter()
            .filter(|id| self.marks.contains(*id))
            .cloned()
            .collect();
        let mut hidden: Vec<String> = self
            .marks
            .iter()
            .filter(|id| !self.view.contains(id))
            .cloned()
            .collect();
        hidden.sort();
        ids.extend(hidden);
        ids
    }

    /// How many marked incidents the scope or filter hides.
    pub fn hidden_marks(&self) -> usize {
        self.marks
            .iter()
            .filter(|id| !self.view.contains(id))
            .count()
    }

    /// The number of alerts of an incident as best known (its loaded detail, else its row).
    pub fn alert_count(&self, id: &str) -> usize {
        match (self.detail(id), self.rows.get(id)) {
            (Some(d), _) if !d.alerts.is_empty() => d.alerts.len(),
            (_, Some(r)) => usize::try_from(r.alert_count).unwrap_or(usize::MAX),
            _ => 0,
        }
    }
}
