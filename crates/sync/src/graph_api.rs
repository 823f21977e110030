//! What the sync task needs from Microsoft Graph for incidents and hunting, as a trait object
//! (the task holds one only when the profile signs in to Graph): `GraphClient` implements it,
//! tests can use a fake.

use super::api::ApiFailure;
use super::mde_client::failure;
use mde_graph::{GraphClient, GraphSet, KqlQuery};
use mde_model::graph::page::Parsed;
use mde_model::graph::{HuntingResult, Incident, IncidentChange};
use mde_odata::Filter;
use mde_odata::graph::IncidentProp;
use std::future::Future;
use std::pin::Pin;

/// The future the trait's methods return.
pub type GraphFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, ApiFailure>> + Send + 'a>>;

/// Incidents and hunting, as the sync task uses them.
pub trait GraphApi: Send + Sync + 'static {
    /// Every incident matching `filter`, with its alerts.
    fn list_incidents(
        &self,
        filter: Option<Filter<IncidentProp>>,
    ) -> GraphFuture<'_, GraphSet<Incident>>;

    /// One incident with its alerts.
    fn get_incident<'a>(&'a self, id: &'a str) -> GraphFuture<'a, Parsed<Incident>>;

    /// An incident change (PATCH, then the comment). Must not resend a comment by itself once
    /// it may have reached the service: the outbox decides.
    fn update_incident<'a>(
        &'a self,
        id: &'a str,
        change: &'a IncidentChange,
    ) -> GraphFuture<'a, Parsed<Incident>>;

    /// A hunting query.
    fn hunt(&self, query: KqlQuery) -> GraphFuture<'_, HuntingResult>;
}

/// Incident pages: Graph's documented maximum.
const INCIDENT_PAGE: u32 = 50;

impl GraphApi for GraphClient {
    fn list_incidents(
        &self,
        filter: Option<Filter<IncidentProp>>,
    ) -> GraphFuture<'_, GraphSet<Incident>> {
        Box::pin(async move {
            self.list_all_incidents(filter.as_ref(), true, INCIDENT_PAGE, None)
                .await
                .map_err(failure)
        })
    }

    fn get_incident<'a>(&'a self, id: &'a str) -> GraphFuture<'a, Parsed<Incident>> {
        Box::pin(async move {
            GraphClient::get_incident(self, id, true)
                .await
                .map_err(failure)
        })
    }

    fn update_incident<'a>(
        &'a self,
        id: &'a str,
        change: &'a IncidentChange,
    ) -> GraphFuture<'a, Parsed<Incident>> {
        Box::pin(async move {
            GraphClient::update_incident(self, id, change)
                .await
                .map_err(failure)
        })
    }

    fn hunt(&self, query: KqlQuery) -> GraphFuture<'_, HuntingResult> {
        Box::pin(async move { self.run_hunting(&query).await.map_err(failure) })
    }
}
