//! Incremental fetch: `lastUpdateTime gt <watermark>` with evidence, paged by `$top`/`$skip`,
//! inside the polling share of the rate limit. The first fetch into an empty cache asks for
//! every unresolved alert, however old, and for the resolved ones of the last
//! `initial_days`: an open alert from last quarter is still in the queue.

use super::api::{AlertsApi, Selection};
use super::blocking::on_store;
use super::budget::Budget;
use super::config::SyncConfig;
use super::error::SyncError;
use mde_api::PageBatch;
use mde_model::protocol::{Msg, RequestId};
use mde_model::{AlertRow, Timestamp};
use mde_store::Store;
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc};
use tokio::time::Instant;

/// Changed rows gathered before they go to the console in one message.
const ROWS_PER_MSG: usize = 10_000;

/// Rows that changed, to the console.
async fn send_rows(tx: &mpsc::Sender<Msg>, req: RequestId, rows: Vec<AlertRow>) {
    let _ = tx
        .send(Msg::AlertsUpdated {
            req,
            rows,
            complete: false,
        })
        .await;
}

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

/// The queries of one fetch.
struct Plan {
    /// Asked in order, each paged to its end.
    selections: Vec<Selection>,
    /// Every alert changed after this time is among the answers (a first fetch).
    seen_since: Option<Timestamp>,
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

    /// Fetches changes (everything when `full`), answering `req` with `Msg::AlertsUpdated` for
    /// about every 10,000 rows that changed, or once empty when nothing changed. The watermark moves only
    /// once every page has landed, so an interrupted fetch is repeated, never skipped.
    pub async fn fetch(
        &self,
        req: RequestId,
        full: bool,
        tx: &mpsc::Sender<Msg>,
    ) -> Result<FetchSummary, SyncError> {
        let mut summary = FetchSummary::default();
        let mut newest: Option<Timestamp> = None;
        let mut sent_any = false;
        let plan = self.plan(full).await?;
        self.fetch_all(&plan.selections, req, tx, &mut newest, &mut summary)
            .await?;
        sent_any |= summary.changed > 0;
        // After a first fetch everything changed since its window began has been seen, however
        // old the newest open alert: the next poll need not reach further back than that.
        if let Some(floor) = plan.seen_since {
            newest = Some(newest.map_or(floor, |n| n.max(floor)));
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

    /// Every page of the selections, read as it arrives and stored in two overlapping stages
    /// (scale issue): the pages are read one after the other without waiting for the store,
    /// each alert parsed straight into its row (its evidence borrowed from the page, never
    /// owned), while the batch before is written; the rows that changed go to the console
    /// about every `ROWS_PER_MSG` (a message costs the console a re-sort). The channel between
    /// the stages holds two batches, so a page is never held whole.
    async fn fetch_all(
        &self,
        selections: &[Selection],
        req: RequestId,
        tx: &mpsc::Sender<Msg>,
        newest: &mut Option<Timestamp>,
        summary: &mut FetchSummary,
    ) -> Result<(), SyncError> {
        let (batches, arrived) = mpsc::channel::<PageBatch>(2);
        let mut calls = 0;
        let read = async {
            let top = self.config.page_size.max(1);
            for &selection in selections {
                let mut skip = 0;
                loop {
                    self.take_call().await;
                    calls += 1;
                    let received = self
                        .api
                        .list_alerts_streamed(selection, skip, top, &batches)
                        .await?;
                    if received < top {
                        break;
                    }
                    skip += received;
                }
            }
            drop(batches);
            Ok::<(), SyncError>(())
        };
        let (mut skipped, mut seen_newest, mut changed) = (0, *newest, 0);
        // The store owns the receiving end, so if it stops, the channel closes and the reader
        // stops waiting to send.
        let store = async {
            let mut arrived = arrived;
            let mut pending: Vec<AlertRow> = Vec::new();
            while let Some(batch) = arrived.recv().await {
                skipped += batch.skipped.len();
                for p in &batch.rows {
                    if let Some(t) = p.row.last_update
                        && seen_newest.is_none_or(|n| t > n)
                    {
                        seen_newest = Some(t);
                    }
                }
                let rows = batch.rows;
                let rows = on_store(&self.store, move |s| s.upsert_rows(rows)).await?;
                changed += rows.len();
                pending.extend(rows);
                if pending.len() >= ROWS_PER_MSG {
                    send_rows(tx, req, std::mem::take(&mut pending)).await;
                }
            }
            if !pending.is_empty() {
                send_rows(tx, req, pending).await;
            }
            Ok::<(), SyncError>(())
        };
        // A store that fails closes its channel, so the reader stops too (with "the page's
        // reader went away"): the store's failure is the cause, reported.
        let (read, stored) = tokio::join!(read, store);
        summary.calls += calls;
        summary.skipped += skipped;
        summary.changed += changed;
        *newest = seen_newest;
        stored?;
        read
    }

    /// What a fetch asks for: everything (`full`); what changed since the watermark, less the
    /// overlap; or, when the cache has never been filled, every unresolved alert and the
    /// resolved ones of the configured number of days.
    async fn plan(&self, full: bool) -> Result<Plan, SyncError> {
        if full {
            return Ok(Plan {
                selections: vec![Selection::All],
                seen_since: None,
            });
        }
        let mark = on_store(&self.store, |s| s.watermark()).await?;
        let back = |from: Timestamp, by: chrono::Duration| {
            Timestamp(from.0.checked_sub_signed(by).unwrap_or(from.0))
        };
        Ok(match mark {
            Some(mark) => {
                let overlap = chrono::Duration::from_std(self.config.overlap).unwrap_or_default();
                Plan {
                    selections: vec![Selection::UpdatedSince(back(mark, overlap))],
                    seen_since: None,
                }
            }
            None => {
                let window = chrono::Duration::days(i64::from(self.config.initial_days));
                let since = back(Timestamp::now(), window);
                Plan {
                    selections: vec![Selection::Unresolved, Selection::ResolvedSince(since)],
                    seen_since: Some(since),
                }
            }
        })
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
