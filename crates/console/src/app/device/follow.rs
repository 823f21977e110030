//! The device panel follows the detail: when the detail opens another alert, the panel shows that
//! alert's device (asked for once, unless it is the device already shown). Here too is the one
//! way a panel is (re)loaded, so every path asks the same way.

use super::others;
use super::state::{DevicePanel, PanelLoad};
use crate::app::effects::Effects;
use crate::app::state::State;
use mde_model::device::DeviceSubject;
use mde_model::protocol::Effect;

/// The detail now shows `alert_id`: an open panel follows it.
pub(crate) fn follow(state: &mut State, alert_id: &str) -> Effects {
    let Some(panel) = &state.device.panel else {
        return Effects::none();
    };
    if panel.alert_id == alert_id {
        return Effects::none();
    }
    // Another alert on the device shown: nothing to ask.
    let row_device = state.list.rows.get(alert_id).and_then(|r| r.device.clone());
    let shown = panel
        .context()
        .and_then(|c| c.machine.computer_dns_name.clone())
        .or_else(|| panel.alert_device.clone());
    let same = matches!((&row_device, &shown), (Some(a), Some(b)) if a.trim().eq_ignore_ascii_case(b.trim()));
    if same && panel.context().is_some() {
        if let Some(p) = state.device.panel.as_mut() {
            p.alert_id = alert_id.to_string();
        }
        describe_alert(state);
        return Effects::none();
    }
    load(state, alert_id.to_string(), false)
}

/// Opens (or reloads) the panel on the device of `alert_id`. With `keep`, what is shown stays
/// until the answer replaces it (a refresh); otherwise the panel says it is loading.
pub(crate) fn load(state: &mut State, alert_id: String, keep: bool) -> Effects {
    let req = state.req();
    let kept = state
        .device
        .panel
        .take()
        .filter(|p| keep && p.alert_id == alert_id);
    let mut panel = DevicePanel::loading(alert_id.clone(), req);
    if let Some(old) = kept {
        panel.load = old.load;
        panel.cursor = old.cursor;
        panel.scroll = old.scroll;
    }
    state.device.panel = Some(panel);
    if let Some((r, _)) = &mut state.device.menu_after_load {
        // A menu waiting for the old request waits for this one (same alert) or is dropped.
        if keep {
            *r = req;
        } else {
            state.device.menu_after_load = None;
        }
    }
    describe_alert(state);
    Effects::one(Effect::LoadDevice {
        req,
        subject: DeviceSubject::Alert { alert_id },
    })
}

/// The panel's alert as the list row has it (device and user), and the counts of the other
/// open alerts on them.
pub(crate) fn describe_alert(state: &mut State) {
    let Some(p) = state.device.panel.as_ref() else {
        return;
    };
    let row = state.list.rows.get(&p.alert_id);
    let device = row.and_then(|r| r.device.clone()).or_else(|| {
        p.context()
            .and_then(|c| c.machine.computer_dns_name.clone())
    });
    let user = row.and_then(|r| r.user.clone());
    let counts = others::count(
        &state.list.rows,
        &p.alert_id,
        device.as_deref(),
        user.as_deref(),
    );
    if let Some(p) = state.device.panel.as_mut() {
        p.alert_device = device;
        p.alert_user = user;
        p.others = counts;
    }
}

/// Recounts the other open alerts when the rows changed under an open panel; true when the
/// counts changed (the screen needs a redraw).
pub(crate) fn recount(state: &mut State) -> bool {
    let Some(p) = state.device.panel.as_ref() else {
        return false;
    };
    if matches!(p.load, PanelLoad::Failed(_)) && p.alert_device.is_none() {
        return false;
    }
    let before = p.others;
    describe_alert(state);
    state
        .device
        .panel
        .as_ref()
        .is_some_and(|p| p.others != before)
}
