//! Indicators: list (OData over the indicator properties), submit (or update: same value and
//! type), delete. Submitting sets absolute values, so it is retried like a read.

use super::machines::segment;
use super::query::EntityQuery;
use crate::client::MdeClient;
use crate::error::ApiError;
use crate::retry::Delivery;
use mde_model::device::{EntityList, Indicator, NewIndicator};
use mde_odata::IndicatorProp;
use reqwest::Method;

impl MdeClient {
    /// `GET /api/indicators`.
    pub async fn indicators(
        &self,
        query: &EntityQuery<IndicatorProp>,
    ) -> Result<EntityList<Indicator>, ApiError> {
        self.get_list("indicators", query.to_query_string()).await
    }

    /// `POST /api/indicators` (200 with the indicator as stored).
    pub async fn add_indicator(&self, new: &NewIndicator) -> Result<Indicator, ApiError> {
        if new.action.is_retired() {
            return Err(ApiError::Invalid(format!(
                "the indicator action {} was retired in 2022; use Audit, Block, Warn, Allowed or BlockAndRemediate",
                new.action
            )));
        }
        let url = format!("{}api/indicators", self.base);
        let body = serde_json::to_value(new).map_err(|e| ApiError::Invalid(e.to_string()))?;
        let answer = self
            .inner
            .send(Method::POST, &url, Some(&body), Delivery::Idempotent)
            .await?;
        serde_json::from_str(&answer.body).map_err(|e| ApiError::MalformedResponse(e.to_string()))
    }

    /// `DELETE /api/indicators/{id}` (204; 404 when there is no such indicator).
    pub async fn delete_indicator(&self, id: &str) -> Result<(), ApiError> {
        if !id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ApiError::Invalid(format!(
                "indicator ids are numbers, not {:?}",
                id.chars().take(40).collect::<String>()
            )));
        }
        let url = format!(
            "{}api/indicators/{}",
            self.base,
            segment("indicator id", id)?
        );
        self.inner
            .send(Method::DELETE, &url, None, Delivery::Idempotent)
            .await
            .map(drop)
    }
}
