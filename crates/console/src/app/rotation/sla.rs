//! The SLA counts of the status bar: near and breached alerts among every row held (a filter
//! hides rows, not breaches), counted again only when the rows change or the minute turns, so a
//! keystroke or a frame costs nothing for them.

use crate::app::state::State;

/// Counts again when the rows or the minute changed since the last count.
pub(crate) fn refresh(state: &mut State) {
    let Some(now) = state.now else {
        return;
    };
    let key = (
        state.list.rows.generation(),
        now.millis().div_euclid(60_000),
    );
    if state.rotation.sla.key == Some(key) {
        return;
    }
    let counts = state
        .config
        .settings
        .sla
        .count(state.list.rows.iter_all(), now);
    if counts != state.rotation.sla.counts {
        state.dirty = true;
    }
    state.rotation.sla.counts = counts;
    state.rotation.sla.key = Some(key);
}
