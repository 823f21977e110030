//! Start-up, `r` / Ctrl-R, `p`, and the sync task's status, sign-in and refresh-failure reports.

use crate::app::chrome::toasts::Level;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::viewer::state::Viewer;
use crate::app::effects::Effects;
use crate::app::state::State;
use mde_model::protocol::{Effect, RequestId, SyncStatus};

/// Start-up: asks the sync task for the cache and the first fetch.
pub(crate) fn start(state: &mut State) -> Effects {
    let req = state.req();
    state.connection.refresh_req = Some(req);
    Effects::one(Effect::Start { req })
}

/// `r` / Ctrl-R.
pub(crate) fn refresh(state: &mut State, full: bool) -> Effects {
    let req = state.req();
    state.connection.refresh_req = Some(req);
    Effects::one(Effect::Refresh { req, full })
}

/// `p`.
pub(crate) fn toggle_pause(state: &mut State) -> Effects {
    let paused = !state.connection.paused;
    state.connection.paused = paused;
    let text = if paused {
        "Live updates paused (p resumes)"
    } else {
        "Live updates resumed"
    };
    state.notify(Level::Info, text);
    Effects::one(Effect::SetPolling { paused })
}

/// A refresh answered: it is no longer waited for, and any earlier error is over.
pub(crate) fn on_refreshed(state: &mut State, req: RequestId) {
    let c = &mut state.connection;
    if c.refresh_req.is_some_and(|r| r <= req) {
        c.refresh_req = None;
    }
    c.refresh_error = None;
}

/// A refresh failed: once is "retrying", again is "offline".
pub(crate) fn on_refresh_failed(state: &mut State, req: RequestId, error: String) {
    let c = &mut state.connection;
    if c.refresh_req == Some(req) {
        c.refresh_req = None;
    }
    c.failures = c.failures.saturating_add(1);
    c.refresh_error = Some(error.clone());
    let text = if c.offline() {
        format!("Offline: {error} (the list shows the cache; writes wait in the outbox)")
    } else {
        format!("Refresh failed, retrying: {error}")
    };
    state.notify(Level::Warn, text);
}

/// The sync task's status report. A report without an error means the service answered.
pub(crate) fn on_status(state: &mut State, status: SyncStatus) {
    let c = &mut state.connection;
    c.paused = status.paused;
    let answered = status.error.is_none() && c.status.last_sync != status.last_sync;
    c.status = status;
    if answered {
        c.on_service_answered();
    }
}

/// Device-code sign-in: the page and the code, in the viewer (copyable) and over the panes.
pub(crate) fn on_sign_in(state: &mut State, url: String, code: String) {
    state.dialogs.push(Dialog::Viewer(Viewer::new(
        "Sign in",
        format!("Open {url}\nand enter the code {code}"),
    )));
    state.connection.sign_in = Some((url, code));
}
