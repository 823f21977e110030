//! Normal-mode actions on the incident list (the incidents view shown, the list focused): the
//! cursor over incidents and their alerts, expanding, opening an alert, marks, the scope, sort
//! and filter, refresh, and Esc back to the alert list. Everything else goes on to the usual
//! handlers (triage acts on the subject, which the incident list decides).

use super::jump;
use super::menus;
use super::state::{IncLine, Scope, Sel};
use crate::app::chrome::toasts::Level;
use crate::app::detail::actions as detail;
use crate::app::effects::Effects;
use crate::app::keymap::action::{Action, QuickView};
use crate::app::state::State;
use crate::app::view::state::Pane;

/// Runs `action` when the incident list claims it; `None` hands it on. An alert detail left
/// open closes when the cursor is no longer on that alert's line.
pub(crate) fn on_action(state: &mut State, action: Action) -> Option<Effects> {
    if !state.incidents.active || state.focus != Pane::List {
        return None;
    }
    let mut effects = claim(state, action)?;
    let shown = state.detail.as_ref().map(|d| d.alert_id.clone());
    let on_it = |a: &String| matches!(&state.incidents.selected, Some(Sel::Alert(_, s)) if s == a);
    if shown.as_ref().is_some_and(|a| !on_it(a)) {
        effects.extend(jump::close_alert(state));
    }
    Some(effects)
}

fn claim(state: &mut State, action: Action) -> Option<Effects> {
    use Action as A;
    let page = state.page_size();
    let half = (page / 2).max(1) as isize;
    let delta = match action {
        A::Up => Some(-1),
        A::Down => Some(1),
        A::PageUp => Some(-(page as isize)),
        A::PageDown => Some(page as isize),
        A::HalfPageUp => Some(-half),
        A::HalfPageDown => Some(half),
        A::Top => Some(isize::MIN),
        A::Bottom => Some(isize::MAX),
        _ => None,
    };
    if let Some(d) = delta {
        return Some(move_by(state, d));
    }
    Some(match action {
        A::Enter => enter(state),
        A::Expand => expand(state),
        A::Collapse => {
            collapse(state);
            Effects::none()
        }
        A::Filter => {
            menus::open_filter(state);
            Effects::none()
        }
        A::SortMenu => {
            menus::open_sort(state);
            Effects::none()
        }
        A::ReverseSort => {
            let key = state.incidents.sort.key;
            sort_by(state, key);
            Effects::none()
        }
        A::QuickView(v) => {
            set_scope(state, v);
            Effects::none()
        }
        A::ToggleMark | A::MarkAllVisible | A::ClearMarks | A::RangeMark | A::MarkToHere => {
            marks(state, action)
        }
        A::Refresh | A::FullRefresh => jump::refresh(state, action == A::FullRefresh),
        // On the incident list `u` takes back the newest incident change (never an alert's,
        // which this list does not show).
        A::Undo => super::undo::undo(state),
        A::Back => return back(state),
        _ => return None,
    })
}

/// Moves the cursor; an open detail follows it onto an alert line.
fn move_by(state: &mut State, delta: isize) -> Effects {
    let page = state.page_size();
    let Some(pos) = state.incidents.position_after(delta) else {
        return Effects::none();
    };
    match state.incidents.move_cursor(pos, page) {
        Some(Sel::Alert(_, alert))
            if state.detail.as_ref().is_some_and(|d| d.alert_id != alert) =>
        {
            detail::open(state, alert)
        }
        _ => Effects::none(),
    }
}

/// Enter: an incident expands or folds; an alert opens in the detail pane.
fn enter(state: &mut State) -> Effects {
    let Some(line) = state.incidents.lines.get(state.incidents.cursor).cloned() else {
        return Effects::none();
    };
    match line {
        IncLine::Incident(id) | IncLine::Note { incident: id, .. } => {
            if state.incidents.expanded.contains(&id) {
                fold(state, &id);
                Effects::none()
            } else {
                unfold(state, &id)
            }
        }
        IncLine::Alert { alert, .. } => {
            crate::app::view::actions::focus(state, Pane::Detail);
            detail::open(state, alert)
        }
    }
}

/// → / l: expands the incident under the cursor (asking for its alerts).
fn expand(state: &mut State) -> Effects {
    match state.incidents.lines.get(state.incidents.cursor).cloned() {
        Some(IncLine::Incident(id)) if !state.incidents.expanded.contains(&id) => {
            unfold(state, &id)
        }
        _ => Effects::none(),
    }
}

/// ← / h: folds the incident, or goes from an alert up to its incident.
fn collapse(state: &mut State) {
    let page = state.page_size();
    match state.incidents.lines.get(state.incidents.cursor).cloned() {
        Some(IncLine::Incident(id)) => fold(state, &id),
        Some(IncLine::Alert { incident, .. } | IncLine::Note { incident, .. }) => {
            state.incidents.select_incident(&incident, page);
        }
        None => {}
    }
}

fn unfold(state: &mut State, id: &str) -> Effects {
    state.incidents.expanded.insert(id.to_string());
    // Expanding again asks again: the cache answers at once, the service if it changed.
    let effects = jump::load_detail(state, id, true);
    state.incidents.relayout();
    effects
}

fn fold(state: &mut State, id: &str) {
    let page = state.page_size();
    state.incidents.expanded.remove(id);
    state.incidents.select_incident(id, page);
    state.incidents.relayout();
}

fn sort_by(state: &mut State, key: super::sort::IncidentSortKey) {
    state.incidents.sort.pick(key);
    state.incidents.rebuild(&state.config.identity);
    let text = format!("Incidents sorted by {}", state.incidents.sort.indicator());
    state.notify(Level::Info, text);
}

/// A pick in the incident sort menu.
pub(crate) fn sort_picked(state: &mut State, key: super::sort::IncidentSortKey) {
    sort_by(state, key);
}

/// The quick-view keys pick the incidents' scope.
fn set_scope(state: &mut State, v: QuickView) {
    let scope = match v {
        QuickView::MINE => Scope::Mine,
        QuickView::UNASSIGNED => Scope::Unassigned,
        QuickView::NEW_HIGH => Scope::NewHigh,
        QuickView::RESOLVED => Scope::Resolved,
        QuickView::ALL => Scope::All,
        _ => Scope::Open,
    };
    state.incidents.scope = scope;
    state.incidents.rebuild(&state.config.identity);
    let text = format!(
        "View: {} ({} incidents)",
        scope.title(),
        state.incidents.view.len()
    );
    state.notify(Level::Info, text);
}

/// Marks on incidents: Space marks the cursor's incident and moves on, `*` marks every incident
/// in view, `-` clears.
fn marks(state: &mut State, action: Action) -> Effects {
    let inc = &mut state.incidents;
    match action {
        Action::ToggleMark => {
            let Some(id) = inc.lines.get(inc.cursor).map(|l| l.incident().to_string()) else {
                return Effects::none();
            };
            if !inc.marks.remove(&id) {
                inc.marks.insert(id.clone());
            }
            // Like the alert list: marking moves on, to the next incident.
            let next = inc
                .lines
                .iter()
                .enumerate()
                .skip(inc.cursor + 1)
                .find(|(_, l)| matches!(l, IncLine::Incident(_)))
                .map(|(i, _)| i);
            if let Some(pos) = next {
                let page = state.page_size();
                state.incidents.move_cursor(pos, page);
            }
        }
        Action::MarkAllVisible => {
            let ids = inc.view.clone();
            inc.marks.extend(ids);
            let n = inc.marks.len();
            state.notify(Level::Info, format!("{n} incidents marked"));
        }
        Action::ClearMarks => {
            inc.marks.clear();
            state.notify(Level::Info, "Marks cleared");
        }
        _ => state.notify(
            Level::Info,
            "Range marks are for alerts: Space marks an incident, * all in view",
        ),
    }
    Effects::none()
}

/// Esc: the usual steps back first (zoom, the detail); then the filter; then the alert list.
fn back(state: &mut State) -> Option<Effects> {
    if state.zoom.is_some() || state.detail.is_some() {
        return None;
    }
    if !state.incidents.filter_text.is_empty() {
        state.incidents.set_filter_text("", &state.config.identity);
        state.notify(Level::Info, "Filter cleared");
        return Some(Effects::none());
    }
    let effects = jump::show_alerts(state);
    state.notify(Level::Info, "Alerts (I shows the incidents again)");
    Some(effects)
}

/// The incident filter prompt's text changed (or Esc put the old text back).
pub(crate) fn filter_edited(state: &mut State, text: &str) {
    state
        .incidents
        .set_filter_text(text, &state.config.identity);
}

/// Enter in the incident filter prompt: kept, and a text that does not apply says why.
pub(crate) fn filter_applied(state: &mut State, text: &str) {
    filter_edited(state, text);
    if let Some(e) = state.incidents.filter_error.clone() {
        state.notify(Level::Warn, format!("Filter not applied: {e}"));
    }
}
