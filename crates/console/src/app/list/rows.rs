//! The alert list as compact rows keyed by id, plus the filtered and sorted view as indices.
//! The full order is kept sorted; a filter keystroke only walks it once, allocating nothing per row.

use super::filter::Query;
use super::sort::SortSpec;
use mde_model::AlertRow;
use std::collections::HashMap;

/// All known rows and the current view over them.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    rows: Vec<AlertRow>,
    by_id: HashMap<String, u32>,
    /// Every row index, in sort order.
    order: Vec<u32>,
    /// The rows that pass the filter, in sort order.
    view: Vec<u32>,
}

/// What an upsert did to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    /// The id was not known.
    Inserted,
    /// The row replaced an older version.
    Updated,
    /// The incoming row was older than the one held, so it was dropped.
    Stale,
}

impl Rows {
    /// Number of rows held.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when no rows are held.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Number of rows passing the filter.
    pub fn view_len(&self) -> usize {
        self.view.len()
    }

    /// The row with this id.
    pub fn get(&self, id: &str) -> Option<&AlertRow> {
        self.by_id.get(id).map(|&i| &self.rows[i as usize])
    }

    /// Mutable access to the row with this id (call `resort` after changing sort fields).
    pub fn get_mut(&mut self, id: &str) -> Option<&mut AlertRow> {
        self.by_id.get(id).map(|&i| &mut self.rows[i as usize])
    }

    /// The row at a position of the view.
    pub fn at(&self, pos: usize) -> Option<&AlertRow> {
        self.view.get(pos).map(|&i| &self.rows[i as usize])
    }

    /// Position of an id in the view.
    pub fn position(&self, id: &str) -> Option<usize> {
        let idx = *self.by_id.get(id)?;
        self.view.iter().position(|&i| i == idx)
    }

    /// The rows of the view in order.
    pub fn iter_view(&self) -> impl Iterator<Item = &AlertRow> {
        self.view.iter().map(|&i| &self.rows[i as usize])
    }

    /// Inserts or replaces a row. A row whose `last_update` is older than the held one is
    /// dropped: an answer that arrives out of order must not roll an alert back.
    pub fn upsert(&mut self, row: AlertRow) -> Upsert {
        if let Some(&i) = self.by_id.get(&row.id) {
            let held = &mut self.rows[i as usize];
            if let (Some(new), Some(old)) = (row.last_update, held.last_update)
                && new < old
            {
                return Upsert::Stale;
            }
            *held = row;
            Upsert::Updated
        } else {
            let Ok(i) = u32::try_from(self.rows.len()) else {
                return Upsert::Stale;
            };
            self.by_id.insert(row.id.clone(), i);
            self.rows.push(row);
            self.order.push(i);
            Upsert::Inserted
        }
    }

    /// Replaces a row unconditionally (optimistic changes and their reverts).
    pub fn replace(&mut self, row: AlertRow) {
        if let Some(&i) = self.by_id.get(&row.id) {
            self.rows[i as usize] = row;
        } else {
            self.upsert(row);
        }
    }

    /// Drops every row whose id is not in `keep` (a complete refresh).
    pub fn retain_ids(&mut self, keep: &std::collections::HashSet<&str>) {
        let old = std::mem::take(&mut self.rows);
        self.by_id.clear();
        self.order.clear();
        self.view.clear();
        for r in old.into_iter().filter(|r| keep.contains(r.id.as_str())) {
            self.upsert(r);
        }
    }

    /// Re-sorts the full order.
    pub fn resort(&mut self, spec: &SortSpec) {
        let rows = &self.rows;
        self.order
            .sort_unstable_by(|&a, &b| spec.compare(&rows[a as usize], &rows[b as usize]));
    }

    /// Rebuilds the view from the order with a filter.
    pub fn refilter(&mut self, query: &Query, me: &str) {
        let rows = &self.rows;
        self.view.clear();
        if query.is_empty() {
            self.view.extend_from_slice(&self.order);
        } else {
            self.view.extend(
                self.order
                    .iter()
                    .copied()
                    .filter(|&i| query.matches(&rows[i as usize], me)),
            );
        }
    }
}
