//! `Effect::RunHunt`: a hunting query from the store when its answer is cached (unless the
//! analyst asks again), else from the service within the hunting quota; never for data older
//! than hunting keeps.

use super::api::ApiFailure;
use super::blocking::on_store;
use super::budget::Budget;
use super::config::SyncConfig;
use super::graph_api::GraphApi;
use mde_graph::build;
use mde_model::Timestamp;
use mde_model::graph::hunt::RETENTION_DAYS;
use mde_model::graph::{HuntAnswer, HuntFailure, HuntQuery, HuntQuota};
use mde_model::protocol::{Msg, RequestId};
use mde_store::Store;
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc};
use tokio::time::Instant;

/// The store's key of a query: its JSON (only validated values are in it).
pub fn cache_key(q: &HuntQuery) -> String {
    serde_json::to_string(q).unwrap_or_else(|_| q.describe())
}

/// The quota as the status bar shows it.
pub(super) async fn quota(budget: &Mutex<Budget>, config: &SyncConfig) -> HuntQuota {
    let now = Instant::now();
    let mut b = budget.lock().await;
    let left = b.left(now);
    HuntQuota {
        used: config.hunt_per_window.saturating_sub(left),
        limit: config.hunt_per_window,
        resets_in_secs: b.resets_in(now).as_secs(),
    }
}

fn classify(f: ApiFailure) -> HuntFailure {
    match f {
        ApiFailure::Transient {
            retry_after: Some(d),
            ..
        } => HuntFailure::Throttled {
            retry_after_secs: d.as_secs().max(1),
        },
        ApiFailure::Transient { message, .. } => HuntFailure::Unavailable(message),
        ApiFailure::NotFound { message } | ApiFailure::Permanent { message } => {
            HuntFailure::Refused(message)
        }
    }
}

/// Everything a hunt needs.
pub(super) struct HuntJob {
    pub graph: Option<Arc<dyn GraphApi>>,
    pub store: Store,
    pub tx: mpsc::Sender<Msg>,
    pub budget: Arc<Mutex<Budget>>,
    pub config: SyncConfig,
}

/// Runs one hunting request and answers it.
pub(super) async fn run_hunt(job: HuntJob, req: RequestId, query: HuntQuery, refresh: bool) {
    let fail = |failure| Msg::HuntFailed {
        req,
        query: query.clone(),
        failure,
    };
    let oldest = chrono::Utc::now() - chrono::Duration::days(RETENTION_DAYS);
    if query.newest_time().is_some_and(|t| t.0 < oldest) {
        let _ = job.tx.send(fail(HuntFailure::TooOld)).await;
        return;
    }
    let key = cache_key(&query);
    if !refresh {
        let k = key.clone();
        let ttl = i64::try_from(job.config.hunt_cache_ttl.as_millis()).unwrap_or(i64::MAX);
        if let Ok(Some((result, ran_at))) = on_store(&job.store, move |s| s.load_hunt(&k)).await
            && Timestamp::now().millis() - ran_at.millis() <= ttl
        {
            let answer = HuntAnswer {
                query: query.clone(),
                result,
                ran_at,
                cached: true,
            };
            let _ = job
                .tx
                .send(Msg::HuntResult {
                    req,
                    answer: Box::new(answer),
                })
                .await;
            return;
        }
    }
    let Some(graph) = job.graph else {
        let _ = job.tx.send(fail(HuntFailure::NotConfigured)).await;
        return;
    };
    // The service allows about 45 calls a minute: over that, say when, rather than queue.
    let taken = job.budget.lock().await.try_take(Instant::now());
    if let Err(at) = taken {
        let secs = at
            .saturating_duration_since(Instant::now())
            .as_secs()
            .max(1);
        let _ = job
            .tx
            .send(fail(HuntFailure::Throttled {
                retry_after_secs: secs,
            }))
            .await;
        let _ = job
            .tx
            .send(Msg::HuntQuota(quota(&job.budget, &job.config).await))
            .await;
        return;
    }
    let result = graph.hunt(build(&query)).await;
    let _ = job
        .tx
        .send(Msg::HuntQuota(quota(&job.budget, &job.config).await))
        .await;
    match result {
        Ok(result) => {
            let ran_at = Timestamp::now();
            let (k, r) = (key, result.clone());
            if let Err(e) = on_store(&job.store, move |s| s.save_hunt(&k, &r, ran_at)).await {
                let _ = job
                    .tx
                    .send(Msg::Warning(format!("hunt not cached: {e}")))
                    .await;
            }
            let answer = HuntAnswer {
                query,
                result,
                ran_at,
                cached: false,
            };
            let _ = job
                .tx
                .send(Msg::HuntResult {
                    req,
                    answer: Box::new(answer),
                })
                .await;
        }
        Err(f) => {
            let _ = job.tx.send(fail(classify(f))).await;
        }
    }
}
