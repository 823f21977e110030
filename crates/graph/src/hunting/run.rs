//! `POST /security/runHuntingQuery`: `{"Query", "Timespan"}`, answered with `{schema, results}`.

use super::builder::KqlQuery;
use crate::client::GraphClient;
use mde_api::{ApiError, Delivery};
use mde_model::graph::HuntingResult;
use reqwest::Method;
use serde_json::json;

impl GraphClient {
    /// Runs a query built by `builder::build`.
    pub async fn run_hunting(&self, q: &KqlQuery) -> Result<HuntingResult, ApiError> {
        self.run_hunting_text(&q.text, q.timespan.as_deref()).await
    }

    /// Runs the analyst's own query text (the CLI's `hunt`): it goes to the service as typed,
    /// a string inside a JSON body, and nothing from the service's data is added to it.
    pub async fn run_hunting_text(
        &self,
        query: &str,
        timespan: Option<&str>,
    ) -> Result<HuntingResult, ApiError> {
        if query.trim().is_empty() {
            return Err(ApiError::Invalid("an empty hunting query".into()));
        }
        let mut body = json!({ "Query": query });
        if let Some(t) = timespan {
            body["Timespan"] = t.into();
        }
        let url = self.url("runHuntingQuery", None, None, "")?;
        // Reading: repeating it cannot change anything, so it is retried like a GET.
        let answer = self
            .send(Method::POST, &url, Some(&body), Delivery::Idempotent)
            .await?;
        HuntingResult::parse(&answer).map_err(|e| ApiError::MalformedResponse(e.to_string()))
    }
}
