//! New alerts during a session: beyond the `+` highlight, the opt-in terminal bell and desktop
//! notification (OSC 9 / OSC 777) of the config's `[notify]`. Nothing is returned unless the
//! config turned it on and an arrival reaches its severity; the escape is built by `mde_ops`,
//! which sanitises the alert's title inside it, and the terminal runtime writes it.

use crate::app::effects::Effects;
use crate::app::state::State;
use mde_model::AlertRow;
use mde_model::protocol::Effect;

/// The notification for alerts that just arrived (by id), if any is due.
pub(crate) fn on_arrived(state: &State, ids: &[String]) -> Effects {
    let notify = &state.config.settings.notify;
    // Until the first fetch of the session has finished, arrivals are its later pages (or what
    // came while the console was closed), not news: a burst at start-up would only be noise.
    let synced = state.connection.status.last_sync.is_some();
    if !notify.enabled() || ids.is_empty() || !synced {
        return Effects::none();
    }
    let rows: Vec<&AlertRow> = ids
        .iter()
        .filter_map(|id| state.list.rows.get(id))
        .collect();
    // The runtime passes the sequence through tmux when inside it (`$TMUX` is only checked
    // for being set).
    let tmux = state.config.in_tmux.then_some("tmux");
    match notify.sequence(&rows, tmux) {
        Some(sequence) => Effects::one(Effect::Notify { sequence }),
        None => Effects::none(),
    }
}
