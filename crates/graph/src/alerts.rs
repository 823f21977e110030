//! alerts_v2: list (every page), get, and a triage change as PATCH plus a comment POST.

use super::client::{GraphClient, GraphSet};
use super::query::GraphQuery;
use super::write_body::{alert_patch, comment, with_determination};
use mde_api::{ApiError, Delivery};
use mde_model::graph::enums::determination_alternative;
use mde_model::graph::page::{Parsed, parse_item};
use mde_model::graph::{GraphAlert, GraphComment, GraphPage, parse_comment_list};
use mde_model::protocol::TriageChange;
use mde_odata::Filter;
use mde_odata::graph::GraphAlertProp;
use reqwest::Method;

impl GraphClient {
    /// One page of `GET /security/alerts_v2`.
    pub async fn list_alerts(
        &self,
        q: &GraphQuery<GraphAlertProp>,
    ) -> Result<GraphPage<GraphAlert>, ApiError> {
        let url = self.url("alerts_v2", None, None, &q.to_query_string())?;
        self.page(&url).await
    }

    /// Every alert matching `filter` (at most `limit`), in pages of `page_size`.
    pub async fn list_all_alerts(
        &self,
        filter: Option<&Filter<GraphAlertProp>>,
        page_size: u32,
        limit: Option<usize>,
    ) -> Result<GraphSet<GraphAlert>, ApiError> {
        let q = |skip| GraphQuery {
            filter: filter.cloned(),
            top: Some(page_size),
            skip: Some(skip),
            ..GraphQuery::default()
        };
        let first = self.url("alerts_v2", None, None, &q(0).to_query_string())?;
        self.all(&first, page_size, limit, |skip| {
            self.url("alerts_v2", None, None, &q(skip).to_query_string())
        })
        .await
    }

    /// `GET /security/alerts_v2/{id}`.
    pub async fn get_alert(&self, id: &str) -> Result<Parsed<GraphAlert>, ApiError> {
        let url = self.url("alerts_v2", Some(id), None, "")?;
        let body = self
            .send(Method::GET, &url, None, Delivery::Idempotent)
            .await?;
        parse_item(&body).map_err(ApiError::MalformedResponse)
    }

    /// `POST /security/alerts_v2/{id}/comments`: sent at most once per ambiguous failure;
    /// answers the whole list.
    pub async fn comment_alert(&self, id: &str, text: &str) -> Result<Vec<GraphComment>, ApiError> {
        let url = self.url("alerts_v2", Some(id), Some("comments"), "")?;
        let body = self
            .send(
                Method::POST,
                &url,
                Some(&comment(text)?),
                Delivery::AtMostOnce,
            )
            .await?;
        parse_comment_list(&body).map_err(|e| ApiError::MalformedResponse(e.to_string()))
    }

    /// A triage change: PATCH for the fields (retried freely: they set absolute values), then
    /// the comment (at most once per ambiguous failure). Answers the alert as it is now.
    pub async fn update_alert(
        &self,
        id: &str,
        change: &TriageChange,
    ) -> Result<Parsed<GraphAlert>, ApiError> {
        if change.is_empty() {
            return Err(ApiError::Invalid("a write without any change".into()));
        }
        let mut current = None;
        if let Some(body) = alert_patch(change) {
            let url = self.url("alerts_v2", Some(id), None, "")?;
            let answer = match self
                .send(Method::PATCH, &url, Some(&body), Delivery::Idempotent)
                .await
            {
                Err(ApiError::BadRequest(d)) if d.has_code("InvalidRequestBody") => {
                    // The docs dispute some determinations' names: a 400 changed nothing, so the
                    // other spelling may be tried once.
                    let Some(alt) = change
                        .determination
                        .as_ref()
                        .and_then(determination_alternative)
                    else {
                        return Err(ApiError::BadRequest(d));
                    };
                    self.send(
                        Method::PATCH,
                        &url,
                        Some(&with_determination(&body, alt)),
                        Delivery::Idempotent,
                    )
                    .await?
                }
                other => other?,
            };
            current = Some(parse_item::<GraphAlert>(&answer).map_err(ApiError::MalformedResponse)?);
        }
        let Some(text) = &change.comment else {
            return current.ok_or_else(|| ApiError::Invalid("nothing sent".into()));
        };
        let comments = self.comment_alert(id, text).await?;
        match current {
            Some(mut p) => {
                p.item.comments = comments;
                p.raw = serde_json::to_string(&p.item).unwrap_or(p.raw);
                Ok(p)
            }
            None => self.get_alert(id).await,
        }
    }
}
