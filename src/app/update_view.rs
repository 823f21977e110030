//! View behaviour: panes and focus, the detail pane and evidence tree, zoom, display toggles,
//! raw JSON, yank, the portal link and quitting.

use super::action::Action;
use super::dialog::{Dialog, Menu, MenuValue, Viewer};
use super::evidence_tree::{NodeKind, evidence_full_text};
use super::state::{DetailLoad, DetailState, Level, Pane, State, TimeMode};
use super::update_list;
use crate::model::EntityType;
use crate::model::protocol::Effect;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

/// Asks for an alert's detail; only the answer to this request will be shown.
pub(crate) fn load_detail(state: &mut State, alert_id: String) -> Vec<Effect> {
    let req = state.req();
    state.detail_req = Some(req);
    state.detail = Some(DetailState {
        alert_id: alert_id.clone(),
        load: DetailLoad::Loading,
        tree: Default::default(),
        scroll: 0,
        comments_scroll: 0,
    });
    vec![Effect::LoadDetail { req, alert_id }]
}

/// Tab / Shift-Tab. Without an open alert only the list can have the focus.
pub(crate) fn cycle_focus(state: &mut State, forward: bool) -> Vec<Effect> {
    if state.detail.is_none() {
        state.focus = Pane::List;
        return Vec::new();
    }
    let order = Pane::ORDER;
    let i = order.iter().position(|p| *p == state.focus).unwrap_or(0);
    let n = order.len();
    let next = if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    };
    state.focus = order[next];
    if state.zoom.is_some() {
        state.zoom = Some(state.focus);
    }
    Vec::new()
}

/// Enter: open the alert (list), expand or view a node (tree), view the description (detail).
pub(crate) fn enter(state: &mut State) -> Vec<Effect> {
    match state.focus {
        Pane::List => {
            let Some(id) = state.selected.clone() else {
                return Vec::new();
            };
            state.focus = Pane::Detail;
            if state.zoom.is_some() {
                state.zoom = Some(Pane::Detail);
            }
            load_detail(state, id)
        }
        Pane::Evidence => {
            let toggled = state.detail.as_mut().is_some_and(|d| d.tree.toggle());
            if !toggled {
                return tree_action(state, Action::ViewValue);
            }
            Vec::new()
        }
        Pane::Detail => {
            if let Some(d) = state.loaded_detail() {
                let text = d.alert.description.clone().unwrap_or_default();
                let title = format!("Description — {}", d.alert.title);
                state.dialogs.push(Dialog::Viewer(Viewer::new(title, text)));
            }
            Vec::new()
        }
        Pane::Comments => Vec::new(),
    }
}

/// Esc: one level back — zoom, range mark, focus to the list, close the detail, clear the filter.
pub(crate) fn back(state: &mut State) -> Vec<Effect> {
    if state.zoom.take().is_some() {
        return Vec::new();
    }
    if state.marks.range.is_some() {
        state.marks.cancel_range();
        return Vec::new();
    }
    if state.focus != Pane::List {
        state.focus = Pane::List;
        return Vec::new();
    }
    if state.detail.take().is_some() {
        state.detail_req = None;
        return Vec::new();
    }
    if !state.filter_text.is_empty() {
        update_list::set_filter_text(state, "");
        state.notify(Level::Info, "Filter cleared");
    }
    Vec::new()
}

/// Tree keys: expand, collapse, full value.
pub(crate) fn tree_action(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(d) = state.detail.as_mut() else {
        return Vec::new();
    };
    match action {
        Action::Expand => d.tree.expand(),
        Action::Collapse => d.tree.collapse(),
        _ => {
            let viewer = selected_evidence_text(state);
            match viewer {
                Some(v) => state.dialogs.push(Dialog::Viewer(v)),
                None => state.notify(Level::Info, "No value to show for this node"),
            }
        }
    }
    Vec::new()
}

fn selected_evidence_text(state: &State) -> Option<Viewer> {
    let d = state.loaded_detail()?;
    let tree = &state.detail.as_ref()?.tree;
    let node = tree.selected_node()?;
    let ev = d.alert.evidence.get(node.evidence?)?;
    Some(Viewer::new(
        node.label.chars().take(60).collect::<String>(),
        evidence_full_text(ev),
    ))
}

/// `z`: the focused pane gets the screen, or gives it back.
pub(crate) fn toggle_zoom(state: &mut State) -> Vec<Effect> {
    state.zoom = match state.zoom {
        Some(_) => None,
        None => Some(state.focus),
    };
    Vec::new()
}

/// `t`: UTC ↔ local.
pub(crate) fn toggle_time(state: &mut State) -> Vec<Effect> {
    state.time_mode = match state.time_mode {
        TimeMode::Utc => TimeMode::Local(state.config.local_offset),
        TimeMode::Local(_) => TimeMode::Utc,
    };
    let text = match state.time_mode {
        TimeMode::Utc => "Times in UTC".to_string(),
        TimeMode::Local(o) => format!("Times in local time ({o})"),
    };
    state.notify(Level::Info, text);
    Vec::new()
}

/// `D`: defang on/off.
pub(crate) fn toggle_defang(state: &mut State) -> Vec<Effect> {
    state.defang = !state.defang;
    let text = if state.defang {
        "URLs and IPs defanged"
    } else {
        "Defanging off: URLs and IPs shown as-is"
    };
    state.notify(Level::Info, text);
    Vec::new()
}

/// `R`: the alert's JSON as received, pretty-printed when it parses.
pub(crate) fn raw_json(state: &mut State) -> Vec<Effect> {
    let Some(d) = state.loaded_detail() else {
        state.notify(Level::Info, "Open an alert first (Enter)");
        return Vec::new();
    };
    let text = serde_json::from_str::<serde_json::Value>(&d.raw)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| d.raw.clone());
    let title = format!("Raw JSON — {}", d.alert.id);
    state.dialogs.push(Dialog::Viewer(Viewer::new(title, text)));
    Vec::new()
}

/// The Defender portal page of an alert.
pub fn portal_url(base: &str, tenant: &str, alert_id: &str) -> String {
    let id = utf8_percent_encode(alert_id, NON_ALPHANUMERIC);
    let mut url = format!("{}/alerts/{id}", base.trim_end_matches('/'));
    if !tenant.is_empty() {
        url.push_str("?tid=");
        url.extend(utf8_percent_encode(tenant, NON_ALPHANUMERIC));
    }
    url
}

/// `o`: copies the portal link and shows it.
pub(crate) fn portal_link(state: &mut State) -> Vec<Effect> {
    let Some(id) = focused_alert_id(state) else {
        state.notify(Level::Info, "No alert selected");
        return Vec::new();
    };
    let url = portal_url(&state.config.portal_base, &state.config.tenant, &id);
    state.dialogs.push(Dialog::Viewer(Viewer::new(
        "Portal link (copied)",
        url.clone(),
    )));
    state.notify(Level::Info, "Copied portal link");
    vec![Effect::Clipboard {
        text: url,
        what: "portal link".to_string(),
    }]
}

/// The alert the analyst is looking at: the open detail when a detail pane has the focus.
fn focused_alert_id(state: &State) -> Option<String> {
    match (&state.detail, state.focus) {
        (Some(d), f) if f != Pane::List => Some(d.alert_id.clone()),
        _ => state.selected.clone(),
    }
}

/// `y`: what can be copied from here, most specific first.
pub(crate) fn open_yank_menu(state: &mut State) -> Vec<Effect> {
    let Some(id) = focused_alert_id(state) else {
        state.notify(Level::Info, "No alert selected");
        return Vec::new();
    };
    let mut items: Vec<(String, MenuValue)> = Vec::new();
    let mut add = |label: &str, what: &str, text: Option<String>| {
        if let Some(text) = text.filter(|t| !t.is_empty()) {
            let shown: String = text.chars().take(40).collect();
            items.push((
                format!("{label}: {shown}"),
                MenuValue::Yank {
                    what: what.to_string(),
                    text,
                },
            ));
        }
    };
    add("Id", "alert id", Some(id.clone()));
    let device = state.rows.get(&id).and_then(|r| r.device.clone());
    add("Device", "device name", device);
    if let Some(d) = state.loaded_detail().filter(|d| d.alert.id == id) {
        let ev = &d.alert.evidence;
        // The node under the tree cursor when the tree has the focus, else the first of each kind.
        let node_ev = state
            .detail
            .as_ref()
            .filter(|_| state.focus == Pane::Evidence)
            .and_then(|s| s.tree.selected_node())
            .filter(|n| !matches!(n.kind, NodeKind::Group(_)))
            .and_then(|n| n.evidence)
            .and_then(|i| ev.get(i));
        let first = |t: EntityType| ev.iter().find(|e| e.entity_type == t);
        let hashed = node_ev
            .filter(|e| e.sha256.is_some() || e.sha1.is_some())
            .or_else(|| first(EntityType::File))
            .or_else(|| first(EntityType::Process));
        add("SHA-256", "SHA-256", hashed.and_then(|e| e.sha256.clone()));
        add("SHA-1", "SHA-1", hashed.and_then(|e| e.sha1.clone()));
        let cmd = node_ev
            .and_then(|e| e.process_command_line.clone())
            .or_else(|| first(EntityType::Process).and_then(|e| e.process_command_line.clone()));
        add("Command line", "command line", cmd);
        if let Some(e) = node_ev {
            add("IP", "IP address", e.ip_address.clone());
            add("URL", "URL", e.url.clone());
        }
    }
    let url = portal_url(&state.config.portal_base, &state.config.tenant, &id);
    add("Portal link", "portal link", Some(url));
    state
        .dialogs
        .push(Dialog::Menu(Menu::new("Copy", items, 0)));
    Vec::new()
}

/// `q`: quit, asking first when writes are still on their way.
pub(crate) fn quit(state: &mut State) -> Vec<Effect> {
    let pending = state.writes_pending();
    if pending > 0 {
        state.dialogs.push(Dialog::QuitConfirm {
            pending,
            yes_selected: false,
        });
        return Vec::new();
    }
    state.quitting = true;
    vec![Effect::Quit]
}
