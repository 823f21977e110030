//! Streaming: a page read as it arrives.

use super::*;

/// Scale issue: a page read as it arrives holds what the page read whole holds, in order, in
/// batches of about `BATCH`; a 5xx before the body is retried as for any call.
#[tokio::test]
async fn a_streamed_page_is_the_page_in_batches() {
    let emu = emulator::spawn(EmulatorConfig {
        faults: Faults {
            fail_rate: 0.3,
            ..Faults::default()
        },
        ..config(2_500)
    })
    .await
    .unwrap();
    let c = client(&emu);
    let q = ListQuery {
        top: Some(2_200),
        skip: Some(100),
        expand_evidence: true,
        ..Default::default()
    };
    let whole = c.list(&q).await.unwrap();
    let (tx, mut rx) = tokio::sync::mpsc::channel(4);
    let reading = {
        let c = c.clone();
        let q = q.clone();
        tokio::spawn(async move { c.list_streamed(&q, &tx).await })
    };
    let mut got = Vec::new();
    let mut sizes = Vec::new();
    while let Some(b) = rx.recv().await {
        let b: mde_api::PageBatch = b;
        sizes.push(b.rows.len() + b.skipped.len());
        got.extend(b.rows);
    }
    let end = reading.await.unwrap().unwrap();
    assert_eq!(end.items, 2_200);
    // How the body arrives in pieces decides where a batch ends, so only this is certain: a
    // batch is handed on once it holds BATCH (all but the last), and never holds twice that.
    let (last, full) = sizes.split_last().unwrap();
    assert!(!full.is_empty(), "{sizes:?}");
    for n in full {
        assert!(
            (mde_api::page_stream::BATCH..2 * mde_api::page_stream::BATCH).contains(n),
            "{sizes:?}"
        );
    }
    assert!(*last < 2 * mde_api::page_stream::BATCH, "{sizes:?}");
    // Each row read straight from the stream is the row of the alert read whole.
    let whole: Vec<mde_model::ParsedRow> = whole.alerts.into_iter().map(Into::into).collect();
    let ids = |v: &[mde_model::ParsedRow]| {
        v.iter()
            .map(|p| (p.row.id.clone(), p.raw.len()))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&got), ids(&whole));
    assert!(
        got.iter()
            .zip(&whole)
            .all(|(a, b)| a.raw == b.raw && a.row == b.row)
    );
}
