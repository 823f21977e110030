//! incidents: list (every page, `$expand=alerts`), get, and a change as PATCH plus a comment.

use super::client::{GraphClient, GraphSet};
use super::query::GraphQuery;
use super::write_body::{comment, incident_patch, with_determination};
use mde_api::{ApiError, Delivery};
use mde_model::graph::enums::determination_alternative;
use mde_model::graph::page::{Parsed, parse_item};
use mde_model::graph::{GraphComment, GraphPage, Incident, IncidentChange, parse_comment_list};
use mde_odata::Filter;
use mde_odata::graph::IncidentProp;
use reqwest::Method;

impl GraphClient {
    /// One page of `GET /security/incidents`.
    pub async fn list_incidents(
        &self,
        q: &GraphQuery<IncidentProp>,
    ) -> Result<GraphPage<Incident>, ApiError> {
        let url = self.url("incidents", None, None, &q.to_query_string())?;
        self.page(&url).await
    }

    /// Every incident matching `filter` (at most `limit`), with their alerts when `expand`.
    pub async fn list_all_incidents(
        &self,
        filter: Option<&Filter<IncidentProp>>,
        expand: bool,
        page_size: u32,
        limit: Option<usize>,
    ) -> Result<GraphSet<Incident>, ApiError> {
        let q = |skip| GraphQuery {
            filter: filter.cloned(),
            top: Some(page_size),
            skip: Some(skip),
            expand_alerts: expand,
            ..GraphQuery::default()
        };
        let first = self.url("incidents", None, None, &q(0).to_query_string())?;
        self.all(&first, page_size, limit, |skip| {
            self.url("incidents", None, None, &q(skip).to_query_string())
        })
        .await
    }

    /// `GET /security/incidents/{id}[?$expand=alerts]`.
    pub async fn get_incident(&self, id: &str, expand: bool) -> Result<Parsed<Incident>, ApiError> {
        let url = self.url(
            "incidents",
            Some(id),
            None,
            if expand { "$expand=alerts" } else { "" },
        )?;
        let body = self
            .send(Method::GET, &url, None, Delivery::Idempotent)
            .await?;
        parse_item(&body).map_err(ApiError::MalformedResponse)
    }

    /// `POST /security/incidents/{id}/comments`: at most once per ambiguous failure.
    pub async fn comment_incident(
        &self,
        id: &str,
        text: &str,
    ) -> Result<Vec<GraphComment>, ApiError> {
        let url = self.url("incidents", Some(id), Some("comments"), "")?;
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

    /// An incident change: PATCH for the fields, then the comment. Answers the incident as it
    /// is now (without its alerts).
    pub async fn update_incident(
        &self,
        id: &str,
        change: &IncidentChange,
    ) -> Result<Parsed<Incident>, ApiError> {
        if change.is_empty() {
            return Err(ApiError::Invalid("a write without any change".into()));
        }
        let mut current = None;
        if let Some(body) = incident_patch(change) {
            let url = self.url("incidents", Some(id), None, "")?;
            let answer = match self
                .send(Method::PATCH, &url, Some(&body), Delivery::Idempotent)
                .await
            {
                Err(ApiError::BadRequest(d)) if d.has_code("InvalidRequestBody") => {
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
            current = Some(parse_item::<Incident>(&answer).map_err(ApiError::MalformedResponse)?);
        }
        let Some(text) = &change.comment else {
            return current.ok_or_else(|| ApiError::Invalid("nothing sent".into()));
        };
        let comments = self.comment_incident(id, text).await?;
        match current {
            Some(mut p) => {
                p.item.comments = comments;
                p.raw = serde_json::to_string(&p.item).unwrap_or(p.raw);
                Ok(p)
            }
            None => self.get_incident(id, false).await,
        }
    }
}
