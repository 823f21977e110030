//! Idle costs (scale issue): a poll that finds nothing new costs exactly one list call and sends
//! the console one empty answer, however many alerts are cached.

use super::fake_api::FakeApi;
use super::with_fake_api::{ArcApi, next_msg as until};
use mde_model::protocol::{Effect, Msg};
use mde_store::Store;
use mde_sync::{SyncConfig, spawn};
use std::sync::Arc;
use std::time::Duration;

#[tokio::test]
async fn a_poll_that_finds_no_change_costs_one_call() {
    let ids: Vec<String> = (0..250).map(|i| format!("da{i:04}")).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let api = Arc::new(FakeApi::with_alerts(&refs));
    // Changed a minute apart over the last hours, so a poll's overlap (a minute before the
    // watermark) re-reads one or two of them, as on a real tenant, not all 250.
    {
        let now = chrono::Utc::now();
        let mut s = api.state.lock().unwrap();
        for (i, a) in s.alerts.values_mut().enumerate() {
            let at = now - chrono::Duration::minutes(60 + i as i64);
            a.last_update_time = Some(mde_model::Timestamp(at));
        }
    }
    let store = Store::open_in_memory().unwrap();
    let config = SyncConfig {
        poll_interval: Duration::from_secs(3600),
        // Several pages in the first fetch, so "one call" is not just "one page was enough".
        page_size: 100,
        ..SyncConfig::default()
    };
    let (tx, mut rx, handle) = spawn(ArcApi(api.clone()), store.clone(), config);
    tx.send(Effect::Start { req: 1 }).await.unwrap();
    until(
        &mut rx,
        |m| matches!(m, Msg::Sync(s) if s.last_sync.is_some()),
    )
    .await;
    let first = api.state.lock().unwrap().list_calls;
    assert!(
        first >= 3,
        "the first fetch pages through 250 alerts: {first} calls"
    );
    assert_eq!(store.alert_count().unwrap(), 250);

    for req in 2..5 {
        tx.send(Effect::Refresh { req, full: false }).await.unwrap();
        match until(
            &mut rx,
            |m| matches!(m, Msg::AlertsUpdated { req: r, .. } if *r == req),
        )
        .await
        {
            Msg::AlertsUpdated { rows, .. } => {
                assert!(rows.is_empty(), "nothing changed: {rows:?}")
            }
            _ => unreachable!(),
        }
        let calls = api.state.lock().unwrap().list_calls;
        assert_eq!(calls - first, (req - 1) as u32, "one call per idle poll");
    }

    // A change is found by the next poll, still in one call.
    api.touch("da0007");
    tx.send(Effect::Refresh {
        req: 9,
        full: false,
    })
    .await
    .unwrap();
    match until(&mut rx, |m| matches!(m, Msg::AlertsUpdated { req: 9, .. })).await {
        Msg::AlertsUpdated { rows, .. } => {
            assert_eq!(
                rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
                ["da0007"]
            )
        }
        _ => unreachable!(),
    }
    assert_eq!(api.state.lock().unwrap().list_calls - first, 4);
    let _ = tx.send(Effect::Quit).await;
    drop(tx);
    let _ = handle.await;
}
