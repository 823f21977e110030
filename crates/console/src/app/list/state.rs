//! The list's state and the operations that need nothing else: rebuilding the view after the
//! rows, the view, the filter or the sort changed, and moving the cursor.

use super::marks::Marks;
use super::rows::Rows;
use super::sort::{SortKey, SortSpec};
use super::views::{ViewDef, ViewId, built_in};
use mde_model::{AlertRow, Timestamp};
use mde_query::{ParseError, Query};
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
    /// Where the alert stands against its SLA target now (issue 12); `None`: no clock runs.
    pub sla: Option<mde_ops::SlaState>,
}

/// Why the list is empty, measured when it became so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Empty {
    /// Alerts the view alone holds (so the filter hides them all).
    pub in_view: usize,
    /// Alerts held in all.
    pub total: usize,
}

/// Everything the list owns.
#[derive(Debug, Clone)]
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
    /// The named views (built-in first).
    pub views: Vec<ViewDef>,
    /// The view in force; the filter narrows it.
    pub view: ViewId,
    /// Filter text as typed.
    pub filter_text: String,
    /// The filter in force (the last text that parsed).
    pub filter: Query,
    /// Why the filter text does not parse, if it does not.
    pub filter_error: Option<ParseError>,
    /// Sort order.
    pub sort: SortSpec,
    /// Alerts that arrived by poll and were not yet looked at.
    pub new_ids: HashSet<String>,
    /// First rows arrived (the list stops saying it is loading).
    pub loaded: bool,
    /// Why the view is empty, when it is.
    pub empty: Option<Empty>,
    // Saved views with a time window (issue 12).
    /// The first instant of the view's window, measured on the clock in the profile's zone
    /// (`None` until the clock is known, or when the view has no window).
    pub window_start: Option<Timestamp>,
    /// The cache had rows to show at start: what the service sends after them is new (without
    /// them, only what arrives after the first fetch finished is).
    pub cache_shown: bool,
    /// A fetch's pages are arriving: ticks since the last one (`indexing`: their rows are
    /// indexed once they stop).
    pub streaming: Option<u8>,
}

impl Default for ListState {
    fn default() -> Self {
        ListState {
            rows: Rows::default(),
            selected: None,
            cursor: 0,
            offset: 0,
            marks: Marks::default(),
            views: built_in(),
            view: ViewId::OPEN,
            filter_text: String::new(),
            filter: Query::default(),
            filter_error: None,
            sort: SortSpec::default(),
            new_ids: HashSet::new(),
            loaded: false,
            empty: None,
            window_start: None,
            cache_shown: false,
            streaming: None,
        }
    }
}

impl ListState {
    /// Number of rows passing the view and the filter.
    pub fn match_count(&self) -> usize {
        self.rows.view_len()
    }

    /// Number of rows held.
    pub fn total_count(&self) -> usize {
        self.rows.len()
    }

    /// The view in force.
    pub fn view_def(&self) -> Option<&ViewDef> {
        self.views.get(usize::from(self.view.0))
    }

    /// The view's title (`Open queue`, …).
    pub fn view_title(&self) -> &str {
        self.view_def().map_or("", |v| v.title.as_str())
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

    /// How many marked alerts the view and filter hide.
    pub fn hidden_marks(&self) -> usize {
        self.marks.hidden(&self.rows)
    }

    /// The view position `delta` rows from the cursor, clamped; `isize::MIN` and `isize::MAX`
    /// mean the first and the last row. `None` when the view is empty.
    pub fn position_after(&self, delta: isize) -> Option<usize> {
        super::step::step(self.cursor, self.rows.view_len(), delta)
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

    /// The view's query and the filter together, for the analyst `me`.
    pub fn effective_query(&self, me: &str) -> Query {
        let view = self
            .view_def()
            .and_then(|v| v.parse().ok())
            .unwrap_or_default();
        view.and(&self.filter).for_identity(me)
    }

    /// Re-filters (the order is unchanged), then restores the selection.
    pub fn refilter(&mut self, me: &str) {
        let view = self
            .view_def()
            .and_then(|v| v.parse().ok())
            .unwrap_or_default()
            .for_identity(me);
        let filter = self.filter.clone().for_identity(me);
        self.rows.refilter_within(&view, &filter);
        // A view's time window is not in the filter language: it narrows what the query left.
        if let (Some(w), Some(start)) = (self.view_def().and_then(|v| v.window), self.window_start)
        {
            self.rows.retain_view(|r| w.contains(r, start));
        }
        self.empty = None;
        if self.rows.view_len() == 0 && !self.rows.is_empty() {
            let in_view = if self.filter.is_empty() {
                0
            } else {
                self.rows.count_matching(&view)
            };
            self.empty = Some(Empty {
                in_view,
                total: self.rows.len(),
            });
        }
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
                if q != self.filter {
                    self.filter = q;
                    self.refilter(me);
                }
            }
            Err(e) => self.filter_error = Some(e),
        }
    }

    /// Switches to a view (the filter stays); a view that sets a sort sorts by it.
    pub fn set_view(&mut self, view: ViewId, me: &str) {
        let Some(def) = self.views.get(usize::from(view.0)) else {
            return;
        };
        self.view = view;
        match def.sort {
            Some(sort) if sort != self.sort => {
                self.sort = sort;
                self.rebuild(me);
            }
            _ => self.refilter(me),
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
