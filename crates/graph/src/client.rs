//! `GraphClient`: the Graph security endpoints over mde-api's transport (its own token, the same
//! retry rules), and paging by `@odata.nextLink`.

use mde_api::{ApiError, ClientConfig, Delivery, RateInfo, RetryPolicy, TokenProvider, Transport};
use mde_model::SkippedAlert;
use mde_model::graph::GraphPage;
use mde_model::graph::page::{HasId, Parsed, parse_graph_page};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The Graph security client. Cheap to clone; clones share the connection pool and token.
#[derive(Clone)]
pub struct GraphClient {
    pub(crate) inner: Arc<Transport>,
    /// `{graph}/v1.0/security/`.
    pub(crate) base: Url,
}

impl std::fmt::Debug for GraphClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphClient")
            .field("base", &self.base.as_str())
            .finish_non_exhaustive()
    }
}

/// Every page of a listing, merged.
#[derive(Debug, Clone)]
pub struct GraphSet<T> {
    /// The items, one per id (a later page's copy wins).
    pub items: Vec<Parsed<T>>,
    /// Items that could not be read.
    pub skipped: Vec<SkippedAlert>,
    /// Requests made.
    pub pages: u32,
}

impl<T> Default for GraphSet<T> {
    fn default() -> Self {
        GraphSet {
            items: Vec::new(),
            skipped: Vec::new(),
            pages: 0,
        }
    }
}

impl GraphClient {
    /// A client for Graph at `config.api_base` (`https://graph.microsoft.com`, or the emulator),
    /// signing in through `tokens` (a Graph-audience provider).
    pub fn new(config: ClientConfig, tokens: Arc<dyn TokenProvider>) -> Result<Self, ApiError> {
        let base = Url::parse(&format!(
            "{}/v1.0/security/",
            config.api_base.trim_end_matches('/')
        ))
        .map_err(|e| ApiError::Config(format!("Graph base URL: {e}")))?;
        Ok(GraphClient {
            inner: Arc::new(Transport::new(&config, tokens)?),
            base,
        })
    }

    /// The retry bounds in force.
    pub fn retry_policy(&self) -> &RetryPolicy {
        self.inner.retry_policy()
    }

    /// The name the service writes on our comments, once a token has been seen.
    pub fn identity(&self) -> Option<String> {
        self.inner.identity()
    }

    /// What the client has seen of throttling so far.
    pub fn rate_info(&self) -> RateInfo {
        self.inner.rate_info()
    }

    /// `{base}{collection}[/{id}][/{sub}][?query]` with the id as one encoded path segment.
    pub(crate) fn url(
        &self,
        collection: &str,
        id: Option<&str>,
        sub: Option<&str>,
        query: &str,
    ) -> Result<String, ApiError> {
        let mut u = format!("{}{collection}", self.base);
        if let Some(id) = id {
            // `.` and `..` (even encoded) are dot segments: they would address another path.
            if id.is_empty() || id == "." || id == ".." {
                return Err(ApiError::Invalid(format!("id {id:?}")));
            }
            u.push('/');
            u.push_str(&utf8_percent_encode(id, NON_ALPHANUMERIC).to_string());
        }
        if let Some(s) = sub {
            u.push('/');
            u.push_str(s);
        }
        if !query.is_empty() {
            u.push('?');
            u.push_str(query);
        }
        Ok(u)
    }

    /// One request; its body on success.
    pub(crate) async fn send(
        &self,
        method: Method,
        url: &str,
        json: Option<&serde_json::Value>,
        delivery: Delivery,
    ) -> Result<String, ApiError> {
        Ok(self.inner.send(method, url, json, delivery).await?.body)
    }

    /// One page of a list.
    pub(crate) async fn page<T: DeserializeOwned + HasId>(
        &self,
        url: &str,
    ) -> Result<GraphPage<T>, ApiError> {
        let body = self
            .send(Method::GET, url, None, Delivery::Idempotent)
            .await?;
        parse_graph_page(&body).map_err(|e| ApiError::MalformedResponse(e.to_string()))
    }

    /// Every page from `first`, following `@odata.nextLink` (same origin only, never one link
    /// twice) up to `limit` items; without a link, a full page is followed by `$skip`, since
    /// some tenants' alerts_v2 send no link.
    pub(crate) async fn all<T: DeserializeOwned + HasId>(
        &self,
        first: &str,
        page_size: u32,
        limit: Option<usize>,
        skip_url: impl Fn(u32) -> Result<String, ApiError>,
    ) -> Result<GraphSet<T>, ApiError> {
        let mut set = GraphSet::default();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut followed: HashSet<String> = HashSet::new();
        let mut url = first.to_string();
        let mut skip: u32 = 0;
        loop {
            let page: GraphPage<T> = self.page(&url).await?;
            set.pages += 1;
            let received = (page.items.len() + page.skipped.len()) as u32;
            let mut fresh = page.skipped.len();
            for p in page.items {
                match index.get(p.item.id()) {
                    Some(&i) => set.items[i] = p,
                    None => {
                        fresh += 1;
                        index.insert(p.item.id().to_string(), set.items.len());
                        set.items.push(p);
                    }
                }
            }
            set.skipped.extend(page.skipped);
            skip = skip.saturating_add(received);
            if limit.is_some_and(|l| set.items.len() >= l) {
                return Ok(set);
            }
            match page.next_link {
                Some(link)
                    if received > 0 && self.same_origin(&link) && followed.insert(link.clone()) =>
                {
                    url = link;
                }
                // A short page ends the list; a full page of nothing new means it repeats.
                _ if received < page_size || fresh == 0 => return Ok(set),
                _ => url = skip_url(skip)?,
            }
        }
    }

    /// True when `link` points at Graph's own scheme, host and port (the token may go there).
    fn same_origin(&self, link: &str) -> bool {
        Url::parse(link).is_ok_and(|u| {
            u.scheme() == self.base.scheme()
                && u.host_str() == self.base.host_str()
                && u.port_or_known_default() == self.base.port_or_known_default()
        })
    }
}
