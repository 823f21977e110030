//! Switching between the alert list and the incident list (`I`, `:incidents`, `:alerts`), and
//! `i`: from an alert to its incident, expanded, with the cursor on it.

use super::state::IncidentLoad;
use crate::app::chrome::toasts::Level;
use crate::app::effects::Effects;
use crate::app::state::State;
use crate::app::subject::rule::shown_alert;
use crate::app::view::state::Pane;
use mde_model::protocol::Effect;

/// `I`: the other list.
pub(crate) fn toggle(state: &mut State) -> Effects {
    if state.incidents.active {
        show_alerts(state)
    } else {
        show_incidents(state)
    }
}

/// `:incidents`: the incident list, fetched again (the cache answers first).
pub(crate) fn show_incidents(state: &mut State) -> Effects {
    let mut effects = close_alert(state);
    state.incidents.active = true;
    state.focus = Pane::List;
    state.zoom = None;
    let req = state.req();
    state.incidents.req = Some(req);
    state.incidents.requested = true;
    effects.push(Effect::LoadIncidents { req, full: false });
    effects
}

/// `:alerts`: back to the alert list.
pub(crate) fn show_alerts(state: &mut State) -> Effects {
    let effects = close_alert(state);
    state.incidents.active = false;
    state.focus = Pane::List;
    state.zoom = None;
    effects
}

/// The alert detail (and its device panel) closes when the list under it changes or the cursor
/// leaves the alert: the screen never shows one subject's detail beside another under the cursor.
pub(crate) fn close_alert(state: &mut State) -> Effects {
    let effects = crate::app::device::actions::close(state);
    state.detail = None;
    effects
}

/// `r` / Ctrl-R on the incident list.
pub(crate) fn refresh(state: &mut State, full: bool) -> Effects {
    let req = state.req();
    state.incidents.req = Some(req);
    state.incidents.requested = true;
    Effects::one(Effect::LoadIncidents { req, full })
}

/// Asks for an incident's alerts (its detail) unless they are loaded or on their way.
pub(crate) fn load_detail(state: &mut State, id: &str, again: bool) -> Effects {
    let held = state.incidents.details.get(id);
    let loaded = matches!(held, Some(IncidentLoad::Loaded(_)));
    let wanted = again || !(loaded || matches!(held, Some(IncidentLoad::Loading(_))));
    if !wanted {
        return Effects::none();
    }
    let req = state.req();
    if !loaded {
        state
            .incidents
            .details
            .insert(id.to_string(), IncidentLoad::Loading(req));
    }
    Effects::one(Effect::LoadIncident {
        req,
        id: id.to_string(),
    })
}

/// `i`: the incident of the alert on screen, shown expanded with the cursor on it.
pub(crate) fn jump(state: &mut State) -> Effects {
    let Some(alert) = shown_alert(state) else {
        state.notify(
            Level::Info,
            "No alert selected: i jumps from an alert to its incident",
        );
        return Effects::none();
    };
    let Some(id) = incident_of(state, &alert) else {
        state.notify(Level::Info, "This alert belongs to no incident");
        return Effects::none();
    };
    state.notify(Level::Info, format!("Incident {id}"));
    let mut effects = Effects::none();
    if !state.incidents.active {
        effects.extend(show_incidents(state));
    }
    state.focus = Pane::List;
    state.incidents.expanded.insert(id.clone());
    effects.extend(load_detail(state, &id, true));
    state.incidents.relayout();
    let page = state.page_size();
    if state.incidents.rows.contains_key(&id) {
        if !state.incidents.select_incident(&id, page) {
            // Hidden by the scope or the filter: settled like an arrival.
            state.incidents.jump = Some(id.clone());
            super::feed::settle_jump(state);
        }
    } else {
        state.incidents.jump = Some(id.clone());
    }
    effects
}

/// The incident id of an alert: its list row, the open detail, or the incident line it is under.
fn incident_of(state: &State, alert: &str) -> Option<String> {
    if let Some(i) = state.list.rows.get(alert).and_then(|r| r.incident_id) {
        return Some(i.to_string());
    }
    if let Some(i) = state
        .loaded_detail()
        .filter(|d| d.alert.id == alert)
        .and_then(|d| d.alert.incident_id)
    {
        return Some(i.to_string());
    }
    state.incidents.details.iter().find_map(|(id, l)| match l {
        IncidentLoad::Loaded(d) if d.alerts.iter().any(|a| a.id == alert) => Some(id.clone()),
        _ => None,
    })
}
