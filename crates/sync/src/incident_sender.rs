//! The outbox's incident writes: the same rules as alert writes — committed before sending,
//! looked up on the service before any resend (the comment counted against the number before
//! the first send), a conflict when the incident changed since the analyst saw it — over Graph.

use super::api::AlertsApi;
use super::blocking::on_store;
use super::error::SyncError;
use super::outbox_sender::{OutboxSender, Outcome};
use mde_graph::delivery::{already_applied, comment_count, fields_applied};
use mde_model::graph::page::Parsed;
use mde_model::graph::{Incident, IncidentRow, IncidentWrite};
use mde_model::{AlertRow, Timestamp};
use mde_store::OutboxEntry;
use std::collections::BTreeMap;

/// How long an incident write waits when the profile has no Graph sign-in (it is kept).
const NO_GRAPH_WAIT_MS: i64 = 5 * 60 * 1000;

/// Most alerts re-read after an incident write (the rest come with the next poll).
const REREAD_ALERTS: usize = 20;

impl<A: AlertsApi> OutboxSender<A> {
    /// One attempt at an incident write.
    pub(super) async fn attempt_incident(
        &self,
        entry: &OutboxEntry,
        w: &IncidentWrite,
    ) -> Result<Outcome, SyncError> {
        let Some(graph) = self.graph.clone() else {
            let (id, at) = (
                entry.id,
                chrono::Utc::now().timestamp_millis() + NO_GRAPH_WAIT_MS,
            );
            let reason = super::incidents::NO_GRAPH.to_string();
            let r = reason.clone();
            on_store(&self.store, move |s| s.outbox_reschedule(id, at, &r)).await?;
            return Ok(Outcome::Retry { reason });
        };
        let id = w.incident_id.as_str();
        let seen = self.incident_seen(w).await;
        let check_conflict = !entry.force && seen.is_some();
        let need_baseline =
            w.change.comment.is_some() && entry.baselines.is_none() && !entry.maybe_sent();
        let mut baselines: Option<BTreeMap<String, usize>> = None;
        if entry.maybe_sent() || check_conflict || need_baseline {
            let current = graph.get_incident(id).await?;
            self.cache_incident(&current).await?;
            if let (true, Some(text)) = (need_baseline, &w.change.comment) {
                baselines = Some(BTreeMap::from([(
                    id.to_string(),
                    comment_count(&current.item, text),
                )]));
            }
            if entry.maybe_sent() {
                let base = entry
                    .baselines
                    .as_ref()
                    .and_then(|b| b.get(id).copied())
                    .unwrap_or(0);
                if already_applied(&current.item, &w.change, base) {
                    return self.confirm_incident(entry, w, seen, current).await;
                }
            }
            // A maybe-sent write whose fields are already there moved the incident itself.
            let ours = entry.maybe_sent() && fields_applied(&current.item, &w.change);
            if let (true, false, Some(saw), Some(now)) = (
                check_conflict,
                ours,
                seen,
                current.item.last_update_date_time,
            ) && now > saw
            {
                let reason = format!("incident {id} changed on the server since loaded");
                let eid = entry.id;
                on_store(&self.store, move |s| s.outbox_mark_conflict(eid, &reason)).await?;
                return Ok(Outcome::IncidentConflict {
                    server: IncidentRow::from_incident(&current.item),
                });
            }
        }
        // Committed before the request leaves: after a crash the entry is known to be maybe-sent.
        let eid = entry.id;
        on_store(&self.store, move |s| {
            s.outbox_mark_sending(eid, baselines.as_ref())
        })
        .await?;
        let fresh = graph.update_incident(id, &w.change).await?;
        self.confirm_incident(entry, w, seen, fresh).await
    }

    /// What the analyst saw of the incident, moved past our own confirmed writes.
    async fn incident_seen(&self, w: &IncidentWrite) -> Option<Timestamp> {
        let mut t = w.seen_last_update?;
        let own = self.own_incident_writes.lock().await;
        if let Some(moves) = own.get(&w.incident_id) {
            for _ in 0..moves.len() {
                match moves.get(&t) {
                    Some(next) => t = *next,
                    None => break,
                }
            }
        }
        Some(t)
    }

    async fn cache_incident(&self, p: &Parsed<Incident>) -> Result<(), SyncError> {
        let p = p.clone();
        on_store(&self.store, move |s| {
            s.upsert_incidents(std::slice::from_ref(&p)).map(drop)
        })
        .await
    }

    /// Marks the entry done, remembers the change as ours, refreshes the incident and its
    /// cached alerts.
    async fn confirm_incident(
        &self,
        entry: &OutboxEntry,
        w: &IncidentWrite,
        seen: Option<Timestamp>,
        fresh: Parsed<Incident>,
    ) -> Result<Outcome, SyncError> {
        let eid = entry.id;
        on_store(&self.store, move |s| s.outbox_mark_done(eid)).await?;
        if let (Some(before), Some(after)) = (seen, fresh.item.last_update_date_time)
            && after > before
        {
            self.own_incident_writes
                .lock()
                .await
                .entry(w.incident_id.clone())
                .or_default()
                .insert(before, after);
        }
        self.cache_incident(&fresh).await?;
        let key = w.incident_id.clone();
        let row = on_store(&self.store, move |s| s.incident_row(&key))
            .await?
            .unwrap_or_else(|| IncidentRow::from_incident(&fresh.item));
        // The write may have changed the incident's alerts: re-read the ones the list holds.
        let key = w.incident_id.clone();
        let ids = on_store(&self.store, move |s| {
            let members = s.incident_alert_ids(&key)?;
            Ok(s.rows_for(&members)?
                .into_iter()
                .map(|r| r.id)
                .collect::<Vec<_>>())
        })
        .await?;
        let mut alerts: Vec<AlertRow> = Vec::new();
        let mut parsed = Vec::new();
        for alert in ids.iter().take(REREAD_ALERTS) {
            // A failed re-read costs only freshness: the next poll brings it.
            if let Ok(p) = self.api.get_alert(alert).await {
                alerts.push(AlertRow::from_alert(&p.alert));
                parsed.push(p);
            }
        }
        if !parsed.is_empty() {
            on_store(&self.store, move |s| s.upsert_alerts(&parsed).map(drop)).await?;
        }
        Ok(Outcome::IncidentDone { row, alerts })
    }
}
