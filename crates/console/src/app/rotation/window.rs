//! Saved views with a time window (`resolved-today`, `updated_within = "24h"`): the window's
//! start is measured on the console's clock in the profile's zone, and measured again as the
//! clock moves, so "today" turns at midnight there.

use crate::app::state::State;
use chrono::TimeDelta;
use mde_model::Timestamp;
use mde_ops::Zone;

/// Sets the window's start for the view in force and re-filters when it moved. The clock is
/// taken to the minute, so a sliding window (`24h`) moves once a minute, not on every tick.
pub(crate) fn refresh(state: &mut State) {
    let window = state.list.view_def().and_then(|v| v.window);
    let start = match (window, state.now) {
        (Some(w), Some(now)) => {
            let minute =
                Timestamp(now.0 - TimeDelta::milliseconds(now.millis().rem_euclid(60_000)));
            Some(w.start(minute, &zone(state)))
        }
        _ => None,
    };
    if start != state.list.window_start {
        state.list.window_start = start;
        state.list.refilter(&state.config.identity);
        state.dirty = true;
    }
}

/// The profile's zone; the machine's own is the offset the runtime measured at start (the
/// console reads no clock or zone database of its own).
pub(crate) fn zone(state: &State) -> Zone {
    match state.config.settings.zone {
        Zone::Local => Zone::Fixed(state.config.local_offset),
        z => z,
    }
}
