//! `y`: what can be copied from here, most specific first (the alert id, the device, the hash,
//! command line, IP or URL of the evidence under the tree cursor, the portal link).

use super::state::{Menu, MenuValue};
use crate::app::chrome::toasts::Level;
use crate::app::detail::evidence::tree::NodeKind;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::viewer::portal::{focused_alert_id, portal_url};
use crate::app::effects::Effects;
use crate::app::state::State;
use crate::app::view::state::Pane;
use mde_model::EntityType;
use mde_model::protocol::Effect;

/// Opens the copy menu.
pub(crate) fn open(state: &mut State) {
    let Some(id) = focused_alert_id(state) else {
        state.notify(Level::Info, "No alert selected");
        return;
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
    let device = state.list.rows.get(&id).and_then(|r| r.device.clone());
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
}

/// An item was picked: copy it and say what was copied.
pub(crate) fn copy(state: &mut State, what: String, text: String) -> Effects {
    state.notify(Level::Info, format!("Copied {what}"));
    Effects::one(Effect::Clipboard { text, what })
}
