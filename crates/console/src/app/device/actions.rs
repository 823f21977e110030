//! The device panel's keys: open it on the shown alert's device (`d`; again: refresh), close it
//! (Esc), move through its actions, read one in full (Enter), list the other alerts on the device
//! or of the user (`f`, `F`), retry a failed action (`E`), cancel a pending one (`X`) and copy
//! an investigation package's download link (`L`). `T` (its tags) is in `tags.rs`.

use super::follow;
use super::lines::{ActionLine, LineStatus, of_panel};
use super::others::filter_for;
use super::state::Asked;
use crate::app::chrome::toasts::Level;
use crate::app::detail::actions as detail;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::response::cancel;
use crate::app::dialogs::viewer::state::Viewer;
use crate::app::effects::Effects;
use crate::app::list::actions as list;
use crate::app::state::State;
use crate::app::subject::rule::shown_alert;
use crate::app::view::actions as view;
use crate::app::view::state::Pane;
use mde_model::device::{ActionStatus, ActionType};
use mde_model::protocol::Effect;

/// `d`: the device panel on the shown alert's device, with the focus; pressed in the panel, it
/// asks the service again.
pub(crate) fn open(state: &mut State) -> Effects {
    let Some(alert_id) = shown_alert(state) else {
        state.notify(Level::Info, "No alert selected");
        return Effects::none();
    };
    let same = state
        .device
        .panel
        .as_ref()
        .is_some_and(|p| p.alert_id == alert_id);
    if same && state.focus == Pane::Device {
        state.notify(Level::Info, "Asking the service for the device again");
        return follow::load(state, alert_id, true);
    }
    let mut fx = if same {
        Effects::none()
    } else {
        follow::load(state, alert_id.clone(), false)
    };
    // The panel sits beside (or, on a narrow screen, in place of) the alert's detail.
    if state.detail.as_ref().map(|d| d.alert_id.as_str()) != Some(alert_id.as_str()) {
        fx.extend(detail::open(state, alert_id));
    }
    view::focus(state, Pane::Device);
    fx
}

/// Esc in the panel, or the detail closing: the panel closes and the device is no longer watched.
pub(crate) fn close(state: &mut State) -> Effects {
    if state.device.panel.take().is_none() {
        return Effects::none();
    }
    state.device.menu_after_load = None;
    if state.zoom == Some(Pane::Device) {
        state.zoom = None;
    }
    if state.focus == Pane::Device {
        state.focus = if state.detail.is_some() {
            Pane::Detail
        } else {
            Pane::List
        };
    }
    Effects::one(Effect::UnwatchDevice)
}

/// Moves in the panel: the action cursor by lines, the view by pages.
pub(crate) fn navigate(state: &mut State, delta: isize, page: bool) {
    let n = of_panel(&state.device).map_or(0, |l| l.actions.len());
    let Some(p) = state.device.panel.as_mut() else {
        return;
    };
    if page || n == 0 {
        p.reveal = false;
        p.scroll = match delta {
            isize::MIN => 0,
            isize::MAX => usize::MAX / 2,
            d => p.scroll.saturating_add_signed(d),
        };
        return;
    }
    p.reveal = true;
    // n > 0 here (checked above).
    p.cursor = crate::app::list::step::step(p.cursor, n, delta).unwrap_or(0);
}

/// The action under the panel's cursor.
fn selected(state: &State) -> Option<ActionLine> {
    let lines = of_panel(&state.device)?;
    let i = state.device.panel.as_ref()?.cursor;
    lines.actions.into_iter().nth(i)
}

/// Enter in the panel: the highlighted action in full.
pub(crate) fn view_action(state: &mut State) {
    let Some(l) = selected(state) else {
        state.notify(
            Level::Info,
            "No action on this device yet: x opens the response menu",
        );
        return;
    };
    let mut text = vec![
        format!("Action:      {}", l.label),
        format!("Status:      {}", status_text(&l.status)),
    ];
    let mut add = |k: &str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            text.push(format!("{k:<12} {v}"));
        }
    };
    add("Queued:", l.created.map(|t| t.to_string()));
    add("Updated:", l.updated.map(|t| t.to_string()));
    add("Requestor:", l.requestor.clone());
    add("Sent by:", l.ours.then(|| "this program".to_string()));
    add("Action id:", l.action_id.clone());
    add(
        "Error code:",
        l.error_code.map(|c| format!("{c} (0x{:08X})", c as u32)),
    );
    if let LineStatus::Failed(f) = &l.status {
        add("Why:", Some(f.message.clone()));
    }
    add("Comment:", l.comment.clone());
    let mut v = Viewer::new(format!("Action: {}", l.label), text.join("\n"));
    v.note = hint_for(&l, &super::words::retry_key(state));
    state.dialogs.push(Dialog::Viewer(v));
}

/// What can be done with a line next, for the viewer's note.
fn hint_for(l: &ActionLine, retry_key: &str) -> Option<String> {
    if l.can_retry {
        return Some(format!(
            "{retry_key} in the device panel sends it again (after looking it up on the service)"
        ));
    }
    match &l.status {
        LineStatus::Service(s) if !s.is_terminal() => {
            Some("X in the device panel cancels it".into())
        }
        LineStatus::Service(ActionStatus::Succeeded)
            if l.action_type == ActionType::CollectInvestigationPackage =>
        {
            Some("L in the device panel copies the package's download link".into())
        }
        _ => None,
    }
}

/// A status as the panel words it.
pub fn status_text(s: &LineStatus) -> String {
    match s {
        LineStatus::Sending => "Sending…".to_string(),
        LineStatus::Service(ActionStatus::InProgress) => "In progress".to_string(),
        LineStatus::Service(ActionStatus::TimeOut) => "Timed out".to_string(),
        LineStatus::Service(s) if s.as_str().is_empty() => "Unknown".to_string(),
        LineStatus::Service(s) => s.as_str().to_string(),
        LineStatus::Failed(_) => "Send failed".to_string(),
    }
}

/// `f` / `F`: the list filtered to the alerts on the panel's device, or of its alert's user.
pub(crate) fn list_others(state: &mut State, user: bool) {
    let (field, name) = {
        let panel = state.device.panel.as_ref();
        let row = shown_alert(state).and_then(|id| state.list.rows.get(&id).cloned());
        if user {
            let n = panel
                .and_then(|p| p.alert_user.clone())
                .or_else(|| row.and_then(|r| r.user));
            ("user", n)
        } else {
            let n = panel
                .and_then(|p| p.alert_device.clone())
                .or_else(|| {
                    panel.and_then(|p| p.context().map(|c| c.machine.display_name().to_string()))
                })
                .or_else(|| row.and_then(|r| r.device));
            ("device", n)
        }
    };
    let Some(name) = name.filter(|n| !n.trim().is_empty()) else {
        let what = if user { "user" } else { "device" };
        state.notify(Level::Info, format!("This alert names no {what}"));
        return;
    };
    let Some(filter) = filter_for(field, &name) else {
        state.notify(
            Level::Warn,
            format!("The {field} name has a quote or comma the filter cannot express"),
        );
        return;
    };
    list::apply_filter(state, &filter);
    view::focus(state, Pane::List);
    let n = state.list.match_count();
    state.notify(
        Level::Info,
        format!(
            "Filter {filter}: {n} alert{} in {} (/ edits, Esc clears)",
            if n == 1 { "" } else { "s" },
            state.list.view_title()
        ),
    );
}

/// `E`: the highlighted failed action sent again; the sync task looks it up first.
pub(crate) fn retry(state: &mut State) -> Effects {
    let Some(l) = selected(state) else {
        state.notify(Level::Info, "No action selected");
        return Effects::none();
    };
    match (l.send_id, l.can_retry) {
        (Some(send_id), true) => {
            let req = state.req();
            state.device.asked.insert(req, Asked::Retry(send_id));
            state.notify(
                Level::Info,
                format!("Retrying {}: looking it up on the service first", l.label),
            );
            Effects::one(Effect::RetryAction { req, send_id })
        }
        _ => {
            let why = match &l.status {
                LineStatus::Failed(f) => format!(
                    "{} was refused ({}); fix the cause and send a new one",
                    l.label, f.message
                ),
                LineStatus::Sending => format!("{} is still on its way", l.label),
                LineStatus::Service(s) if !s.is_terminal() => {
                    format!(
                        "{} is still {}",
                        l.label,
                        status_text(&l.status).to_lowercase()
                    )
                }
                _ if !l.ours => format!("{} was not sent by this program", l.label),
                _ => format!(
                    "{} ended {}: nothing to retry",
                    l.label,
                    status_text(&l.status)
                ),
            };
            state.notify(Level::Info, why);
            Effects::none()
        }
    }
}

/// `X`: cancel the highlighted pending action (asks for the comment the API requires).
pub(crate) fn cancel(state: &mut State) {
    let Some(l) = selected(state) else {
        state.notify(Level::Info, "No action selected");
        return;
    };
    match (&l.status, &l.action_id) {
        (LineStatus::Service(s), Some(id)) if !s.is_terminal() => {
            let device = state
                .device
                .panel
                .as_ref()
                .and_then(|p| p.context())
                .map(|c| c.machine.display_name().to_string())
                .unwrap_or_default();
            cancel::open(state, id.clone(), l.label.clone(), device);
        }
        (LineStatus::Sending, _) => state.notify(
            Level::Info,
            format!(
                "{} is still on its way: cancel it once the service holds it",
                l.label
            ),
        ),
        _ => state.notify(
            Level::Info,
            format!(
                "{} is {}: only a pending action can be cancelled",
                l.label,
                status_text(&l.status)
            ),
        ),
    }
}

/// `L`: the download link of the highlighted (else the newest) succeeded investigation package.
pub(crate) fn package_link(state: &mut State) -> Effects {
    let Some(lines) = of_panel(&state.device) else {
        state.notify(Level::Info, "Open the device panel (d) first");
        return Effects::none();
    };
    let cursor = state.device.panel.as_ref().map_or(0, |p| p.cursor);
    let collect = |l: &&ActionLine| l.action_type == ActionType::CollectInvestigationPackage;
    let ready = |l: &&ActionLine| l.status == LineStatus::Service(ActionStatus::Succeeded);
    let pick = lines
        .actions
        .get(cursor)
        .filter(|l| collect(l) && ready(l))
        .or_else(|| lines.actions.iter().filter(collect).find(ready));
    match pick.and_then(|l| l.action_id.clone()) {
        Some(action_id) => {
            let req = state.req();
            state.device.package_reqs.insert(req, action_id.clone());
            state.notify(Level::Info, "Asking for the package's download link…");
            Effects::one(Effect::GetPackageUri { req, action_id })
        }
        None => {
            let why = match lines.actions.iter().find(collect) {
                Some(l) => format!(
                    "The investigation package is not ready ({}): its link comes once it succeeded",
                    status_text(&l.status)
                ),
                None => {
                    "No investigation package on this device: x → Collect investigation package"
                        .to_string()
                }
            };
            state.notify(Level::Info, why);
            Effects::none()
        }
    }
}
