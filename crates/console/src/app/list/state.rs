//! The list's state and the operations that need nothing else: rebuilding the view after the
//! rows, filter or sort changed, and moving the cursor.

use super::filter::{FilterError, Query};
use super::marks::Marks;
use super::rows::Rows;
use super::sort::{SortKey, SortSpec};
use mde_model::AlertRow;
use std::collections::HashSet;
use std::ops::Range;

/// Read-only view of one list row for rendering.
#[derive(Debug, Clone, Copy)]
pub struct RowView<'a> {
    /// Position in the view.
    pub pos: usize,
    /// The row (with any optimistic change applied).
    pub row: &'a AlertRow,
    /// Under the cursor.
    pub selected: bool,
    /// Marked for a bulk action.
    pub marked: bool,
    /// A write on it is not yet confirmed.
    pub pending: bool,
    /// Arrived by poll and not yet seen.
    pub new: bool,
}

/// Everything the list owns.
#[derive(Debug, Clone, Default)]
pub struct ListState {
    /// Rows and the filtered, sorted view.
    pub rows: Rows,
    /// The selected alert (selection is keyed by id, not position).
    pub selected: Option<String>,
    /// Cursor position in the view (kept in step with `selected`).
    pub cursor: usize,
    /// First view position the list showed last; the UI may use it as a scroll hint.
    pub offset: usize,
    /// Marks.
    pub marks: Marks,
    /// Filter text as typed.
    pub filter_text: String,
    /// The query in force (the last one that parsed).
    pub query: Query,
    /// Why the filter text does not parse, if it does not.
    pub filter_error: Option<FilterError>,
    /// Sort order.
    pub sort: SortSpec,
    /// Alerts that arrived by poll and were not yet looked at.
    pub new_ids: HashSet<String>,
    /// First rows arrived (later arrivals are highlighted as new).
    pub loaded: bool,
}

impl ListState {
    /// Number of rows passing the filter.
    pub fn match_count(&self) -> usize {
        self.rows.view_len()
    }

    /// Number of rows held.
    pub fn total_count(&self) -> usize {
        self.rows.len()
    }

    /// The window of `height` rows to draw that keeps the cursor visible, near `offset`.
    pub fn window(&self, height: usize) -> Range<usize> {
        let len = self.rows.view_len();
        if height == 0 || len == 0 {
            return 0..0;
        }
        let mut off = self.offset.min(len.saturating_sub(1));
        if self.cursor < off {
            off = self.cursor;
        } else if self.cursor >= off + height {
            off = self.cursor + 1 - height;
        }
        off..(off + height).min(len)
    }

    /// The selected row.
    pub fn selected_row(&self) -> Option<&AlertRow> {
        self.selected.as_deref().and_then(|id| self.rows.get(id))
    }

    /// The ids a triage action applies to: the marks, else the selected alert.
    pub fn targets(&self) -> Vec<String> {
        if !self.marks.is_empty() {
            return self.marks.ids_in_order(&self.rows);
        }
        self.selected.iter().cloned().collect()
    }

    /// The view position `delta` rows from the cursor, clamped; `isize::MIN` and `isize::MAX`
    /// mean the first and the last row. `None` when the view is empty.
    pub fn position_after(&self, delta: isize) -> Option<usize> {
        let len = self.rows.view_len();
        if len == 0 {
            return None;
        }
        Some(match delta {
            isize::MIN => 0,
            isize::MAX => len - 1,
            d => self.cursor.saturating_add_signed(d).min(len - 1),
        })
    }

    /// Puts the cursor on a view position, scrolling by pages of `page` rows; returns the id
    /// now selected (`None` when the position is outside the view).
    pub fn move_cursor(&mut self, pos: usize, page: usize) -> Option<String> {
        let id = self.rows.at(pos).map(|r| r.id.clone())?;
        self.cursor = pos;
        self.new_ids.remove(&id);
        self.marks.follow_cursor(&self.rows, &id);
        if pos < self.offset {
            self.offset = pos;
        } else if pos >= self.offset + page {
            self.offset = pos + 1 - page;
        }
        self.selected = Some(id.clone());
        Some(id)
    }

    /// Re-sorts and re-filters, then puts the cursor back on the selected alert.
    pub fn rebuild(&mut self, me: &str) {
        self.rows.resort(&self.sort);
        self.refilter(me);
    }

    /// Re-filters (the order is unchanged), then restores the selection.
    pub fn refilter(&mut self, me: &str) {
        self.rows.refilter(&self.query, me);
        self.restore_selection();
    }

    fn restore_selection(&mut self) {
        let len = self.rows.view_len();
        if let Some(pos) = self
            .selected
            .as_deref()
            .and_then(|id| self.rows.position(id))
        {
            self.cursor = pos;
        } else if len == 0 {
            self.cursor = 0;
            self.selected = None;
        } else {
            // The selected alert left the view: stay at the same place in the list.
            self.cursor = self.cursor.min(len - 1);
            self.selected = self.rows.at(self.cursor).map(|r| r.id.clone());
        }
        if let Some(id) = &self.selected {
            self.new_ids.remove(id);
        }
    }

    /// Sets the filter text; applies it when it parses, otherwise keeps the last good query and
    /// records the error for the UI.
    pub fn set_filter_text(&mut self, text: &str, me: &str) {
        self.filter_text = text.to_string();
        match Query::parse(text) {
            Ok(q) => {
                self.filter_error = None;
                if q != self.query {
                    self.query = q;
                    self.refilter(me);
                }
            }
            Err(e) => self.filter_error = Some(e),
        }
    }

    /// Sorts by a key; the current key again flips the direction.
    pub fn sort_by(&mut self, key: SortKey, me: &str) {
        if self.sort.key == key {
            self.sort.descending = !self.sort.descending;
        } else {
            self.sort.key = key;
            // Times, severity and numbers read best largest first; names alphabetically.
            self.sort.descending = matches!(
                key,
                SortKey::Severity | SortKey::Created | SortKey::Updated | SortKey::Incident
            );
        }
        self.rebuild(me);
    }
}
