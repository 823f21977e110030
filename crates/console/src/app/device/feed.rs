//! The sync task's device answers: the panel's device, our actions' progress (said in a message
//! as it moves on, kept for the panel), failures worded by their kind (the missing permission
//! named), the package link (copied as `y` copies), indicators. Answers to requests nobody is
//! waiting for any more are dropped.

use super::follow;
use super::state::{Asked, PanelLoad};
use super::words::{cap, describe, failure_words, retry_key};
use crate::app::chrome::toasts::Level;
use crate::app::dialogs::menu::yank;
use crate::app::dialogs::response::{bulk, open as response};
use crate::app::effects::Effects;
use crate::app::state::State;
use mde_model::device::{ActionFailure, ActionSend, ActionStatus, DeviceContext, SendState};
use mde_model::protocol::{Msg, RequestId};

/// One device message.
pub(crate) fn on_msg(state: &mut State, msg: Msg) -> Effects {
    match msg {
        Msg::DeviceLoaded { req, device } => return loaded(state, req, device),
        Msg::DeviceFailed { req, error } => failed(state, req, error),
        Msg::ActionUpdated { req, send } => updated(state, req, *send),
        Msg::ActionFailed {
            req,
            send,
            action_id,
            failure,
        } => action_failed(state, req, send.map(|s| *s), action_id, failure),
        Msg::PackageUri {
            req,
            action_id: _,
            result,
        } => {
            if state.device.package_reqs.remove(&req).is_none() {
                return Effects::none();
            }
            return match result {
                Ok(url) => yank::copy(
                    state,
                    "download link of the investigation package".to_string(),
                    url,
                ),
                Err(e) => {
                    state.notify(Level::Warn, format!("No download link: {e}"));
                    Effects::none()
                }
            };
        }
        Msg::IndicatorAdded { req, indicator } => {
            let what = state.device.indicator_reqs.remove(&req).unwrap_or_default();
            state.notify(
                Level::Info,
                format!(
                    "Indicator {} added: {what} (it can take up to 48 hours to apply)",
                    indicator.id
                ),
            );
        }
        Msg::IndicatorDeleted { req, id } => {
            state.device.indicator_reqs.remove(&req);
            state.notify(Level::Info, format!("Indicator {id} deleted"));
        }
        Msg::DeviceTagged { req, machine } => super::tags::on_tagged(state, req, *machine),
        Msg::DeviceTagFailed { req, error } => super::tags::on_failed(state, req, &error),
        Msg::IndicatorFailed { req, error } => {
            let what = state.device.indicator_reqs.remove(&req).unwrap_or_default();
            state.notify(
                Level::Error,
                format!("Indicator not added ({what}): {error}"),
            );
        }
        _ => {}
    }
    Effects::none()
}

fn loaded(state: &mut State, req: RequestId, device: Box<DeviceContext>) -> Effects {
    if state.device.panel.as_ref().is_some_and(|p| p.req == req) {
        // The menu it waited for opens now (or the panel shows the device): the wait is over.
        if state.toasts.retract(response::LOADING_FIRST) {
            state.dirty = true;
        }
        for s in &device.sends {
            state.device.remember(s.clone(), false);
        }
        if let Some(p) = state.device.panel.as_mut() {
            p.load = PanelLoad::Loaded(device);
        }
        follow::describe_alert(state);
        if let Some((r, family)) = state.device.menu_after_load
            && r == req
        {
            state.device.menu_after_load = None;
            if state.dialogs.is_empty() {
                response::open_loaded(state, family);
            }
        }
        return Effects::none();
    }
    bulk::on_loaded(state, req, Ok(device))
}

fn failed(state: &mut State, req: RequestId, error: String) {
    let mine = state.device.panel.as_ref().is_some_and(|p| p.req == req);
    if !mine {
        let _ = bulk::on_loaded(state, req, Err(error));
        return;
    }
    let waiting = state
        .device
        .menu_after_load
        .take_if(|(r, _)| *r == req)
        .is_some();
    if state.toasts.retract(response::LOADING_FIRST) {
        state.dirty = true;
    }
    if let Some(p) = state.device.panel.as_mut() {
        match p.load {
            // A refresh that failed leaves what was shown.
            PanelLoad::Loaded(_) => {}
            _ => p.load = PanelLoad::Failed(error.clone()),
        }
    }
    if waiting {
        state.notify(
            Level::Warn,
            format!(
                "No response actions: {} (:indicator still adds an indicator)",
                super::words::no_device_words(&error)
            ),
        );
    }
}

fn updated(state: &mut State, req: RequestId, send: ActionSend) {
    let before = state
        .device
        .sends
        .get(&send.send_id)
        .map(|s| s.state.clone());
    let asked = state.device.asked.remove(&req);
    state.device.remember(send.clone(), true);
    if before.as_ref() == Some(&send.state) {
        return;
    }
    let what = describe(&send.request);
    let (level, text) = match &send.state {
        SendState::Sending => match asked {
            Some(Asked::Retry(_)) => (Level::Info, format!("Sending {what} again")),
            _ => (Level::Info, format!("Sending {what}…")),
        },
        SendState::Accepted { status, .. } => match status {
            ActionStatus::Pending if before.is_none_or(|b| matches!(b, SendState::Sending)) => (
                Level::Info,
                format!(
                    "{} accepted: Pending until the device picks it up",
                    cap(&what)
                ),
            ),
            ActionStatus::Pending => (Level::Info, format!("{}: Pending", cap(&what))),
            ActionStatus::InProgress => (Level::Info, format!("{}: in progress", cap(&what))),
            ActionStatus::Succeeded => {
                let more = if send.request.action.action_type()
                    == mde_model::device::ActionType::CollectInvestigationPackage
                {
                    " (L in the device panel copies its download link)"
                } else {
                    ""
                };
                (Level::Info, format!("{}: Succeeded{more}", cap(&what)))
            }
            ActionStatus::Cancelled => (Level::Info, format!("{}: Cancelled", cap(&what))),
            ActionStatus::Failed | ActionStatus::TimeOut => (
                Level::Error,
                format!(
                    "{}: {} on the device ({} in the device panel retries)",
                    cap(&what),
                    if *status == ActionStatus::Failed {
                        "Failed"
                    } else {
                        "Timed out"
                    },
                    retry_key(state)
                ),
            ),
            other => (Level::Info, format!("{}: {}", cap(&what), other.as_str())),
        },
        SendState::Failed(f) => (Level::Error, failure_words(&what, f, &retry_key(state))),
    };
    state.notify(level, text);
}

fn action_failed(
    state: &mut State,
    req: RequestId,
    send: Option<ActionSend>,
    action_id: Option<String>,
    failure: ActionFailure,
) {
    let asked = state.device.asked.remove(&req);
    let what = match (&send, &asked) {
        (Some(s), _) => describe(&s.request),
        (None, Some(Asked::Run(r))) => describe(r),
        (None, Some(Asked::Cancel { label, .. })) => format!("the cancel of {label}"),
        (None, Some(Asked::Retry(id))) => state
            .device
            .sends
            .get(id)
            .map(|s| describe(&s.request))
            .unwrap_or_else(|| "the retry".to_string()),
        (None, None) => match action_id {
            Some(id) => format!("action {id}"),
            None => "the response action".to_string(),
        },
    };
    if let Some(s) = send {
        state.device.remember(s, true);
    }
    let key = retry_key(state);
    state.notify(Level::Error, failure_words(&what, &failure, &key));
}
