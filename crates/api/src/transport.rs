//! One HTTP exchange with the API, and the loop that repeats it under the retry policy: bearer
//! token, per-request timeout, error classification, `Retry-After`, 401 → refresh once. The MDE
//! client and the Graph client (mde-graph) share it, so both follow the same rules.

use super::auth::TokenProvider;
use super::error::ApiError;
use super::retry::{Decision, Delivery, Failure, RetryPolicy, RetryState, jitter};
use reqwest::{Method, StatusCode};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the client has seen of the service's rate limiting, for the sync task's budget.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RateInfo {
    /// Requests sent (every attempt counts: the service counts them too).
    pub requests: u64,
    /// 429 answers received.
    pub throttled: u64,
    /// The last `Retry-After` received.
    pub last_retry_after: Option<Duration>,
    /// When the last 429 arrived.
    pub last_throttled_at: Option<Instant>,
}

/// A successful answer.
pub struct Answer {
    /// The body as text.
    pub body: String,
}

/// The transport shared by every endpoint.
pub struct Transport {
    pub(crate) http: reqwest::Client,
    pub(crate) tokens: Arc<dyn TokenProvider>,
    pub(crate) retry: RetryPolicy,
    pub(crate) rate: Mutex<RateInfo>,
    /// Who the last token spoke for (from its claims), for telling our comments apart.
    pub(crate) identity: Mutex<Option<String>>,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("tokens", &self.tokens)
            .finish_non_exhaustive()
    }
}

impl Transport {
    /// A transport with the timeouts and retry bounds of `config`, signing in through `tokens`.
    pub fn new(
        config: &super::client::ClientConfig,
        tokens: Arc<dyn TokenProvider>,
    ) -> Result<Self, ApiError> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout)
            .user_agent(concat!("mde-triage/", env!("CARGO_PKG_VERSION")))
            // A redirect to another host would carry the bearer token there.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| ApiError::Config(e.to_string()))?;
        Ok(Transport {
            http,
            tokens,
            retry: config.retry,
            rate: Mutex::new(RateInfo::default()),
            identity: Mutex::new(None),
        })
    }

    /// The retry bounds in force.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The name the last token spoke for, once one has been seen.
    pub fn identity(&self) -> Option<String> {
        self.identity
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Sends `method url [json]` until it succeeds or the policy gives up.
    pub async fn send(
        &self,
        method: Method,
        url: &str,
        json: Option<&serde_json::Value>,
        delivery: Delivery,
    ) -> Result<Answer, ApiError> {
        let mut state = RetryState::default();
        loop {
            let err = match self.attempt(method.clone(), url, json).await {
                Ok(a) => return Ok(a),
                Err(e) => e,
            };
            match self
                .retry
                .decide(&mut state, Failure::of(&err), delivery, jitter())
            {
                Decision::Wait(d) => {
                    tracing::debug!(%method, error = %err, wait = ?d, "retrying");
                    tokio::time::sleep(d).await;
                }
                Decision::RefreshToken => {
                    tracing::debug!("401: refreshing the token once");
                    self.tokens.invalidate();
                }
                Decision::GiveUp => return Err(err),
            }
        }
    }

    async fn attempt(
        &self,
        method: Method,
        url: &str,
        json: Option<&serde_json::Value>,
    ) -> Result<Answer, ApiError> {
        let resp = self.open_once(method, url, json).await?;
        let body = resp.text().await.map_err(body_lost)?;
        Ok(Answer { body })
    }

    /// Sends a GET under the retry policy and hands back the successful response with its
    /// body unread, for a caller that reads it as it arrives (a page of alerts).
    pub async fn open(&self, url: &str) -> Result<reqwest::Response, ApiError> {
        let mut state = RetryState::default();
        loop {
            let err = match self.open_once(Method::GET, url, None).await {
                Ok(r) => return Ok(r),
                Err(e) => e,
            };
            match self.retry.decide(
                &mut state,
                Failure::of(&err),
                Delivery::Idempotent,
                jitter(),
            ) {
                Decision::Wait(d) => tokio::time::sleep(d).await,
                Decision::RefreshToken => self.tokens.invalidate(),
                Decision::GiveUp => return Err(err),
            }
        }
    }

    /// One request: the response when its status is a success (body unread), else the error
    /// its status and body describe.
    async fn open_once(
        &self,
        method: Method,
        url: &str,
        json: Option<&serde_json::Value>,
    ) -> Result<reqwest::Response, ApiError> {
        let token = self.tokens.token().await?;
        if let Some(who) = super::auth::identity_from_jwt(token.bearer()) {
            *self.identity.lock().unwrap_or_else(|p| p.into_inner()) = Some(who);
        }
        let mut req = self
            .http
            .request(method, url)
            .bearer_auth(token.bearer())
            .header(reqwest::header::ACCEPT, "application/json");
        if let Some(body) = json {
            req = req.json(body);
        }
        self.bump(|r| r.requests += 1);
        let resp = req.send().await.map_err(classify)?;
        let status = resp.status();
        if status.is_success() {
            return Ok(resp);
        }
        let retry_after = retry_after(resp.headers());
        let body = resp.text().await.map_err(body_lost)?;
        if status == StatusCode::TOO_MANY_REQUESTS {
            self.bump(|r| {
                r.throttled += 1;
                r.last_retry_after = retry_after;
                r.last_throttled_at = Some(Instant::now());
            });
        }
        Err(ApiError::from_status(status.as_u16(), retry_after, &body))
    }

    fn bump(&self, f: impl FnOnce(&mut RateInfo)) {
        f(&mut self.rate.lock().unwrap_or_else(|p| p.into_inner()));
    }

    /// A copy of the rate-limit counters.
    pub fn rate_info(&self) -> RateInfo {
        self.rate.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// The request was sent; only (part of) the answer was lost.
pub(crate) fn body_lost(e: reqwest::Error) -> ApiError {
    if e.is_timeout() {
        ApiError::Timeout
    } else {
        ApiError::Connection {
            sent: true,
            message: describe(&e),
        }
    }
}

/// Maps a transport error; `sent: false` only when the connection never carried the request.
fn classify(e: reqwest::Error) -> ApiError {
    if e.is_timeout() {
        ApiError::Timeout
    } else if e.is_connect() {
        ApiError::Connection {
            sent: false,
            message: describe(&e),
        }
    } else if e.is_builder() {
        ApiError::Config(describe(&e))
    } else {
        ApiError::Connection {
            sent: true,
            message: describe(&e),
        }
    }
}

/// The error chain as one line, without the URL.
fn describe(e: &reqwest::Error) -> String {
    let mut msg = String::new();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        if !msg.is_empty() {
            msg.push_str(": ");
        }
        msg.push_str(&s.to_string());
        src = s.source();
    }
    if msg.is_empty() {
        "transport error".to_string()
    } else {
        msg
    }
}

/// `Retry-After` in seconds, or as an HTTP date.
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let v = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(secs) = v.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0)
            .then(|| Duration::from_secs_f64(secs.min(86_400.0)));
    }
    let at = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    let wait = at.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut h = HeaderMap::new();
        assert_eq!(retry_after(&h), None);
        h.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
        h.insert(RETRY_AFTER, HeaderValue::from_static("0.05"));
        assert_eq!(retry_after(&h), Some(Duration::from_millis(50)));
        h.insert(RETRY_AFTER, HeaderValue::from_static("-1"));
        assert_eq!(retry_after(&h), None);
        h.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&h), Some(Duration::ZERO));
        h.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&h), None);
    }
}
