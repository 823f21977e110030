//! `R`: the alert's JSON as received, pretty-printed when it parses.

use super::state::Viewer;
use crate::app::chrome::toasts::Level;
use crate::app::dialogs::Dialog;
use crate::app::state::State;

/// Opens the raw JSON of the loaded alert in the viewer.
pub(crate) fn open(state: &mut State) {
    let Some(d) = state.loaded_detail() else {
        state.notify(Level::Info, "Open an alert first (Enter)");
        return;
    };
    let text = serde_json::from_str::<serde_json::Value>(&d.raw)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| d.raw.clone());
    let title = format!("Raw JSON — {}", d.alert.id);
    state.dialogs.push(Dialog::Viewer(Viewer::new(title, text)));
}
