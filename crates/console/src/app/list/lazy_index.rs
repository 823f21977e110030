//! The rows' text index, with a backlog (scale issue): rows that arrive in bulk while a sync
//! streams in are shown at once and indexed afterwards, a slice at a time while the console
//! has nothing else to do. Indexing was more than half of the UI thread's work per
//! 10,000-row page of a first sync (54-59 ms a page, 27-33 without it), on the 2 cores the
//! sync itself needs. A row waiting in the backlog is a
//! candidate of every query (`TextIndex::set_unindexed`), so a filter typed meanwhile reads its
//! text and misses nothing; only that keystroke is slower.

use mde_model::AlertRow;
use mde_query::{Candidates, Query, TextIndex};

/// The index and the rows that wait to be indexed.
#[derive(Debug, Clone, Default)]
pub(super) struct LazyIndex {
    index: TextIndex,
    /// Row indexes left unindexed, oldest first (a row changed twice may be in it twice).
    backlog: Vec<u32>,
    /// How many of `backlog` are indexed already.
    done: usize,
    /// Rows set now go to the backlog instead of being indexed.
    deferring: bool,
}

impl LazyIndex {
    /// Indexes row `i` as `row` now, or puts it in the backlog while deferring.
    pub(super) fn set(&mut self, i: u32, row: &AlertRow) {
        if self.deferring {
            self.index.set_unindexed(i as usize);
            self.backlog.push(i);
        } else {
            self.index
                .set(i as usize, &row.search, row.assigned_to.as_deref());
        }
    }

    /// Whether rows set from now on wait in the backlog.
    pub(super) fn defer(&mut self, on: bool) {
        self.deferring = on;
    }

    /// Forgets every row (the row indexes are about to be reused).
    pub(super) fn clear(&mut self) {
        self.index.clear();
        self.backlog.clear();
        self.done = 0;
    }

    /// The rows `query` may match (see [`TextIndex::candidates`]).
    pub(super) fn candidates(&self, query: &Query) -> Option<Candidates> {
        self.index.candidates(query)
    }

    /// Indexes up to `budget` rows of the backlog, oldest first (in the order the rows were
    /// read, so their text is read front to back).
    pub(super) fn catch_up(&mut self, rows: &[AlertRow], budget: usize) {
        let end = self.backlog.len().min(self.done + budget);
        for &i in &self.backlog[self.done..end] {
            if let Some(row) = rows.get(i as usize) {
                self.index
                    .set(i as usize, &row.search, row.assigned_to.as_deref());
            }
        }
        self.done = end;
        if self.done == self.backlog.len() {
            self.backlog.clear();
            self.done = 0;
        }
    }

    /// How many row entries wait to be indexed.
    pub(super) fn waiting(&self) -> usize {
        self.backlog.len() - self.done
    }
}
