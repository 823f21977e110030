//! A start from the cache, first screen first: the open queue's most severe, newest rows go to
//! the console at once (`Store::first_rows`, a few milliseconds), then every row, in slices so
//! the console stays responsive while it takes them in. Both are `CacheLoaded`: rows the console
//! already holds are simply replaced by the same ones.

use super::blocking::on_store;
use mde_model::protocol::{Msg, RequestId};
use mde_store::Store;
use tokio::sync::mpsc;

/// Rows in the first message: more than any screen shows.
const FIRST: usize = 300;
/// Rows per later message.
const SLICE: usize = 25_000;

/// Sends the cached rows to the console; a cache that cannot be read is a warning.
pub async fn send_cache(store: &Store, tx: &mpsc::Sender<Msg>, req: RequestId) {
    let first = match on_store(store, |s| s.first_rows(FIRST)).await {
        Ok(rows) => rows,
        Err(e) => {
            let _ = tx
                .send(Msg::Warning(format!("cache unreadable: {e}")))
                .await;
            return;
        }
    };
    let shown = first.len();
    let _ = tx.send(Msg::CacheLoaded { req, rows: first }).await;
    match on_store(store, |s| s.rows()).await {
        // The first message held every cached alert.
        Ok(rows) if rows.len() == shown => {}
        Ok(mut rows) => {
            while !rows.is_empty() {
                let rest = rows.split_off(rows.len().min(SLICE));
                let _ = tx.send(Msg::CacheLoaded { req, rows }).await;
                rows = rest;
            }
        }
        Err(e) => {
            let _ = tx
                .send(Msg::Warning(format!("cache unreadable: {e}")))
                .await;
        }
    }
}
