//! What an action acts on, as dialogs capture it: the alerts, where they came from, their name.

/// Where the subject came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectKind {
    /// The alert the detail pane shows.
    Detail,
    /// The alert under the list cursor (no detail open).
    Cursor,
    /// The marked alerts.
    Marked,
    // Issue 11 (incidents): `ids` are incident ids.
    /// The incident under the incident list's cursor.
    Incident,
    /// The marked incidents.
    MarkedIncidents,
}

/// What an action acts on, captured when its dialog opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The alerts, in list order (hidden marks last); for an incident subject, the incidents.
    pub ids: Vec<String>,
    /// Where they came from.
    pub kind: SubjectKind,
    /// How dialogs name it: `'Mimikatz credential theft' on ws-eng-194`, `5 marked alerts`.
    pub name: String,
    /// How many of the alerts the view or filter hides.
    pub hidden: usize,
}

impl Subject {
    /// True when the subject is incidents (`ids` are incident ids), not alerts.
    pub fn is_incident(&self) -> bool {
        matches!(
            self.kind,
            SubjectKind::Incident | SubjectKind::MarkedIncidents
        )
    }

    /// More than one alert, or a marked one the list does not show: the change must be
    /// confirmed. (A detail's alert the filter hides is still on screen, in the detail.)
    pub fn needs_confirmation(&self) -> bool {
        self.ids.len() > 1 || (self.kind == SubjectKind::Marked && self.hidden > 0)
    }
}
