//! A fetch of many pages (scale issue: pages are read, rows built and stored in overlapping
//! stages): a page that fails midway stores what came before it, reports the failure, leaves
//! the watermark where it was, and the next fetch gets the rest.

use super::fake_api::FakeApi;
use super::with_fake_api::{ArcApi, next_msg as until};
use mde_model::protocol::{Effect, Msg};
use mde_store::Store;
use mde_sync::{ApiFailure, SyncConfig, spawn};
use std::sync::Arc;
use std::time::Duration;

#[tokio::test]
async fn a_page_failing_midway_keeps_the_pages_before_it_and_the_next_fetch_gets_the_rest() {
    let ids: Vec<String> = (0..250).map(|i| format!("da{i:04}")).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let api = Arc::new(FakeApi::with_alerts(&refs));
    // The third page of the first fetch fails, after two pages of 100 went through.
    api.state.lock().unwrap().list_fault = Some((
        3,
        ApiFailure::Transient {
            message: "HTTP 503".into(),
            retry_after: None,
        },
    ));
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("cache.sqlite3")).unwrap();
    let config = SyncConfig {
        poll_interval: Duration::from_secs(3600),
        page_size: 100,
        ..SyncConfig::default()
    };
    let (tx, mut rx, handle) = spawn(ArcApi(api.clone()), store.clone(), config);
    tx.send(Effect::Start { req: 1 }).await.unwrap();
    match until(&mut rx, |m| matches!(m, Msg::RefreshFailed { .. })).await {
        Msg::RefreshFailed { req, error } => {
            assert_eq!(req, 1);
            assert!(error.contains("503"), "{error}");
        }
        _ => unreachable!(),
    }
    assert_eq!(store.alert_count().unwrap(), 200, "the two pages before it");
    assert_eq!(
        store.watermark().unwrap(),
        None,
        "an interrupted fetch moves no watermark"
    );

    tx.send(Effect::Refresh {
        req: 2,
        full: false,
    })
    .await
    .unwrap();
    until(
        &mut rx,
        |m| matches!(m, Msg::Sync(s) if s.last_sync.is_some()),
    )
    .await;
    assert_eq!(store.alert_count().unwrap(), 250);
    assert!(store.watermark().unwrap().is_some());
    let _ = tx.send(Effect::Quit).await;
    drop(tx);
    handle.await.unwrap();
}
