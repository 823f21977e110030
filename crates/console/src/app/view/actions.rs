//! Focus, zoom and the display toggles (`Tab`, `z`, `t`, `D`).

use super::state::{Pane, TimeMode};
use crate::app::chrome::toasts::Level;
use crate::app::state::State;

/// Tab / Shift-Tab. Without an open alert only the list can have the focus.
pub(crate) fn cycle_focus(state: &mut State, forward: bool) {
    if state.detail.is_none() {
        state.focus = Pane::List;
        return;
    }
    let mut order = Pane::ORDER.to_vec();
    if state.device.panel.is_some() {
        order.push(Pane::Device);
    }
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
}

/// Moves the focus to a pane; a zoomed screen follows it.
pub(crate) fn focus(state: &mut State, pane: Pane) {
    state.focus = pane;
    if state.zoom.is_some() {
        state.zoom = Some(pane);
    }
}

/// `z`: the focused pane gets the screen, or gives it back.
pub(crate) fn toggle_zoom(state: &mut State) {
    state.zoom = match state.zoom {
        Some(_) => None,
        None => Some(state.focus),
    };
}

/// `t`: UTC ↔ local.
pub(crate) fn toggle_time(state: &mut State) {
    state.time_mode = match state.time_mode {
        TimeMode::Utc => TimeMode::Local(state.config.local_offset),
        TimeMode::Local(_) => TimeMode::Utc,
    };
    let text = match state.time_mode {
        TimeMode::Utc => "Times in UTC".to_string(),
        TimeMode::Local(o) => format!("Times in local time ({o})"),
    };
    state.notify(Level::Info, text);
}

/// `D`: defang on/off.
pub(crate) fn toggle_defang(state: &mut State) {
    state.defang = !state.defang;
    let text = if state.defang {
        "URLs and IPs defanged"
    } else {
        "Defanging off: URLs and IPs shown as-is"
    };
    state.notify(Level::Info, text);
}
