//! `o`: the Defender portal link of the alert the analyst is looking at, copied and shown.

use super::state::Viewer;
use crate::app::chrome::toasts::Level;
use crate::app::dialogs::Dialog;
use crate::app::effects::Effects;
use crate::app::state::State;
use crate::app::subject::rule::shown_alert;
use mde_model::protocol::Effect;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

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

/// Copies the portal link and shows it.
pub(crate) fn open(state: &mut State) -> Effects {
    let Some(id) = shown_alert(state) else {
        state.notify(Level::Info, "No alert selected");
        return Effects::none();
    };
    let url = portal_url(&state.config.portal_base, &state.config.tenant, &id);
    let title = format!(
        "Portal link of {} (copied)",
        crate::app::subject::rule::alert_name(state, &id)
    );
    state
        .dialogs
        .push(Dialog::Viewer(Viewer::new(title, url.clone())));
    state.notify(Level::Info, "Copied portal link");
    Effects::one(Effect::Clipboard {
        text: url,
        what: "portal link".to_string(),
    })
}
