//! `y`: what can be copied from the alert on screen, what matters first: the entity the
//! detection named (the file or process whose detection status is Blocked, Prevented or
//! Detected) with its full hashes, each named by type; then the evidence under the tree cursor,
//! the alert id, the device and the portal link. From the list the detected entity comes from the
//! row's searchable text, so nothing has to be opened. Inside tmux the clipboard write may not
//! reach the terminal, so the value is also shown to copy by hand.

use super::state::{Menu, MenuKind, MenuValue};
use crate::app::chrome::toasts::Level;
use crate::app::detail::evidence::tree::NodeKind;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::viewer::portal::portal_url;
use crate::app::dialogs::viewer::state::Viewer;
use crate::app::effects::Effects;
use crate::app::state::State;
use crate::app::subject::rule::shown_alert;
use crate::app::view::state::Pane;
use mde_model::protocol::Effect;
use mde_model::search::detected_evidence;
use mde_model::{EntityType, Evidence};

/// What the copy menu lists: (label, what is copied, value).
type Entry = (String, String, String);

/// Opens the copy menu.
pub(crate) fn open(state: &mut State) {
    let Some(id) = shown_alert(state) else {
        state.notify(Level::Info, "No alert selected");
        return;
    };
    let mut items: Vec<Entry> = Vec::new();
    let loaded = state.loaded_detail().filter(|d| d.alert.id == id);
    match loaded {
        Some(d) => {
            if let Some(e) = detected_evidence(&d.alert.evidence) {
                items.extend(entity_entries(e, true));
            }
            // The node under the tree cursor, when the tree has the focus.
            let node_ev = state
                .detail
                .as_ref()
                .filter(|_| state.focus == Pane::Evidence)
                .and_then(|s| s.tree.selected_node())
                .filter(|n| !matches!(n.kind, NodeKind::Group(_)))
                .and_then(|n| n.evidence)
                .and_then(|i| d.alert.evidence.get(i));
            if let Some(e) = node_ev {
                items.extend(entity_entries(e, false));
            }
            let first = |t: EntityType| d.alert.evidence.iter().find(|e| e.entity_type == t);
            for e in [first(EntityType::File), first(EntityType::Process)]
                .into_iter()
                .flatten()
            {
                items.extend(entity_entries(e, false));
            }
        }
        None => {
            if let Some(d) = state.list.rows.get(&id).and_then(|r| r.search.detected()) {
                let of = d.name.map_or(String::new(), |n| format!(" of {n}"));
                let tag = format!("{}, {}", d.name.unwrap_or(d.kind), d.status);
                let mut add = |label: &str, what: &str, v: Option<&str>| {
                    if let Some(v) = v.filter(|v| !v.is_empty()) {
                        items.push((format!("{label} ({tag})"), what.to_string(), v.to_string()));
                    }
                };
                add("SHA-256", &format!("SHA-256{of}"), d.sha256);
                add("SHA-1", &format!("SHA-1{of}"), d.sha1);
                add("File name", "file name", d.name);
                add("Folder", "folder", d.path);
            }
        }
    }
    items.push(("Id".into(), "alert id".into(), id.clone()));
    if let Some(dev) = state.list.rows.get(&id).and_then(|r| r.device.clone()) {
        items.push(("Device".into(), "device name".into(), dev));
    }
    let url = portal_url(&state.config.portal_base, &state.config.tenant, &id);
    items.push(("Portal link".into(), "portal link".into(), url));
    // Each value once, the first (most specific) label kept.
    let mut seen: Vec<String> = Vec::new();
    let entries = items
        .into_iter()
        .filter(|(_, _, v)| {
            let new = !seen.contains(v);
            seen.push(v.clone());
            new
        })
        .map(|(label, what, text)| {
            let shown: String = text.chars().take(64).collect();
            let more = if text.chars().count() > 64 { "…" } else { "" };
            (
                format!("{label}: {shown}{more}"),
                MenuValue::Yank { what, text },
            )
        })
        .collect();
    let title = format!(
        "Copy from {}",
        crate::app::subject::rule::alert_name(state, &id)
    );
    state
        .dialogs
        .push(Dialog::Menu(Menu::new(MenuKind::Yank, title, entries, 0)));
}

/// The values of one evidence item worth copying; `detected` names its detection status.
fn entity_entries(e: &Evidence, detected: bool) -> Vec<Entry> {
    let name = e.file_name.as_deref().unwrap_or(e.entity_type.as_str());
    let tag = match (&e.detection_status, detected) {
        (Some(s), true) => format!(" ({name}, {s})"),
        _ => format!(" ({name})"),
    };
    let mut out = Vec::new();
    let mut add = |label: &str, what: String, v: &Option<String>| {
        if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
            out.push((format!("{label}{tag}"), what, v.to_string()));
        }
    };
    add("SHA-256", format!("SHA-256 of {name}"), &e.sha256);
    add("SHA-1", format!("SHA-1 of {name}"), &e.sha1);
    if detected {
        add("File name", "file name".into(), &e.file_name);
    }
    add(
        "Command line",
        format!("command line of {name}"),
        &e.process_command_line,
    );
    add("Folder", "folder".into(), &e.file_path);
    add("IP", "IP address".into(), &e.ip_address);
    add("URL", "URL".into(), &e.url);
    add("Registry key", "registry key".into(), &e.registry_key);
    out
}

/// An item was picked: copy it and say what was copied. Inside tmux the write may not arrive,
/// so the value is shown as well.
pub(crate) fn copy(state: &mut State, what: String, text: String) -> Effects {
    if state.config.in_tmux {
        let mut v = Viewer::new(format!("Copy by hand: {what}"), text.clone());
        v.note = Some(
            "Inside tmux the clipboard write may not reach your terminal (tmux needs \
             allow-passthrough or set-clipboard on): select the value above to copy it by hand."
                .to_string(),
        );
        state.dialogs.push(Dialog::Viewer(v));
        state.notify(
            Level::Warn,
            format!("Sent {what} to the clipboard; inside tmux it may not arrive, so it is shown"),
        );
    } else {
        state.notify(Level::Info, format!("Copied {what}"));
    }
    Effects::one(Effect::Clipboard { text, what })
}
