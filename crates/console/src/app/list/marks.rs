//! Marks for bulk actions, keyed by alert id so they survive refresh, sort and filter.

use super::rows::Rows;
use std::collections::HashSet;

/// A range mark in progress (`V`): the marks follow the cursor from the anchor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RangeMark {
    /// Where the range began.
    pub anchor: String,
    /// The marks held before the range began.
    pub base: HashSet<String>,
}

/// The marked alerts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    set: HashSet<String>,
    /// The last id toggled, the start of a Shift-Space range.
    last: Option<String>,
    /// A live range mark.
    pub range: Option<RangeMark>,
}

impl Marks {
    /// True when the id is marked.
    pub fn contains(&self, id: &str) -> bool {
        self.set.contains(id)
    }

    /// Number of marks.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// True when nothing is marked.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    /// The marked ids in list order (ids not in the current view follow, sorted).
    pub fn ids_in_order(&self, rows: &Rows) -> Vec<String> {
        let mut out: Vec<(usize, &String)> = self
            .set
            .iter()
            .map(|id| (rows.position(id).unwrap_or(usize::MAX), id))
            .collect();
        out.sort();
        out.into_iter().map(|(_, id)| id.clone()).collect()
    }

    /// How many marked ids the current view does not show.
    pub fn hidden(&self, rows: &Rows) -> usize {
        self.set.iter().filter(|id| !rows.in_view(id)).count()
    }

    /// Toggles one id.
    pub fn toggle(&mut self, id: &str) {
        if !self.set.remove(id) {
            self.set.insert(id.to_string());
        }
        self.last = Some(id.to_string());
    }

    /// Marks every id from the last toggled one to `id` (in view order).
    pub fn mark_to(&mut self, rows: &Rows, id: &str) {
        let from = self
            .last
            .as_deref()
            .and_then(|l| rows.position(l))
            .or_else(|| rows.position(id));
        if let (Some(a), Some(b)) = (from, rows.position(id)) {
            self.mark_span(rows, a, b);
        }
        self.last = Some(id.to_string());
    }

    /// Marks every id in the view.
    pub fn mark_all(&mut self, rows: &Rows) {
        self.set.extend(rows.iter_view().map(|r| r.id.clone()));
    }

    /// Clears all marks and any range.
    pub fn clear(&mut self) {
        self.set.clear();
        self.range = None;
        self.last = None;
    }

    /// Starts a range mark at `id`.
    pub fn start_range(&mut self, id: &str) {
        self.range = Some(RangeMark {
            anchor: id.to_string(),
            base: self.set.clone(),
        });
        self.set.insert(id.to_string());
    }

    /// Ends the range, keeping the marks it made.
    pub fn end_range(&mut self) {
        self.range = None;
    }

    /// Ends the range and restores the marks held before it.
    pub fn cancel_range(&mut self) {
        if let Some(r) = self.range.take() {
            self.set = r.base;
        }
    }

    /// After the cursor moved: the range covers anchor..=cursor.
    pub fn follow_cursor(&mut self, rows: &Rows, cursor_id: &str) {
        let Some(range) = &self.range else {
            return;
        };
        let base = range.base.clone();
        let anchor = rows.position(&range.anchor);
        self.set = base;
        match (anchor, rows.position(cursor_id)) {
            (Some(a), Some(b)) => self.mark_span(rows, a, b),
            _ => {
                self.set.insert(cursor_id.to_string());
            }
        }
    }

    fn mark_span(&mut self, rows: &Rows, a: usize, b: usize) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        for pos in lo..=hi {
            if let Some(r) = rows.at(pos) {
                self.set.insert(r.id.clone());
            }
        }
    }
}
