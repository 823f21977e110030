//! The rules that cross features, in one place: moving the list cursor loads the open detail,
//! and Esc steps back one level through the view, the marks, the detail and the filter.

use crate::app::chrome::toasts::Level;
use crate::app::detail::actions as detail;
use crate::app::effects::Effects;
use crate::app::state::State;
use crate::app::view::state::Pane;

/// Puts the list cursor on a view position. When the detail pane is open on another alert it
/// follows the cursor: the new alert's detail is asked for.
pub(crate) fn select(state: &mut State, pos: usize) -> Effects {
    let page = state.page_size();
    let Some(id) = state.list.move_cursor(pos, page) else {
        return Effects::none();
    };
    match &state.detail {
        Some(d) if d.alert_id != id => detail::open(state, id),
        _ => Effects::none(),
    }
}

/// Esc: one level back — zoom, range mark, focus to the list, close the detail, clear the filter.
pub(crate) fn back(state: &mut State) {
    if state.zoom.take().is_some() {
        return;
    }
    if state.list.marks.range.is_some() {
        state.list.marks.cancel_range();
        return;
    }
    if state.focus != Pane::List {
        state.focus = Pane::List;
        return;
    }
    if state.detail.take().is_some() {
        return;
    }
    if !state.list.filter_text.is_empty() {
        state.list.set_filter_text("", &state.config.identity);
        state.notify(Level::Info, "Filter cleared");
    }
}
