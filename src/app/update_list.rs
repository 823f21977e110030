//! List behaviour: moving the cursor (by pane), the filter, sorting, quick views and marks.

use super::action::{Action, QuickView};
use super::dialog::{Dialog, Input, InputKind, Menu, MenuValue};
use super::filter::Query;
use super::line_input::LineInput;
use super::sort::SortKey;
use super::state::{Level, Pane, State};
use super::update_view;
use crate::model::protocol::Effect;

/// Moves within the focused pane.
pub(crate) fn navigate(state: &mut State, action: Action) -> Vec<Effect> {
    let page = state.page_size();
    let half = (page / 2).max(1);
    let delta: isize = match action {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -(page as isize),
        Action::PageDown => page as isize,
        Action::HalfPageUp => -(half as isize),
        Action::HalfPageDown => half as isize,
        Action::Top => isize::MIN,
        _ => isize::MAX,
    };
    match state.focus {
        Pane::List => {
            let len = state.rows.view_len();
            if len == 0 {
                return Vec::new();
            }
            let pos = match delta {
                isize::MIN => 0,
                isize::MAX => len - 1,
                d => state.cursor.saturating_add_signed(d).min(len - 1),
            };
            set_cursor(state, pos)
        }
        Pane::Evidence => {
            if let Some(d) = state.detail.as_mut() {
                match delta {
                    isize::MIN => d.tree.move_to_end(false),
                    isize::MAX => d.tree.move_to_end(true),
                    d2 => d.tree.move_by(d2),
                }
            }
            Vec::new()
        }
        Pane::Detail | Pane::Comments => {
            if let Some(d) = state.detail.as_mut() {
                let scroll = if state.focus == Pane::Detail {
                    &mut d.scroll
                } else {
                    &mut d.comments_scroll
                };
                // The UI clamps the bottom: it alone knows how many lines the pane wraps to.
                *scroll = match delta {
                    isize::MIN => 0,
                    isize::MAX => usize::MAX / 2,
                    d2 => scroll.saturating_add_signed(d2),
                };
            }
            Vec::new()
        }
    }
}

/// Puts the list cursor on a view position; loads the detail when the detail pane is open.
pub(crate) fn set_cursor(state: &mut State, pos: usize) -> Vec<Effect> {
    let Some(id) = state.rows.at(pos).map(|r| r.id.clone()) else {
        return Vec::new();
    };
    state.cursor = pos;
    state.new_ids.remove(&id);
    state.marks.follow_cursor(&state.rows, &id);
    let page = state.page_size();
    if pos < state.list_offset {
        state.list_offset = pos;
    } else if pos >= state.list_offset + page {
        state.list_offset = pos + 1 - page;
    }
    state.selected = Some(id.clone());
    match &state.detail {
        Some(d) if d.alert_id != id => update_view::load_detail(state, id),
        _ => Vec::new(),
    }
}

/// Re-sorts and re-filters, then puts the cursor back on the selected alert.
pub(crate) fn rebuild(state: &mut State) {
    state.rows.resort(&state.sort);
    refilter(state);
}

/// Re-filters (the order is unchanged), then restores the selection.
pub(crate) fn refilter(state: &mut State) {
    state.rows.refilter(&state.query, &state.config.identity);
    restore_selection(state);
}

fn restore_selection(state: &mut State) {
    let len = state.rows.view_len();
    if let Some(pos) = state
        .selected
        .as_deref()
        .and_then(|id| state.rows.position(id))
    {
        state.cursor = pos;
    } else if len == 0 {
        state.cursor = 0;
        state.selected = None;
    } else {
        // The selected alert left the view: stay at the same place in the list.
        state.cursor = state.cursor.min(len - 1);
        state.selected = state.rows.at(state.cursor).map(|r| r.id.clone());
    }
    if let Some(id) = &state.selected {
        state.new_ids.remove(id);
    }
}

/// Opens the `/` input with the current filter text.
pub(crate) fn open_filter(state: &mut State) -> Vec<Effect> {
    state.dialogs.push(Dialog::Input(Input {
        kind: InputKind::Filter,
        line: LineInput::new(state.filter_text.clone()),
        original: state.filter_text.clone(),
        suggestions: Vec::new(),
        selected: 0,
    }));
    Vec::new()
}

/// Sets the filter text; applies it when it parses, otherwise keeps the last good query and
/// records the error for the UI.
pub(crate) fn set_filter_text(state: &mut State, text: &str) {
    state.filter_text = text.to_string();
    match Query::parse(text) {
        Ok(q) => {
            state.filter_error = None;
            if q != state.query {
                state.query = q;
                refilter(state);
            }
        }
        Err(e) => state.filter_error = Some(e),
    }
}

/// Applies a built-in view.
pub(crate) fn quick_view(state: &mut State, v: QuickView) -> Vec<Effect> {
    set_filter_text(state, v.query());
    state.notify(
        Level::Info,
        format!("View: {} ({} alerts)", v.query(), state.match_count()),
    );
    Vec::new()
}

/// Opens the sort menu with the current key highlighted.
pub(crate) fn open_sort_menu(state: &mut State) -> Vec<Effect> {
    let items = SortKey::ALL
        .iter()
        .map(|&k| {
            let label = if k == state.sort.key {
                state.sort.indicator()
            } else {
                k.label().to_string()
            };
            (label, MenuValue::Sort(k))
        })
        .collect();
    let selected = SortKey::ALL
        .iter()
        .position(|&k| k == state.sort.key)
        .unwrap_or(0);
    state
        .dialogs
        .push(Dialog::Menu(Menu::new("Sort by", items, selected)));
    Vec::new()
}

/// Sorts by a key; the current key again flips the direction.
pub(crate) fn choose_sort(state: &mut State, key: SortKey) {
    if state.sort.key == key {
        state.sort.descending = !state.sort.descending;
    } else {
        state.sort.key = key;
        // Times, severity and numbers read best largest first; names alphabetically.
        state.sort.descending = matches!(
            key,
            SortKey::Severity | SortKey::Created | SortKey::Updated | SortKey::Incident
        );
    }
    rebuild(state);
    let text = format!("Sorted by {}", state.sort.indicator());
    state.notify(Level::Info, text);
}

/// Flips the sort direction.
pub(crate) fn reverse_sort(state: &mut State) -> Vec<Effect> {
    choose_sort(state, state.sort.key);
    Vec::new()
}

/// Mark actions on the list.
pub(crate) fn marks_action(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(id) = state.selected.clone() else {
        return Vec::new();
    };
    match action {
        Action::ToggleMark => {
            state.marks.end_range();
            state.marks.toggle(&id);
            // Like a file manager: marking moves on, so Space Space Space marks a run.
            let next = (state.cursor + 1).min(state.rows.view_len().saturating_sub(1));
            return set_cursor(state, next);
        }
        Action::MarkToHere => state.marks.mark_to(&state.rows, &id),
        Action::RangeMark => {
            if state.marks.range.is_some() {
                state.marks.end_range();
            } else {
                state.marks.start_range(&id);
            }
        }
        Action::MarkAllVisible => {
            state.marks.mark_all(&state.rows);
            let n = state.marks.len();
            state.notify(Level::Info, format!("{n} marked"));
        }
        _ => {
            state.marks.clear();
            state.notify(Level::Info, "Marks cleared");
        }
    }
    Vec::new()
}
