//! `GraphClient` as the sync task's `AlertsApi`: a profile with `api = "graph"` lists alerts_v2
//! (every Defender product) and writes through Graph, and the list, cache and outbox work as
//! they do for the MDE API, on the MDE model (`GraphAlert::to_parsed`).

use super::api::{AlertsApi, ApiFailure, Selection};
use super::mde_client::failure;
use mde_graph::{GraphClient, GraphQuery};
use mde_model::protocol::TriageChange;
use mde_model::{Page, ParsedAlert, Timestamp};
use mde_odata::Filter;
use mde_odata::graph::GraphAlertProp;

/// The largest alerts_v2 page asked for.
const GRAPH_PAGE: usize = 1000;

/// The alerts_v2 `$filter` of a selection (Graph's enums are camelCase).
fn selection_filter(selection: Selection) -> Option<Filter<GraphAlertProp>> {
    let updated = |t: Timestamp| Filter::gt(GraphAlertProp::LastUpdateDateTime, t);
    match selection {
        Selection::All => None,
        Selection::UpdatedSince(t) => Some(updated(t)),
        Selection::Unresolved => Some(Filter::ne(GraphAlertProp::Status, "resolved")),
        Selection::ResolvedSince(t) => {
            Some(Filter::eq(GraphAlertProp::Status, "resolved").and(updated(t)))
        }
    }
}

// A Graph profile has no device API: the device panel says so (the defaults).
impl super::devices::DevicesApi for GraphClient {}

impl AlertsApi for GraphClient {
    async fn list_alerts(
        &self,
        selection: Selection,
        skip: usize,
        top: usize,
    ) -> Result<Page, ApiFailure> {
        let filter = selection_filter(selection);
        let mut page = Page::default();
        // The poller pages by $skip up to `top`; Graph's pages are smaller, so fill it here.
        while page.alerts.len() + page.skipped.len() < top {
            let got = page.alerts.len() + page.skipped.len();
            let want = (top - got).min(GRAPH_PAGE);
            let q = GraphQuery {
                filter: filter.clone(),
                top: Some(u32::try_from(want).unwrap_or(u32::MAX)),
                skip: Some(u32::try_from(skip + got).unwrap_or(u32::MAX)),
                ..GraphQuery::default()
            };
            let p = self.list_alerts(&q).await.map_err(failure)?;
            let received = p.items.len() + p.skipped.len();
            page.alerts
                .extend(p.items.iter().map(|i| i.item.to_parsed()));
            page.skipped.extend(p.skipped);
            if received < want {
                break;
            }
        }
        Ok(page)
    }

    async fn get_alert(&self, id: &str) -> Result<ParsedAlert, ApiFailure> {
        GraphClient::get_alert(self, id)
            .await
            .map(|p| p.item.to_parsed())
            .map_err(failure)
    }

    async fn update_alert(
        &self,
        id: &str,
        change: &TriageChange,
    ) -> Result<ParsedAlert, ApiFailure> {
        GraphClient::update_alert(self, id, change)
            .await
            .map(|p| p.item.to_parsed())
            .map_err(failure)
    }

    async fn batch_update(&self, ids: &[String], change: &TriageChange) -> Result<(), ApiFailure> {
        // Graph has no batch update: one alert after another. After a failure the outbox reads
        // each alert back and sends only to those not yet changed.
        for id in ids {
            GraphClient::update_alert(self, id, change)
                .await
                .map_err(failure)?;
        }
        Ok(())
    }

    fn identity(&self) -> Option<String> {
        None
    }
}
