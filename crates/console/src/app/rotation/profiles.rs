//! `:profile NAME`: the runtime switches the store, sign-in and sync to another profile of the
//! config and answers `ProfileSwitched`; the console then starts over on the new profile — its
//! settings (keys, theme, views, SLA, zone), an empty list and detail, nothing marked or open —
//! and asks for its cache and first fetch as at start.

use super::state::Rotation;
use super::views::list_for;
use super::window;
use crate::app::chrome::toasts::Level;
use crate::app::connection::state::Connection;
use crate::app::effects::Effects;
use crate::app::state::State;
use crate::app::triage::state::Triage;
use crate::app::view::state::{Pane, TimeMode};
use mde_model::protocol::{Effect, ProfileInfo};
use mde_ops::Zone;

/// The profiles the console knows, by name.
pub fn known(state: &State) -> Vec<&str> {
    state
        .config
        .profiles
        .iter()
        .map(|(n, _)| n.as_str())
        .collect()
}

/// Asks the runtime to switch to a profile (refused here when it cannot be one).
pub(crate) fn switch(state: &mut State, name: &str) -> Effects {
    let name = name.trim();
    let names = known(state);
    let list = if names.is_empty() {
        String::new()
    } else {
        format!(" (profiles: {})", names.join(", "))
    };
    if let Some(file) = &state.config.offline_file {
        let text = format!("FILE {file} is an offline file: it has no profiles to switch to");
        state.notify(Level::Warn, text);
        return Effects::none();
    }
    if name.is_empty() {
        state.notify(Level::Warn, format!("Which profile? :profile NAME{list}"));
        return Effects::none();
    }
    if name == state.config.profile {
        state.notify(Level::Info, format!("Already on profile {name}"));
        return Effects::none();
    }
    if !names.is_empty() && !names.contains(&name) {
        let hint = mde_ops::suggest::closest(name, names.iter().copied())
            .map(|c| format!(" — did you mean {c}?"))
            .unwrap_or_default();
        state.notify(Level::Warn, format!("Unknown profile '{name}'{hint}{list}"));
        return Effects::none();
    }
    state.rotation.switching = Some(name.to_string());
    state.notify(Level::Info, format!("Switching to profile {name}…"));
    Effects::one(Effect::SwitchProfile {
        name: name.to_string(),
    })
}

/// The runtime now talks to another profile: start over on it.
pub(crate) fn on_switched(state: &mut State, info: ProfileInfo) -> Effects {
    let settings = state
        .config
        .profiles
        .iter()
        .find(|(n, _)| *n == info.name)
        .map(|(_, s)| s.clone())
        .unwrap_or_default();
    let c = &mut state.config;
    c.profile = info.name;
    c.tenant = info.tenant;
    if !info.identity.is_empty() {
        c.identity = info.identity;
    }
    c.read_only = info.read_only;
    c.settings = settings;
    state.list = list_for(&state.config.settings, &state.config.identity);
    state.detail = None;
    state.dialogs.clear();
    state.triage = Triage::new(state.config.recent_owners.clone(), &state.config.identity);
    state.connection = Connection::default();
    state.rotation = Rotation::new(&state.config.settings);
    state.focus = Pane::List;
    state.zoom = None;
    if let Some(now) = state.now {
        state.time_mode = match state.config.settings.zone {
            Zone::Utc => state.time_mode,
            _ => TimeMode::Local(window::zone(state).offset_at(now)),
        };
    }
    window::refresh(state);
    let who = if state.config.tenant.is_empty() {
        state.config.profile.clone()
    } else {
        format!("{} (tenant {})", state.config.profile, state.config.tenant)
    };
    state.notify(Level::Info, format!("Now on profile {who}"));
    let req = state.req();
    state.connection.refresh_req = Some(req);
    Effects::one(Effect::Start { req })
}

/// The switch did not happen; the current profile stays.
pub(crate) fn on_failed(state: &mut State, name: &str, error: &str) {
    state.rotation.switching = None;
    let text = format!(
        "Could not switch to profile {name}: {error} (still on {})",
        state.config.profile
    );
    state.notify(Level::Error, text);
}
