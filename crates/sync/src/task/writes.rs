//! The sync task's writes: triage and incident writes queued in the outbox (the outbox loop
//! delivers them), and the analyst's answer to a conflict.

use super::SyncTask;
use crate::api::AlertsApi;
use crate::blocking::on_store;
use crate::devices::DevicesApi;
use mde_model::graph::{IncidentWrite, OutboxWrite};
use mde_model::protocol::{ConflictChoice, Msg, RequestId, TriageWrite};

impl<A: AlertsApi + DevicesApi> SyncTask<A> {
    pub(super) async fn queue_write(&mut self, req: RequestId, write: TriageWrite) {
        let identity = self.api.identity();
        let w = write.clone();
        let queued = on_store(&self.store, move |s| {
            let id = s.enqueue(&w, identity.as_deref())?;
            // The comment is safe in the outbox now; its draft has served its purpose.
            if let Some(text) = &w.change.comment {
                for alert in &w.alert_ids {
                    if s.load_draft(alert)?.as_deref() == Some(text.as_str()) {
                        s.delete_draft(alert)?;
                    }
                }
            }
            Ok(id)
        })
        .await;
        // Nothing queued: the app must revert its optimistic change. 0 is never an outbox id.
        let failed = |reason| Msg::WriteFailed {
            outbox_id: 0,
            alert_ids: write.alert_ids,
            reason,
        };
        self.answer_queued(req, queued, failed).await;
    }

    pub(super) async fn queue_incident_write(&mut self, req: RequestId, write: IncidentWrite) {
        let identity = self.api.identity();
        let w = write.clone();
        let queued = on_store(&self.store, move |s| {
            s.enqueue_incident(&w, identity.as_deref())
        })
        .await;
        let failed = |reason| Msg::IncidentWriteFailed {
            outbox_id: 0,
            incident_id: write.incident_id,
            reason,
        };
        self.answer_queued(req, queued, failed).await;
    }

    /// Tells the console its write is in the outbox (and wakes the outbox), or that it could
    /// not be queued (the message `failed` builds from the reason).
    async fn answer_queued<E: std::fmt::Display>(
        &mut self,
        req: RequestId,
        queued: Result<i64, E>,
        failed: impl FnOnce(String) -> Msg,
    ) {
        match queued {
            Ok(outbox_id) => {
                self.send(Msg::WriteQueued { req, outbox_id }).await;
                self.outbox_wake.notify_one();
            }
            Err(e) => {
                self.send(failed(format!("could not queue the write: {e}")))
                    .await
            }
        }
        self.publish_counts().await;
    }

    pub(super) async fn resolve_conflict(&mut self, outbox_id: i64, choice: ConflictChoice) {
        let overwrite = choice == ConflictChoice::Overwrite;
        let result = on_store(&self.store, move |s| {
            let entry = s.outbox_entry(outbox_id)?;
            let settled = s.outbox_resolve_conflict(outbox_id, overwrite)?;
            let (rows, incident) = match (&entry, settled && !overwrite) {
                (Some(e), true) => match &e.write {
                    OutboxWrite::Alerts(w) => (s.rows_for(&w.alert_ids)?, None),
                    OutboxWrite::Incident(w) => (Vec::new(), s.incident_row(&w.incident_id)?),
                },
                _ => (Vec::new(), None),
            };
            Ok((settled, rows, incident))
        })
        .await;
        match result {
            Ok((true, rows, incident)) => {
                if let Some(row) = incident {
                    // Discarded: the server's incident (cached at the conflict check) stands.
                    self.send(Msg::IncidentsUpdated {
                        req: self.incidents_req,
                        rows: vec![row],
                        complete: false,
                    })
                    .await;
                }
                if !rows.is_empty() {
                    // Discarded: the server's version (cached at the conflict check) is the truth.
                    self.send(Msg::AlertsUpdated {
                        req: self.poll_req,
                        rows,
                        complete: false,
                    })
                    .await;
                }
                self.outbox_wake.notify_one();
            }
            Ok((false, _, _)) => {
                self.send(Msg::Warning(format!(
                    "outbox entry {outbox_id} is not waiting on a conflict"
                )))
                .await
            }
            Err(e) => self.send(Msg::Warning(format!("outbox: {e}"))).await,
        }
        self.publish_counts().await;
    }
}
