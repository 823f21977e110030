//! `Effect::LoadIncidents` and `Effect::LoadIncident`: the cached incidents at once, then what
//! changed on the service (with their alerts), stored and answered with the request's id.

use super::blocking::on_store;
use super::budget::Budget;
use super::config::SyncConfig;
use super::graph_api::GraphApi;
use mde_model::graph::page::Parsed;
use mde_model::graph::{Incident, IncidentDetail, IncidentRow, IncidentStatus};
use mde_model::protocol::{Msg, RequestId};
use mde_model::{AlertRow, Timestamp};
use mde_odata::Filter;
use mde_odata::graph::IncidentProp;
use mde_store::Store;
use std::sync::Arc;
use tokio::sync::mpsc;

/// What incidents need when the profile has no Graph sign-in.
pub const NO_GRAPH: &str =
    "incidents and hunting need the Graph API: this profile does not sign in to it";

/// Where an incremental incident fetch starts: after the watermark less the overlap; with an
/// empty cache, every open incident and the ones changed in the first-fetch window.
async fn since_filter(store: &Store, config: &SyncConfig) -> Result<Filter<IncidentProp>, String> {
    let mark = on_store(store, |s| s.incident_watermark())
        .await
        .map_err(|e| e.to_string())?;
    Ok(match mark {
        Some(m) => {
            let back = chrono::Duration::from_std(config.overlap).unwrap_or_default();
            Filter::gt(IncidentProp::LastUpdateDateTime, Timestamp(m.0 - back))
        }
        None => {
            let from = Timestamp(
                chrono::Utc::now() - chrono::Duration::days(i64::from(config.initial_days)),
            );
            Filter::ne(IncidentProp::Status, IncidentStatus::Resolved.as_str())
                .or(Filter::gt(IncidentProp::LastUpdateDateTime, from))
        }
    })
}

/// Answers from the cache, then fetches (everything when `full`) and answers with what changed.
pub(super) async fn load_incidents(
    graph: Option<Arc<dyn GraphApi>>,
    store: Store,
    tx: mpsc::Sender<Msg>,
    config: SyncConfig,
    req: RequestId,
    full: bool,
) {
    match on_store(&store, |s| s.incident_rows()).await {
        Ok(rows) => {
            let _ = tx
                .send(Msg::IncidentsUpdated {
                    req,
                    rows,
                    complete: false,
                })
                .await;
        }
        Err(e) => {
            let _ = tx
                .send(Msg::Warning(format!("incident cache unreadable: {e}")))
                .await;
        }
    }
    let Some(graph) = graph else {
        let _ = tx
            .send(Msg::IncidentsFailed {
                req,
                error: NO_GRAPH.into(),
            })
            .await;
        return;
    };
    if let Err(error) = fetch(&*graph, &store, &tx, &config, req, full).await {
        let _ = tx.send(Msg::IncidentsFailed { req, error }).await;
    }
}

async fn fetch(
    graph: &dyn GraphApi,
    store: &Store,
    tx: &mpsc::Sender<Msg>,
    config: &SyncConfig,
    req: RequestId,
    full: bool,
) -> Result<(), String> {
    let filter = if full {
        None
    } else {
        Some(since_filter(store, config).await?)
    };
    let set = graph
        .list_incidents(filter)
        .await
        .map_err(|e| e.to_string())?;
    let newest = set
        .items
        .iter()
        .filter_map(|p| p.item.last_update_date_time)
        .max();
    if !set.skipped.is_empty() {
        let _ = tx
            .send(Msg::Warning(format!(
                "{} incident(s) from the service could not be read and were skipped",
                set.skipped.len()
            )))
            .await;
    }
    let items = set.items;
    let changed = on_store(store, move |s| s.upsert_incidents(&items))
        .await
        .map_err(|e| e.to_string())?;
    if let Some(t) = newest {
        on_store(store, move |s| s.advance_incident_watermark(t))
            .await
            .map_err(|e| e.to_string())?;
    }
    let msg = if full {
        let rows = on_store(store, |s| s.incident_rows())
            .await
            .map_err(|e| e.to_string())?;
        Msg::IncidentsUpdated {
            req,
            rows,
            complete: true,
        }
    } else {
        Msg::IncidentsUpdated {
            req,
            rows: changed,
            complete: false,
        }
    };
    let _ = tx.send(msg).await;
    Ok(())
}

/// The incident side of a poll (issue 11): once the console has asked for incidents, each poll
/// of the alerts also asks Graph what changed since the incident watermark, one call from the
/// same rate budget, and answers the console's latest incidents request with the rows that
/// changed (none, when nothing did).
pub(super) struct IncidentPoll {
    /// Graph.
    pub graph: Arc<dyn GraphApi>,
    /// The cache.
    pub store: Store,
    /// To the console.
    pub tx: mpsc::Sender<Msg>,
    /// Overlap and first-fetch window.
    pub config: SyncConfig,
    /// The console's latest `LoadIncidents`, which the answer carries.
    pub req: RequestId,
    /// The polling budget the alerts spend from too.
    pub budget: Arc<tokio::sync::Mutex<Budget>>,
}

impl IncidentPoll {
    /// Waits for a call from the budget, then fetches what changed.
    pub(super) async fn run(self) {
        loop {
            let r = self
                .budget
                .lock()
                .await
                .try_take(tokio::time::Instant::now());
            match r {
                Ok(()) => break,
                Err(at) => tokio::time::sleep_until(at).await,
            }
        }
        let (store, tx, config) = (&self.store, &self.tx, &self.config);
        if let Err(error) = fetch(&*self.graph, store, tx, config, self.req, false).await {
            let _ = tx
                .send(Msg::IncidentsFailed {
                    req: self.req,
                    error,
                })
                .await;
        }
    }
}

/// The detail of an incident: its alerts as list rows, from the cache when held there.
fn detail(store: &Store, p: Parsed<Incident>) -> Result<IncidentDetail, mde_store::StoreError> {
    let ids = IncidentRow::alert_ids(&p.item);
    let ids = if ids.is_empty() {
        store.incident_alert_ids(&p.item.id)?
    } else {
        ids
    };
    let cached = store.rows_for(&ids)?;
    let from_graph = p.item.alerts.as_deref().unwrap_or_default();
    let alerts = ids
        .iter()
        .filter_map(|id| {
            cached.iter().find(|r| r.id == *id).cloned().or_else(|| {
                from_graph
                    .iter()
                    .find(|g| g.id == *id)
                    .map(|g| AlertRow::from_alert(&g.to_alert()))
            })
        })
        .collect();
    Ok(IncidentDetail {
        incident: p.item,
        raw: p.raw,
        alerts,
    })
}

/// Answers from the cache at once, then from the service if that differs.
pub(super) async fn load_incident(
    graph: Option<Arc<dyn GraphApi>>,
    store: Store,
    tx: mpsc::Sender<Msg>,
    req: RequestId,
    id: String,
) {
    let key = id.clone();
    let cached = on_store(&store, move |s| match s.incident(&key)? {
        Some(p) => detail(s, p).map(Some),
        None => Ok(None),
    })
    .await
    .unwrap_or(None);
    if let Some(d) = &cached {
        let _ = tx
            .send(Msg::IncidentLoaded {
                req,
                detail: Box::new(d.clone()),
            })
            .await;
    }
    let Some(graph) = graph else {
        if cached.is_none() {
            let _ = tx
                .send(Msg::IncidentFailed {
                    req,
                    error: NO_GRAPH.into(),
                })
                .await;
        }
        return;
    };
    match graph.get_incident(&id).await {
        Ok(fresh) => {
            let changed = cached.as_ref().is_none_or(|c| c.incident != fresh.item);
            let result = on_store(&store, move |s| {
                s.upsert_incidents(std::slice::from_ref(&fresh))?;
                detail(s, fresh)
            })
            .await;
            match result {
                Ok(d) if changed => {
                    let _ = tx
                        .send(Msg::IncidentLoaded {
                            req,
                            detail: Box::new(d),
                        })
                        .await;
                }
                Ok(_) => {}
                Err(e) => {
                    let _ = tx
                        .send(Msg::Warning(format!("incident cache not updated: {e}")))
                        .await;
                }
            }
        }
        Err(e) if cached.is_none() => {
            let _ = tx
                .send(Msg::IncidentFailed {
                    req,
                    error: e.to_string(),
                })
                .await;
        }
        Err(e) => {
            let _ = tx.send(Msg::Warning(format!("incident {id}: {e}"))).await;
        }
    }
}
