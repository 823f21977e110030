//! A profile's signed-in clients: the MDE API always, Microsoft Graph when the sign-in reaches
//! it (incidents, hunting), and which of the two the alert list reads (`api = "graph"`: Graph's
//! alerts_v2, every Defender product). The sync task and the outbox drain run on the same pair.

use mde_api::MdeClient;
use mde_graph::GraphClient;
use mde_model::protocol::{Effect, Msg};
use mde_store::Store;
use mde_sync::{DrainReport, GraphApi, SyncConfig, SyncError};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// One profile's clients.
#[derive(Clone)]
pub struct Clients {
    /// The MDE API (alerts, devices, response actions).
    pub mde: MdeClient,
    /// Graph, when signed in to it.
    pub graph: Option<GraphClient>,
    /// Read and write alerts through Graph's alerts_v2 instead of the MDE API.
    pub alerts_from_graph: bool,
}

impl Clients {
    /// The MDE API alone (incidents and hunting then say Graph is not signed in).
    pub fn mde(mde: MdeClient) -> Clients {
        Clients {
            mde,
            graph: None,
            alerts_from_graph: false,
        }
    }

    fn graph_api(&self) -> Option<Arc<dyn GraphApi>> {
        self.graph.clone().map(|g| Arc::new(g) as Arc<dyn GraphApi>)
    }

    /// The alerts backend Graph serves, when the profile reads alerts from Graph.
    fn graph_alerts(&self) -> Option<GraphClient> {
        self.graph.clone().filter(|_| self.alerts_from_graph)
    }

    /// Starts the sync task on these clients.
    pub fn spawn_sync(
        &self,
        store: Store,
        sync: SyncConfig,
    ) -> (mpsc::Sender<Effect>, mpsc::Receiver<Msg>, JoinHandle<()>) {
        match self.graph_alerts() {
            Some(g) => mde_sync::spawn_with_graph(g, self.graph_api(), store, sync),
            None => mde_sync::spawn_with_graph(self.mde.clone(), self.graph_api(), store, sync),
        }
    }

    /// Sends what the outbox holds, for at most `deadline`.
    pub async fn drain(
        self,
        store: Store,
        sync: SyncConfig,
        deadline: Duration,
    ) -> Result<DrainReport, SyncError> {
        let graph = self.graph_api();
        match self.graph_alerts() {
            Some(g) => mde_sync::drain_outbox_graph(g, graph, store, sync, deadline).await,
            None => mde_sync::drain_outbox_graph(self.mde, graph, store, sync, deadline).await,
        }
    }
}
