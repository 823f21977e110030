//! The incident view from the rows: scope, filter and sort into `view`, then the lines (each
//! expanded incident followed by its alerts), with the cursor put back on what it was on. Rows
//! from the service keep pending changes on top.

use super::filter;
use super::pending::apply_change;
use super::state::{IncLine, IncidentLoad, IncidentsState, Sel};
use mde_model::graph::IncidentRow;
use std::ops::Range;

impl IncidentsState {
    /// Re-scopes, re-filters and re-sorts, then rebuilds the lines.
    pub fn rebuild(&mut self, me: &str) {
        let mut ids: Vec<&IncidentRow> = self
            .rows
            .values()
            .filter(|r| filter::in_scope(self.scope, r, me) && filter::matches(&self.filter, r, me))
            .collect();
        let sort = self.sort;
        ids.sort_by(|a, b| sort.compare(a, b));
        self.view = ids.into_iter().map(|r| r.id.clone()).collect();
        self.relayout();
    }

    /// Rebuilds the lines from the view (an expansion or a detail changed), keeping the cursor
    /// on what it was on.
    pub fn relayout(&mut self) {
        let mut lines = Vec::with_capacity(self.view.len());
        for id in &self.view {
            lines.push(IncLine::Incident(id.clone()));
            if !self.expanded.contains(id) {
                continue;
            }
            let note = |text: String| IncLine::Note {
                incident: id.clone(),
                text,
            };
            match self.details.get(id) {
                None | Some(IncidentLoad::Loading(_)) => {
                    lines.push(note("Loading its alerts…".into()))
                }
                Some(IncidentLoad::Failed(e)) => {
                    lines.push(note(format!("Its alerts could not be loaded: {e}")))
                }
                Some(IncidentLoad::Loaded(d)) if d.alerts.is_empty() => {
                    lines.push(note("No alerts known for this incident".into()))
                }
                Some(IncidentLoad::Loaded(d)) => {
                    lines.extend(d.alerts.iter().map(|a| IncLine::Alert {
                        incident: id.clone(),
                        alert: a.id.clone(),
                    }))
                }
            }
        }
        self.lines = lines;
        self.restore_selection();
    }

    fn restore_selection(&mut self) {
        let len = self.lines.len();
        if len == 0 {
            self.cursor = 0;
            self.selected = None;
            return;
        }
        let found = self.selected.as_ref().and_then(|sel| {
            self.lines
                .iter()
                .position(|l| l.sel() == *sel)
                .or_else(|| match sel {
                    // The alert's incident collapsed: the cursor goes to the incident.
                    Sel::Alert(i, _) => self
                        .lines
                        .iter()
                        .position(|l| *l == IncLine::Incident(i.clone())),
                    Sel::Incident(_) => None,
                })
        });
        self.cursor = found.unwrap_or(self.cursor.min(len - 1));
        self.selected = self.lines.get(self.cursor).map(IncLine::sel);
    }

    /// The line position `delta` lines from the cursor, clamped (`isize::MIN`/`MAX`: first and
    /// last); `None` when there are no lines.
    pub fn position_after(&self, delta: isize) -> Option<usize> {
        let len = self.lines.len();
        if len == 0 {
            return None;
        }
        Some(match delta {
            isize::MIN => 0,
            isize::MAX => len - 1,
            d => self.cursor.saturating_add_signed(d).min(len - 1),
        })
    }

    /// Puts the cursor on a line, scrolling by pages of `page` lines; returns what it is on.
    pub fn move_cursor(&mut self, pos: usize, page: usize) -> Option<Sel> {
        let sel = self.lines.get(pos)?.sel();
        self.cursor = pos;
        if pos < self.offset {
            self.offset = pos;
        } else if pos >= self.offset + page.max(1) {
            self.offset = pos + 1 - page.max(1);
        }
        self.selected = Some(sel.clone());
        Some(sel)
    }

    /// Puts the cursor on an incident's line, if it is in the view.
    pub fn select_incident(&mut self, id: &str, page: usize) -> bool {
        match self
            .lines
            .iter()
            .position(|l| *l == IncLine::Incident(id.to_string()))
        {
            Some(pos) => self.move_cursor(pos, page).is_some(),
            None => false,
        }
    }

    /// The window of `height` lines to draw that keeps the cursor visible, near `offset`.
    pub fn window(&self, height: usize) -> Range<usize> {
        let len = self.lines.len();
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

    /// Sets the filter text; applies it when it is valid for incidents, otherwise keeps the last
    /// good filter and records why.
    pub fn set_filter_text(&mut self, text: &str, me: &str) {
        self.filter_text = text.to_string();
        match filter::parse(text) {
            Ok(q) => {
                self.filter_error = None;
                if q != self.filter {
                    self.filter = q;
                    self.rebuild(me);
                }
            }
            Err(e) => self.filter_error = Some(e),
        }
    }

    /// Takes a row from the service: the pending changes on it stay on top (and a revert will
    /// restore this newer version). An older copy than the one held is ignored unless `force`.
    pub fn ingest(&mut self, row: IncidentRow, force: bool) {
        let id = row.id.clone();
        let server_held = self
            .pending
            .iter()
            .find(|p| p.incident_id == id)
            .and_then(|p| p.before.clone())
            .or_else(|| self.rows.get(&id).cloned());
        if !force
            && let (Some(held), Some(new)) = (
                server_held.as_ref().and_then(|r| r.last_update),
                row.last_update,
            )
            && new < held
        {
            return;
        }
        let mut shown = row.clone();
        for p in self.pending.iter_mut().filter(|p| p.incident_id == id) {
            p.before = Some(row.clone());
            apply_change(&mut shown, &p.change);
        }
        self.rows.insert(id, shown);
    }
}
