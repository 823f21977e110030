//! Answers from the sync task, each to the feature it is about. Stale answers (not the latest
//! request, or older than what is held) are dropped. Rows from the service keep any optimistic
//! change on top (`triage::write::ingest`).

use super::rules;
use crate::app::chrome::toasts::Level;
use crate::app::connection::actions as connection;
use crate::app::detail::actions as detail;
use crate::app::device::feed as device;
use crate::app::effects::Effects;
use crate::app::incidents::feed as incidents;
use crate::app::incidents::undo as incident_undo;
use crate::app::list::indexing;
use crate::app::rotation::{files, notify, profiles};
use crate::app::state::State;
use crate::app::story;
use crate::app::triage::outcomes as triage;
use crate::app::triage::undo;
use crate::app::triage::write::ingest;
use mde_model::AlertRow;
use mde_model::protocol::{Msg, RequestId};
use std::collections::HashSet;

/// One message from the sync task.
pub(crate) fn on_msg(state: &mut State, msg: Msg) -> Effects {
    match msg {
        Msg::CacheLoaded { rows, .. } => {
            state.list.cache_shown |= !rows.is_empty();
            ingest_all(state, rows, false);
            state.list.loaded = true;
            state.list.rebuild(&state.config.identity);
            return select_first_if_none(state);
        }
        Msg::AlertsUpdated {
            req,
            rows,
            complete,
        } => return alerts_updated(state, req, rows, complete),
        Msg::RefreshFailed { req, error } => {
            indexing::on_pages_ended(&mut state.list);
            connection::on_refresh_failed(state, req, error);
        }
        Msg::DetailLoaded { req, detail } => {
            // Issue 11: a process story waiting for this alert starts.
            let current = state.detail.as_ref().is_some_and(|d| d.req == req);
            let story = if current {
                story::actions::on_detail_loaded(state, &detail.alert)
            } else {
                Effects::none()
            };
            detail::on_loaded(state, req, detail);
            return story;
        }
        Msg::DetailFailed { req, error } => detail::on_failed(state, req, error),
        Msg::WriteQueued { req, outbox_id } => {
            incidents::on_queued(state, req, outbox_id);
            let mut fx = incident_undo::on_queued(state, req, outbox_id);
            fx.extend(triage::on_queued(state, req, outbox_id));
            return fx;
        }
        Msg::WriteConfirmed { outbox_id, rows } => {
            return triage::on_confirmed(state, outbox_id, rows);
        }
        Msg::WriteFailed {
            outbox_id,
            alert_ids,
            reason,
        } => triage::on_failed(state, outbox_id, alert_ids, reason),
        Msg::WriteConflict {
            outbox_id,
            alert_id,
            server,
        } => triage::on_conflict(state, outbox_id, alert_id, server),
        Msg::Sync(status) => {
            // A fetch that ended moves the last sync: its pages have stopped (a first sync
            // ends without a complete answer).
            if status.last_sync != state.connection.status.last_sync {
                indexing::on_pages_ended(&mut state.list);
            }
            connection::on_status(state, status);
        }
        Msg::SignIn { url, code } => connection::on_sign_in(state, url, code),
        Msg::Warning(text) => state.notify(Level::Warn, text),
        Msg::WriteCancelled {
            outbox_id,
            dropped,
            reason,
        } => {
            if !incident_undo::on_cancelled(state, outbox_id, dropped, &reason) {
                undo::on_cancelled(state, outbox_id, dropped, &reason);
            }
        }
        // Device response (issue 10): the device panel and the response actions' answers.
        m @ (Msg::DeviceLoaded { .. }
        | Msg::DeviceFailed { .. }
        | Msg::ActionUpdated { .. }
        | Msg::ActionFailed { .. }
        | Msg::PackageUri { .. }
        | Msg::IndicatorAdded { .. }
        | Msg::IndicatorDeleted { .. }
        | Msg::IndicatorFailed { .. }
        | Msg::DeviceTagged { .. }
        | Msg::DeviceTagFailed { .. }) => return device::on_msg(state, m),
        // Issue 12 (profiles, offline files, export, handoff).
        Msg::ProfileSwitched(info) => return profiles::on_switched(state, *info),
        Msg::ProfileSwitchFailed { name, error } => profiles::on_failed(state, &name, &error),
        Msg::FileProgress(p) => {
            if p.done {
                indexing::on_pages_ended(&mut state.list);
            }
            files::on_progress(state, p);
        }
        Msg::FileWritten { req, path, records } => files::on_written(state, req, &path, records),
        Msg::FileWriteFailed { req, error } => files::on_write_failed(state, req, &error),
        // Incidents and hunting (issue 11).
        Msg::IncidentsUpdated {
            req,
            rows,
            complete,
        } => incidents::on_updated(state, req, rows, complete),
        Msg::IncidentsFailed { req, error } => incidents::on_failed(state, req, error),
        Msg::IncidentLoaded { req, detail } => incidents::on_loaded(state, req, detail),
        Msg::IncidentFailed { req, error } => incidents::on_incident_failed(state, req, error),
        Msg::IncidentWriteConfirmed {
            outbox_id,
            row,
            alerts,
        } => {
            let mut fx = incidents::on_confirmed(state, outbox_id, *row, alerts);
            // Issue 11: a change undo could not drop is reversed once it landed.
            fx.extend(incident_undo::on_delivered(state, outbox_id));
            return fx;
        }
        Msg::IncidentWriteFailed {
            outbox_id,
            incident_id,
            reason,
        } => {
            incidents::on_write_failed(state, outbox_id, incident_id, reason);
            incident_undo::on_settled_without_change(state, outbox_id);
        }
        Msg::IncidentWriteConflict { outbox_id, server } => {
            incidents::on_conflict(state, outbox_id, server)
        }
        Msg::HuntResult { req, answer } => return story::feed::on_result(state, req, *answer),
        Msg::HuntFailed { req, failure, .. } => story::feed::on_failed(state, req, failure),
        Msg::HuntQuota(q) => story::feed::on_quota(state, q),
    }
    Effects::none()
}

/// Rows from a refresh or a poll. A complete answer replaces the list (rows a pending write
/// covers stay, so the write can still be reverted); arrivals on top of a list the analyst has
/// seen are highlighted as new.
fn alerts_updated(
    state: &mut State,
    req: RequestId,
    rows: Vec<AlertRow>,
    complete: bool,
) -> Effects {
    if complete && req < state.connection.complete_applied {
        return Effects::none();
    }
    connection::on_refreshed(state, req);
    state.connection.on_service_answered();
    // The first fill is not "new", however many pages and selections it takes (the open
    // alerts, then the resolved ones of the window): highlight only what arrives on top of the
    // cache's alerts or after a fetch finished (the status then has a last sync).
    let seen_whole = state.list.cache_shown || state.connection.status.last_sync.is_some();
    // An offline file streams in batches: nothing in it arrived during the session.
    let offline = state.config.offline_file.is_some();
    let highlight = seen_whole && !state.list.rows.is_empty() && !offline;
    if complete {
        let keep: HashSet<&str> = rows
            .iter()
            .map(|r| r.id.as_str())
            .chain(
                state
                    .triage
                    .pending
                    .iter()
                    .flat_map(|p| p.before.iter().map(|b| b.id.as_str())),
            )
            .collect();
        state.list.rows.retain_ids(&keep);
        state.list.new_ids.retain(|id| keep.contains(id.as_str()));
        state.connection.complete_applied = req;
    }
    indexing::on_rows(&mut state.list, rows.len(), complete);
    let new = ingest_all(state, rows, highlight);
    state.list.loaded = true;
    state.list.rebuild(&state.config.identity);
    let mut effects = select_first_if_none(state);
    if !new.is_empty() {
        let n = new.len();
        let s = if n == 1 { "" } else { "s" };
        state.notify(Level::Info, format!("{n} new alert{s}"));
        // Issue 12: the opt-in bell / desktop notification.
        effects.extend(notify::on_arrived(state, &new));
    }
    effects
}

/// Ingests rows; with `highlight`, the ones not known before are marked new. Rows that come
/// in bulk are indexed later (`indexing`). Returns the ids of the new ones.
fn ingest_all(state: &mut State, rows: Vec<AlertRow>, highlight: bool) -> Vec<String> {
    state.list.rows.defer_index(indexing::is_bulk(rows.len()));
    let mut new = Vec::new();
    for row in rows {
        // The id is copied only where it may be needed (a sync's rows are mostly not new).
        let id = highlight.then(|| row.id.clone());
        if ingest(&mut state.list.rows, &mut state.triage.pending, row)
            && let Some(id) = id
        {
            state.list.new_ids.insert(id.clone());
            new.push(id);
        }
    }
    state.list.rows.defer_index(false);
    new
}

/// The first rows of an empty list: the cursor goes on the first one, through the same rule as
/// any cursor move (so an open detail follows it).
fn select_first_if_none(state: &mut State) -> Effects {
    if state.list.selected.is_none() && state.list.rows.view_len() > 0 {
        return rules::select(state, 0);
    }
    Effects::none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::config::AppConfig;
    use crate::app::detail::state::DetailState;
    use mde_model::Alert;
    use mde_model::protocol::Effect;

    /// Before: this rule dropped what the cursor move returned, so an open detail pane was set
    /// to "Loading" under a request nobody sent and stayed so. (`update` could not reach it:
    /// the rebuild before it already selects a row whenever the view has one.)
    #[test]
    fn selecting_the_first_row_under_an_open_detail_returns_its_load() {
        let mut s = State::new(AppConfig::new("analyst@contoso.com"));
        s.list
            .rows
            .upsert(AlertRow::from_alert(&Alert::new("da1", "First")));
        s.list.rebuild("analyst@contoso.com");
        s.list.selected = None;
        s.detail = Some(DetailState::loading("da0".into(), 1));
        let fx = select_first_if_none(&mut s);
        let waits = s.detail.as_ref().map(|d| (d.req, d.alert_id.clone()));
        let [Effect::LoadDetail { req, ref alert_id }] = fx[..] else {
            panic!("{fx:?}")
        };
        assert_eq!(waits, Some((req, alert_id.clone())));
        assert_eq!(alert_id, "da1");
        assert_eq!(s.list.selected.as_deref(), Some("da1"));
    }
}
