//! Incremental fetch: `lastUpdateTime gt <watermark>` with evidence, paged by `$top`/`$skip`,
//! inside the polling share of the rate limit.

use super::api::AlertsApi;
use super::blocking::on_store;
use super::budget::Budget;
use super::config::SyncConfig;
use super::error::SyncError;
use mde_model::Timestamp;
use mde_model::protocol::{Msg, RequestId};
use mde_store::Store;
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc};
use tokio::time::Instant;

/// What a fetch did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FetchSummary {
    /// Alerts new or changed in the cache.
    pub changed: usize,
    /// Alerts the service sent that could not be read.
    pub skipped: usize,
    /// Calls made.
    pub calls: u32,
}

/// Fetches what changed and stores it.
pub struct Poller<A> {
    api: Arc<A>,
    store: Store,
    config: SyncConfig,
    budget: Arc<Mutex<Budget>>,
}

impl<A: AlertsApi> Poller<A> {
    /// A poller spending calls from `budget`.
    pub fn new(api: Arc<A>, store: Store, config: SyncConfig, budget: Arc<Mutex<Budget>>) -> Self {
        Poller {
            api,
            store,
            config,
            budget,
        }
    }

    /// Fetches changes (everything when `full`), answering `req` with `Msg::AlertsUpdated` per
    /// page that changed something, or once empty when nothing changed. The watermark moves only
    /// once every page has landed, so an interrupted fetch is repeated, never skipped.
    pub async fn fetch(
        &self,
        req: RequestId,
        full: bool,
        tx: &mpsc::Sender<Msg>,
    ) -> Result<FetchSummary, SyncError> {
        let since = if full {
            None
        } else {
            Some(self.since().await?)
        };
        let top = self.config.page_size.max(1);
        let mut summary = FetchSummary::default();
        let mut newest: Option<Timestamp> = None;
        let mut sent_any = false;
        let mut skip = 0;
        loop {
            self.take_call().await;
            summary.calls += 1;
            let page = self.api.list_updated_since(since, skip, top).await?;
            let received = page.alerts.len() + page.skipped.len();
            summary.skipped += page.skipped.len();
            for p in &page.alerts {
                if let Some(t) = p.alert.last_update_time
                    && newest.is_none_or(|n| t > n)
                {
                    newest = Some(t);
                }
            }
            let alerts = page.alerts;
            let rows = on_store(&self.store, move |s| s.upsert_alerts(&alerts)).await?;
            summary.changed += rows.len();
            if !rows.is_empty() {
                sent_any = true;
                let _ = tx
                    .send(Msg::AlertsUpdated {
                        req,
                        rows,
                        complete: false,
                    })
                    .await;
            }
            if received < top {
                break;
            }
            skip += received;
        }
        if let Some(t) = newest {
            on_store(&self.store, move |s| s.advance_watermark(t)).await?;
        }
        if summary.skipped > 0 {
            let _ = tx
                .send(Msg::Warning(format!(
                    "{} alert(s) from the service could not be read and were skipped",
                    summary.skipped
                )))
                .await;
        }
        if full {
            let rows = on_store(&self.store, |s| s.rows()).await?;
            let _ = tx
                .send(Msg::AlertsUpdated {
                    req,
                    rows,
                    complete: true,
                })
                .await;
        } else if !sent_any {
            let _ = tx
                .send(Msg::AlertsUpdated {
                    req,
                    rows: Vec::new(),
                    complete: false,
                })
                .await;
        }
        Ok(summary)
    }

    /// Where the incremental fetch starts: the watermark less the overlap, or the configured
    /// number of days back when the cache has never been filled.
    async fn since(&self) -> Result<Timestamp, SyncError> {
        let mark = on_store(&self.store, |s| s.watermark()).await?;
        let back = match mark {
            Some(_) => chrono::Duration::from_std(self.config.overlap).unwrap_or_default(),
            None => chrono::Duration::days(i64::from(self.config.initial_days)),
        };
        let from = mark.unwrap_or_else(Timestamp::now);
        Ok(Timestamp(from.0.checked_sub_signed(back).unwrap_or(from.0)))
    }

    /// Waits until the polling budget allows another call, then spends it.
    async fn take_call(&self) {
        loop {
            let r = self.budget.lock().await.try_take(Instant::now());
            match r {
                Ok(()) => return,
                Err(at) => tokio::time::sleep_until(at).await,
            }
        }
    }
}
