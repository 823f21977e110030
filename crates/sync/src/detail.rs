//! `Effect::LoadDetail`: the cached alert (with its draft) at once, then the service's copy if
//! it differs.

use super::api::AlertsApi;
use super::blocking::on_store;
use super::error::SyncError;
use super::status::StatusBoard;
use mde_model::protocol::{AlertDetail, Msg, RequestId};
use mde_store::Store;
use std::sync::Arc;
use tokio::sync::mpsc;

/// Answers from the cache at once, then from the service if that differs.
pub(super) async fn load_detail<A: AlertsApi>(
    api: Arc<A>,
    store: Store,
    tx: mpsc::Sender<Msg>,
    board: Arc<StatusBoard>,
    req: RequestId,
    alert_id: String,
) {
    let id = alert_id.clone();
    let cached = on_store(&store, move |s| Ok((s.get(&id)?, s.load_draft(&id)?))).await;
    let (cached, draft) = match cached {
        Ok(c) => c,
        Err(e) => {
            let _ = tx
                .send(Msg::Warning(format!("cache unreadable: {e}")))
                .await;
            (None, None)
        }
    };
    if let Some(p) = &cached {
        let detail = AlertDetail {
            alert: p.alert.clone(),
            raw: p.raw.clone(),
            draft: draft.clone(),
        };
        let _ = tx
            .send(Msg::DetailLoaded {
                req,
                detail: Box::new(detail),
            })
            .await;
    }
    match api.get_alert(&alert_id).await {
        Ok(fresh) => {
            board.succeeded(|_| {}).await;
            let changed = cached.as_ref().is_none_or(|c| c.alert != fresh.alert);
            let keep = fresh.clone();
            if let Err(e) = on_store(&store, move |s| s.upsert_alerts(&[keep])).await {
                let _ = tx
                    .send(Msg::Warning(format!("cache not updated: {e}")))
                    .await;
            }
            if changed {
                let detail = AlertDetail {
                    alert: fresh.alert,
                    raw: fresh.raw,
                    draft,
                };
                let _ = tx
                    .send(Msg::DetailLoaded {
                        req,
                        detail: Box::new(detail),
                    })
                    .await;
            }
        }
        Err(e) => {
            let error = SyncError::from(e).to_string();
            if cached.is_none() {
                let _ = tx.send(Msg::DetailFailed { req, error }).await;
            } else {
                board.failed(error, |_| {}).await;
            }
        }
    }
}
