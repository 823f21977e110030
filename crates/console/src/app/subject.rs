//! The one rule for what an action acts on — its subject — so keys, the palette and menus all
//! agree, and every dialog can name it.
//!
//! The rule:
//! 1. With the focus in the detail (properties, evidence or comments), the subject is the alert
//!    the detail shows — even with marks (they wait in the list).
//! 2. With the focus on the list, the subject is the marked set when alerts are marked — all of
//!    them, the ones the view or filter hides included; those are counted and named.
//! 3. Otherwise it is the alert the detail shows when one is open, else the alert under the
//!    cursor. The detail follows the cursor when the analyst moves it; a filter, sort or refresh
//!    that moves or hides the cursor row never changes the detail's alert, so it never changes
//!    the subject behind the analyst's back.
//!
//! Triage actions (assign, status, classify, comment, undo) and, next, the device and incident
//! actions take their alerts from [`subject`]. Looking and copying (`y`, `o`, `R`) take
//! [`shown_alert`]: the alert on screen, never a set.

use crate::app::list::widths::short_host;
use crate::app::state::State;
use crate::app::view::state::Pane;

/// Longest title quoted in a subject's name.
const TITLE: usize = 48;

/// Where the subject came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectKind {
    /// The alert the detail pane shows.
    Detail,
    /// The alert under the list cursor (no detail open).
    Cursor,
    /// The marked alerts.
    Marked,
}

/// What an action acts on, captured when its dialog opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The alerts, in list order (hidden marks last).
    pub ids: Vec<String>,
    /// Where they came from.
    pub kind: SubjectKind,
    /// How dialogs name it: `'Mimikatz credential theft' on ws-eng-194`, `5 marked alerts`.
    pub name: String,
    /// How many of the alerts the view or filter hides.
    pub hidden: usize,
}

impl Subject {
    /// More than one alert, or a marked one the list does not show: the change must be
    /// confirmed. (A detail's alert the filter hides is still on screen, in the detail.)
    pub fn needs_confirmation(&self) -> bool {
        self.ids.len() > 1 || (self.kind == SubjectKind::Marked && self.hidden > 0)
    }
}

/// What a triage or response action acts on right now, `None` when nothing is selected.
pub fn subject(state: &State) -> Option<Subject> {
    let detail = state.detail.as_ref().map(|d| d.alert_id.clone());
    if let Some(id) = detail.clone().filter(|_| state.focus != Pane::List) {
        return Some(one(state, id, SubjectKind::Detail));
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
        None => state.list.selected.clone(),
    }
}

/// `'Title' on device`, from the list row (the title cut to a readable length), and a note
/// when the view or filter hides the alert.
pub fn alert_name(state: &State, id: &str) -> String {
    let mut name = match state.list.rows.get(id) {
        Some(r) => {
            let title = quote(&r.title);
            match r.device.as_deref() {
                Some(d) if !d.trim().is_empty() => format!("{title} on {}", short_host(d)),
                _ => title,
            }
        }
        None => format!("alert {id}"),
    };
    if state.list.rows.get(id).is_some() && !state.list.rows.in_view(id) {
        name.push_str(" (hidden by the view or filter)");
    }
    name
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

fn quote(title: &str) -> String {
    let t = title.trim();
    if t.chars().count() <= TITLE {
        return format!("'{t}'");
    }
    let cut: String = t.chars().take(TITLE - 1).collect();
    format!("'{}…'", cut.trim_end())
}
