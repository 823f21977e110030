//! Answers from the sync task: rows, details, write outcomes, status. Stale answers (not the
//! latest request, or older than what is held) are dropped.

use super::dialog::{ConflictPrompt, Dialog, Viewer};
use super::evidence_tree::EvidenceTree;
use super::rows::Upsert;
use super::state::{DetailLoad, Level, State};
use super::triage::{apply_change, revert};
use super::update_list;
use crate::model::AlertRow;
use crate::model::protocol::{Effect, Msg};
use std::collections::HashSet;

/// `r` / Ctrl-R.
pub(crate) fn refresh(state: &mut State, full: bool) -> Vec<Effect> {
    let req = state.req();
    state.refresh_req = Some(req);
    vec![Effect::Refresh { req, full }]
}

/// `p`.
pub(crate) fn toggle_pause(state: &mut State) -> Vec<Effect> {
    state.paused = !state.paused;
    let text = if state.paused {
        "Live updates paused (p resumes)"
    } else {
        "Live updates resumed"
    };
    state.notify(Level::Info, text);
    vec![Effect::SetPolling {
        paused: state.paused,
    }]
}

/// Inserts or updates a row from the service, keeping any optimistic change on top of it.
/// Returns true when the id was new.
fn ingest(state: &mut State, row: AlertRow) -> bool {
    let id = row.id.clone();
    let outcome = state.rows.upsert(row);
    if outcome == Upsert::Stale {
        return false;
    }
    let Some(server) = state.rows.get(&id).cloned() else {
        return false;
    };
    let mut shown = server.clone();
    for p in state.pending.iter_mut().filter(|p| p.covers(&id)) {
        // A revert must restore the newest server version, not the one seen before the write.
        for b in p.before.iter_mut().filter(|b| b.id == id) {
            *b = server.clone();
        }
        apply_change(&mut shown, &p.change);
    }
    if shown != server {
        state.rows.replace(shown);
    }
    outcome == Upsert::Inserted
}

fn ingest_all(state: &mut State, rows: Vec<AlertRow>, highlight: bool) -> usize {
    let mut new = 0;
    for row in rows {
        let id = row.id.clone();
        if ingest(state, row) && highlight {
            state.new_ids.insert(id);
            new += 1;
        }
    }
    new
}

/// One message from the sync task.
pub(crate) fn on_msg(state: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::CacheLoaded { rows, .. } => {
            ingest_all(state, rows, false);
            state.loaded = true;
            update_list::rebuild(state);
            select_first_if_none(state);
        }
        Msg::AlertsUpdated {
            req,
            rows,
            complete,
        } => {
            if complete && req < state.complete_applied {
                return Vec::new();
            }
            if state.refresh_req.is_some_and(|r| r <= req) {
                state.refresh_req = None;
            }
            state.refresh_error = None;
            // The first fill of an empty list is not "new": highlight only what arrives on top of
            // alerts the analyst has already been shown.
            let highlight = state.loaded && !state.rows.is_empty();
            if complete {
                let keep: HashSet<String> = rows
                    .iter()
                    .map(|r| r.id.clone())
                    .chain(
                        state
                            .pending
                            .iter()
                            .flat_map(|p| p.before.iter().map(|b| b.id.clone())),
                    )
                    .collect();
                let keep_ref: HashSet<&str> = keep.iter().map(String::as_str).collect();
                state.rows.retain_ids(&keep_ref);
                state.new_ids.retain(|id| keep.contains(id));
                state.complete_applied = req;
            }
            let new = ingest_all(state, rows, highlight);
            state.loaded = true;
            update_list::rebuild(state);
            select_first_if_none(state);
            if new > 0 {
                let s = if new == 1 { "" } else { "s" };
                state.notify(Level::Info, format!("{new} new alert{s}"));
            }
        }
        Msg::RefreshFailed { req, error } => {
            if state.refresh_req == Some(req) {
                state.refresh_req = None;
            }
            state.notify(Level::Error, format!("Refresh failed: {error}"));
            state.refresh_error = Some(error);
        }
        Msg::DetailLoaded { req, detail } => {
            if state.detail_req != Some(req) {
                return Vec::new();
            }
            let row = AlertRow::from_alert(&detail.alert);
            if let Some(d) = state.detail.as_mut() {
                let mut tree = EvidenceTree::build(&detail.alert);
                tree.carry_over(&d.tree);
                d.tree = tree;
                if let Some(draft) = &detail.draft {
                    state
                        .drafts
                        .entry(detail.alert.id.clone())
                        .or_insert_with(|| draft.clone());
                }
                d.load = DetailLoad::Loaded(detail);
            }
            ingest(state, row);
            update_list::rebuild(state);
        }
        Msg::DetailFailed { req, error } => {
            if state.detail_req != Some(req) {
                return Vec::new();
            }
            if let Some(d) = state.detail.as_mut() {
                d.load = DetailLoad::Failed(error);
            }
        }
        Msg::WriteQueued { req, outbox_id } => {
            if let Some(p) = state.pending.iter_mut().find(|p| p.req == req) {
                p.outbox_id = Some(outbox_id);
            }
        }
        Msg::WriteConfirmed { outbox_id, rows } => {
            let n = rows.len();
            if let Some(i) = state
                .pending
                .iter()
                .position(|p| p.outbox_id == Some(outbox_id))
            {
                state.pending.remove(i);
            }
            for row in rows {
                // The service's answer is the truth for this write; later writes stay on top.
                state.rows.replace(row.clone());
                ingest(state, row);
            }
            update_list::rebuild(state);
            let s = if n == 1 { "" } else { "s" };
            state.notify(Level::Info, format!("Saved ({n} alert{s})"));
        }
        Msg::WriteFailed {
            outbox_id,
            alert_ids,
            reason,
        } => {
            // A write that failed before the outbox answered has no outbox id yet: fall back to
            // the oldest such write on these alerts.
            let found = state
                .pending
                .iter()
                .position(|p| p.outbox_id == Some(outbox_id))
                .or_else(|| {
                    state.pending.iter().position(|p| {
                        p.outbox_id.is_none() && alert_ids.iter().any(|id| p.covers(id))
                    })
                });
            if let Some(i) = found {
                let only = (!alert_ids.is_empty()).then_some(alert_ids.as_slice());
                revert(&mut state.rows, &state.pending[i], only);
                let p = &mut state.pending[i];
                if let Some(ids) = only {
                    p.before.retain(|b| !ids.contains(&b.id));
                }
                if only.is_none() || p.before.is_empty() {
                    state.pending.remove(i);
                }
                update_list::rebuild(state);
            }
            let n = alert_ids.len();
            let s = if n == 1 { "" } else { "s" };
            state.notify(
                Level::Error,
                format!("Write failed for {n} alert{s}, change reverted: {reason}"),
            );
        }
        Msg::WriteConflict {
            outbox_id,
            alert_id,
            server,
        } => {
            let mine = state
                .pending
                .iter()
                .find(|p| p.outbox_id == Some(outbox_id))
                .map(|p| p.change.clone());
            state.dialogs.push(Dialog::Conflict(ConflictPrompt {
                outbox_id,
                alert_id,
                server,
                mine,
                overwrite_selected: false,
            }));
        }
        Msg::Sync(status) => {
            state.paused = status.paused;
            state.sync = status;
        }
        Msg::SignIn { url, code } => {
            state.dialogs.push(Dialog::Viewer(Viewer::new(
                "Sign in",
                format!("Open {url}\nand enter the code {code}"),
            )));
            state.sign_in = Some((url, code));
        }
        Msg::Warning(text) => state.notify(Level::Warn, text),
    }
    Vec::new()
}

fn select_first_if_none(state: &mut State) {
    if state.selected.is_none() && state.rows.view_len() > 0 {
        update_list::set_cursor(state, 0);
    }
}
