//! `MdeClient`: the alerts endpoints of the MDE API (list, get, update, batch update, related
//! entities) over the retrying transport, parsed with the tolerant model.

use super::auth::TokenProvider;
use super::error::ApiError;
use super::query::{ListQuery, MAX_TOP};
use super::retry::{Delivery, RetryPolicy};
use super::transport::{RateInfo, Transport};
use super::write_body::{WriteBody, alternative_spelling};
use mde_model::protocol::TriageChange;
use mde_model::{Page, ParsedAlert, SkippedAlert, parse_alert, parse_page};
use mde_odata::Filter;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::{Method, Url};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

/// Settings of the client.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// API base URL (`ApiHosts::api`), without `/api`.
    pub api_base: String,
    /// Timeout of each request, answer included.
    pub timeout: Duration,
    /// Timeout of establishing a connection.
    pub connect_timeout: Duration,
    /// Retry bounds.
    pub retry: RetryPolicy,
}

impl ClientConfig {
    /// Defaults for a base URL: 60 s per request (a 10,000-alert page with evidence is large), 10 s to connect.
    pub fn new(api_base: &str) -> Self {
        ClientConfig {
            api_base: api_base.trim_end_matches('/').to_string(),
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
        }
    }
}

/// The entities related to an alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Related {
    /// `/files`
    Files,
    /// `/ips`
    Ips,
    /// `/domains`
    Domains,
    /// `/machine`
    Machine,
    /// `/user`
    User,
}

impl Related {
    fn segment(self) -> &'static str {
        match self {
            Related::Files => "files",
            Related::Ips => "ips",
            Related::Domains => "domains",
            Related::Machine => "machine",
            Related::User => "user",
        }
    }
}

/// Every page of a listing, merged.
#[derive(Debug, Clone, Default)]
pub struct AlertSet {
    /// The alerts that parsed, one per id (a later page's copy wins).
    pub alerts: Vec<ParsedAlert>,
    /// Alerts that could not be read.
    pub skipped: Vec<SkippedAlert>,
    /// Requests made.
    pub pages: u32,
}

/// The MDE alerts API client. Cheap to clone; clones share the connection pool and token.
#[derive(Clone)]
pub struct MdeClient {
    pub(crate) inner: Arc<Transport>,
    pub(crate) base: Url,
}

impl std::fmt::Debug for MdeClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MdeClient")
            .field("base", &self.base.as_str())
            .field("tokens", &self.inner.tokens)
            .finish()
    }
}

impl MdeClient {
    /// A client for `config.api_base`, signing in through `tokens`.
    pub fn new(config: ClientConfig, tokens: Arc<dyn TokenProvider>) -> Result<Self, ApiError> {
        let base = Url::parse(&format!("{}/", config.api_base.trim_end_matches('/')))
            .map_err(|e| ApiError::Config(format!("API base URL: {e}")))?;
        Ok(MdeClient {
            inner: Arc::new(Transport::new(&config, tokens)?),
            base,
        })
    }

    /// The retry bounds in force (callers pace their own retries with its backoff).
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The name the service writes as `createdBy` on our comments, once a token has been seen.
    pub fn identity(&self) -> Option<String> {
        self.inner.identity()
    }

    /// What the client has seen of throttling so far.
    pub fn rate_info(&self) -> RateInfo {
        self.inner.rate_info()
    }

    /// One page of `GET /api/alerts`.
    pub async fn list(&self, query: &ListQuery) -> Result<Page, ApiError> {
        let qs = query.to_query_string();
        let url = format!(
            "{}api/alerts{}{qs}",
            self.base,
            if qs.is_empty() { "" } else { "?" }
        );
        self.fetch_page(&url).await
    }

    /// Every alert matching `filter`, paging by `$top`/`$skip` and following `@odata.nextLink`
    /// when the service sends one (same origin only, never the same link twice).
    pub async fn list_all(
        &self,
        filter: Option<&Filter>,
        page_size: u32,
        expand_evidence: bool,
    ) -> Result<AlertSet, ApiError> {
        let page_size = page_size.clamp(1, MAX_TOP);
        let mut set = AlertSet::default();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut followed: HashSet<String> = HashSet::new();
        let mut next_link: Option<String> = None;
        let mut skip: u32 = 0;
        loop {
            let page = match next_link.take() {
                Some(link) => self.fetch_page(&link).await?,
                None => {
                    let q = ListQuery {
                        filter: filter.cloned(),
                        top: Some(page_size),
                        skip: Some(skip),
                        expand_evidence,
                        orderby: None,
                    };
                    self.list(&q).await?
                }
            };
            set.pages += 1;
            let items = (page.alerts.len() + page.skipped.len()) as u32;
            let mut new_ids = 0;
            for a in page.alerts {
                match index.get(&a.alert.id) {
                    Some(&i) => set.alerts[i] = a,
                    None => {
                        new_ids += 1;
                        index.insert(a.alert.id.clone(), set.alerts.len());
                        set.alerts.push(a);
                    }
                }
            }
            new_ids += page.skipped.len();
            set.skipped.extend(page.skipped);
            skip = skip.saturating_add(items);
            if let Some(link) = page.next_link
                && items > 0
                && self.same_origin(&link)
                && followed.insert(link.clone())
            {
                next_link = Some(link);
                continue;
            }
            // A short page ends the listing; a full page of nothing new means the service is
            // repeating itself, and paging further would never end.
            if items < page_size || new_ids == 0 {
                return Ok(set);
            }
        }
    }

    /// `GET /api/alerts/{id}`.
    pub async fn get(&self, id: &str) -> Result<ParsedAlert, ApiError> {
        let url = self.alert_url(id, None)?;
        let answer = self
            .inner
            .send(Method::GET, &url, None, Delivery::Idempotent)
            .await?;
        parse_alert(&answer.body).map_err(ApiError::MalformedResponse)
    }

    /// `PATCH /api/alerts/{id}` with only the fields set. A change carrying a comment is sent at
    /// most once per ambiguous failure (see `retry`); field-only changes are retried freely.
    pub async fn update(&self, id: &str, change: &TriageChange) -> Result<ParsedAlert, ApiError> {
        let url = self.alert_url(id, None)?;
        let answer = self
            .send_write(Method::PATCH, &url, WriteBody::new(change, None)?, change)
            .await?;
        parse_alert(&answer).map_err(ApiError::MalformedResponse)
    }

    /// `POST /api/alerts/batchUpdate`: the same change on every id (200 with an empty body).
    pub async fn batch_update(
        &self,
        ids: &[String],
        change: &TriageChange,
    ) -> Result<(), ApiError> {
        if ids.is_empty() {
            return Err(ApiError::Invalid("batch update without alert ids".into()));
        }
        let url = format!("{}api/alerts/batchUpdate", self.base);
        self.send_write(
            Method::POST,
            &url,
            WriteBody::new(change, Some(ids))?,
            change,
        )
        .await
        .map(drop)
    }

    /// `GET /api/alerts/{id}/{files|ips|domains|machine|user}`, as JSON.
    pub async fn related(&self, id: &str, kind: Related) -> Result<serde_json::Value, ApiError> {
        let url = self.alert_url(id, Some(kind.segment()))?;
        let answer = self
            .inner
            .send(Method::GET, &url, None, Delivery::Idempotent)
            .await?;
        serde_json::from_str(&answer.body).map_err(|e| ApiError::MalformedResponse(e.to_string()))
    }

    /// Sends a write; on `400 InvalidRequestBody` with a determination whose spelling the
    /// documentation disputes, sends it once more with the other spelling. A 400 means the write
    /// was not applied, so resending a comment here cannot duplicate it.
    async fn send_write(
        &self,
        method: Method,
        url: &str,
        body: WriteBody,
        change: &TriageChange,
    ) -> Result<String, ApiError> {
        let delivery = if change.comment.is_some() {
            Delivery::AtMostOnce
        } else {
            Delivery::Idempotent
        };
        match self
            .inner
            .send(method.clone(), url, Some(&body.json), delivery)
            .await
        {
            Ok(a) => Ok(a.body),
            Err(ApiError::BadRequest(d)) if d.has_code("InvalidRequestBody") => {
                let Some(alt) = change.determination.as_ref().and_then(alternative_spelling) else {
                    return Err(ApiError::BadRequest(d));
                };
                tracing::info!(
                    determination = alt,
                    "determination refused; retrying with the documented alternative"
                );
                let json = body.with_determination(alt);
                Ok(self
                    .inner
                    .send(method, url, Some(&json), delivery)
                    .await?
                    .body)
            }
            Err(e) => Err(e),
        }
    }

    async fn fetch_page(&self, url: &str) -> Result<Page, ApiError> {
        let answer = self
            .inner
            .send(Method::GET, url, None, Delivery::Idempotent)
            .await?;
        parse_page(&answer.body).map_err(|e| ApiError::MalformedResponse(e.to_string()))
    }

    /// `…/api/alerts/{id}[/sub]` with the id as one encoded path segment.
    fn alert_url(&self, id: &str, sub: Option<&str>) -> Result<String, ApiError> {
        // `.` and `..` (even encoded) are dot segments to URL parsers: they would address another path.
        if id.is_empty() || id == "." || id == ".." {
            return Err(ApiError::Invalid(format!("alert id {id:?}")));
        }
        let seg = utf8_percent_encode(id, NON_ALPHANUMERIC);
        Ok(match sub {
            Some(s) => format!("{}api/alerts/{seg}/{s}", self.base),
            None => format!("{}api/alerts/{seg}", self.base),
        })
    }

    /// True when `link` points at the API's own scheme, host and port (the token may go there).
    fn same_origin(&self, link: &str) -> bool {
        Url::parse(link).is_ok_and(|u| {
            u.scheme() == self.base.scheme()
                && u.host_str() == self.base.host_str()
                && u.port_or_known_default() == self.base.port_or_known_default()
        })
    }
}
