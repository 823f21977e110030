//! Issue 11/12: the poll refreshes the incident list. Once the console has asked for incidents,
//! each poll of the alerts also asks Graph what changed, one call from the shared budget: a poll
//! with no change costs that one call and answers nothing new; a change made on the service shows
//! after the next poll, carrying the console's incidents request.

use super::graph_sync::{clients, emulator, next, quick};
use mde_emulator::Faults;
use mde_graph::GraphClient;
use mde_model::graph::page::Parsed;
use mde_model::graph::{HuntingResult, Incident, IncidentChange, IncidentStatus};
use mde_model::protocol::{Effect, Msg};
use mde_odata::Filter;
use mde_odata::graph::IncidentProp;
use mde_store::Store;
use mde_sync::{GraphApi, GraphFuture, spawn_with_graph};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

/// Graph, counting the incident list calls.
struct Counting {
    inner: GraphClient,
    lists: Arc<AtomicU32>,
}

impl GraphApi for Counting {
    fn list_incidents(
        &self,
        filter: Option<Filter<IncidentProp>>,
    ) -> GraphFuture<'_, mde_graph::GraphSet<Incident>> {
        self.lists.fetch_add(1, Ordering::SeqCst);
        GraphApi::list_incidents(&self.inner, filter)
    }
    fn get_incident<'a>(&'a self, id: &'a str) -> GraphFuture<'a, Parsed<Incident>> {
        GraphApi::get_incident(&self.inner, id)
    }
    fn update_incident<'a>(
        &'a self,
        id: &'a str,
        change: &'a IncidentChange,
    ) -> GraphFuture<'a, Parsed<Incident>> {
        GraphApi::update_incident(&self.inner, id, change)
    }
    fn hunt(&self, query: mde_graph::KqlQuery) -> GraphFuture<'_, HuntingResult> {
        GraphApi::hunt(&self.inner, query)
    }
}

/// Sends a poll and waits for its incident answer (the alerts' comes first).
async fn poll(
    tx: &tokio::sync::mpsc::Sender<Effect>,
    rx: &mut tokio::sync::mpsc::Receiver<Msg>,
    req: u64,
) -> (u64, Vec<mde_model::graph::IncidentRow>) {
    tx.send(Effect::Refresh { req, full: false }).await.unwrap();
    match next(rx, |m| {
        matches!(
            m,
            Msg::IncidentsUpdated { .. } | Msg::IncidentsFailed { .. }
        )
    })
    .await
    {
        Msg::IncidentsUpdated { req, rows, .. } => (req, rows),
        other => panic!("{other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_poll_refreshes_the_incidents_for_one_call() {
    let emu = emulator(Faults::default(), None).await;
    let store = Store::open_in_memory().unwrap();
    let (mde, graph) = clients(&emu);
    let lists = Arc::new(AtomicU32::new(0));
    let counting: Arc<dyn GraphApi> = Arc::new(Counting {
        inner: graph.clone(),
        lists: lists.clone(),
    });
    let (tx, mut rx, handle) = spawn_with_graph(mde, Some(counting), store.clone(), quick());
    // Before the console asks for incidents, a poll costs Graph nothing.
    tx.send(Effect::Refresh {
        req: 1,
        full: false,
    })
    .await
    .unwrap();
    next(
        &mut rx,
        |m| matches!(m, Msg::Sync(s) if s.last_sync.is_some()),
    )
    .await;
    assert_eq!(lists.load(Ordering::SeqCst), 0);

    tx.send(Effect::LoadIncidents {
        req: 7,
        full: false,
    })
    .await
    .unwrap();
    // The cache (empty), then the first fetch.
    next(
        &mut rx,
        |m| matches!(m, Msg::IncidentsUpdated { rows, .. } if rows.is_empty()),
    )
    .await;
    let Msg::IncidentsUpdated { rows, .. } =
        next(&mut rx, |m| matches!(m, Msg::IncidentsUpdated { .. })).await
    else {
        unreachable!()
    };
    let active = rows
        .iter()
        .find(|r| r.status == IncidentStatus::Active)
        .expect("an active incident")
        .clone();
    let after_load = lists.load(Ordering::SeqCst);

    // Idle polls: one incident call each, nothing changed, the console's request carried.
    for req in 2..4 {
        let (r, rows) = poll(&tx, &mut rx, req).await;
        assert_eq!(r, 7, "answers carry the console's incidents request");
        assert!(rows.is_empty(), "nothing changed: {rows:?}");
        assert_eq!(
            lists.load(Ordering::SeqCst) - after_load,
            (req - 1) as u32,
            "one incident call per poll"
        );
    }

    // Someone changes the incident on the service: the next poll brings it.
    graph
        .update_incident(
            &active.id,
            &IncidentChange {
                status: Some(IncidentStatus::InProgress),
                assigned_to: Some("bob@contoso.com".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let (r, rows) = poll(&tx, &mut rx, 5).await;
    assert_eq!(r, 7);
    let changed = rows
        .iter()
        .find(|x| x.id == active.id)
        .unwrap_or_else(|| panic!("{} not in {rows:?}", active.id));
    assert_eq!(changed.status, IncidentStatus::InProgress);
    assert_eq!(changed.assigned_to.as_deref(), Some("bob@contoso.com"));
    assert_eq!(lists.load(Ordering::SeqCst) - after_load, 3);
    tx.send(Effect::Quit).await.unwrap();
    handle.await.unwrap();
}
