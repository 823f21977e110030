//! List keys: moving the cursor, marks, views and reversing the sort.

use super::sort::SortKey;
use super::views::ViewId;
use crate::app::chrome::toasts::Level;
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::state::State;
use crate::app::update::rules;

/// Moves the list cursor by `delta` rows (`isize::MIN`/`MAX`: the first/last row).
pub(crate) fn move_by(state: &mut State, delta: isize) -> Effects {
    match state.list.position_after(delta) {
        Some(pos) => rules::select(state, pos),
        None => Effects::none(),
    }
}

/// Sets the filter text (see `ListState::set_filter_text`).
pub(crate) fn set_filter_text(state: &mut State, text: &str) {
    state.list.set_filter_text(text, &state.config.identity);
}

/// Sets the filter text and says so when it does not parse (the last good query stays).
pub(crate) fn apply_filter(state: &mut State, text: &str) {
    set_filter_text(state, text);
    if let Some(e) = &state.list.filter_error {
        let msg = format!("Filter not applied: {e}");
        state.notify(Level::Warn, msg);
    }
}

/// Switches to a named view (the filter stays and narrows it).
pub(crate) fn set_view(state: &mut State, v: ViewId) {
    state.list.set_view(v, &state.config.identity);
    // A view with a time window (issue 12) narrows at once, before its count is told.
    crate::app::rotation::window::refresh(state);
    let filter = if state.list.filter_text.trim().is_empty() {
        String::new()
    } else {
        " and the filter".to_string()
    };
    let text = format!(
        "View: {} ({} alerts{filter})",
        state.list.view_title(),
        state.list.match_count()
    );
    state.notify(Level::Info, text);
}

/// Sorts by a key (the current key again flips the direction) and says how.
pub(crate) fn sort_by(state: &mut State, key: SortKey) {
    state.list.sort_by(key, &state.config.identity);
    let text = format!("Sorted by {}", state.list.sort.indicator());
    state.notify(Level::Info, text);
}

/// Flips the sort direction.
pub(crate) fn reverse_sort(state: &mut State) {
    sort_by(state, state.list.sort.key);
}

/// Mark actions on the list.
pub(crate) fn marks_action(state: &mut State, action: Action) -> Effects {
    let Some(id) = state.list.selected.clone() else {
        return Effects::none();
    };
    let list = &mut state.list;
    match action {
        Action::ToggleMark => {
            list.marks.end_range();
            list.marks.toggle(&id);
            // Like a file manager: marking moves on, so Space Space Space marks a run.
            let next = (list.cursor + 1).min(list.rows.view_len().saturating_sub(1));
            return rules::select(state, next);
        }
        Action::MarkToHere => list.marks.mark_to(&list.rows, &id),
        Action::RangeMark => {
            if list.marks.range.is_some() {
                list.marks.end_range();
            } else {
                list.marks.start_range(&id);
            }
        }
        Action::MarkAllVisible => {
            list.marks.mark_all(&list.rows);
            let n = list.marks.len();
            state.notify(Level::Info, format!("{n} marked"));
        }
        _ => {
            list.marks.clear();
            state.notify(Level::Info, "Marks cleared");
        }
    }
    Effects::none()
}
