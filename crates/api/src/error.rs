//! The client's typed errors: one variant per failure class, so callers decide by type (retry,
//! re-sign-in, tell the analyst) and never by parsing messages.

use super::auth::AuthError;
use std::fmt;
use std::time::Duration;

/// The service's error envelope `{"error":{"code","message","target"}}`, every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceError {
    /// Machine-readable code (`ResourceNotFound`, `InvalidRequestBody`, …).
    pub code: Option<String>,
    /// Free text; may change between releases and may echo attacker-controlled input.
    pub message: Option<String>,
    /// Correlation id (a GUID or a `|hex-hex.` request id).
    pub target: Option<String>,
}

/// Longest service message kept, so a hostile body cannot flood logs or the status bar.
const MAX_MESSAGE_CHARS: usize = 500;

impl ServiceError {
    /// Reads the envelope from an error body; a body that is not the envelope gives an empty one.
    pub fn from_body(body: &str) -> Self {
        #[derive(serde::Deserialize)]
        struct Envelope {
            error: Option<Inner>,
        }
        #[derive(serde::Deserialize)]
        struct Inner {
            code: Option<serde_json::Value>,
            message: Option<serde_json::Value>,
            target: Option<serde_json::Value>,
            /// Graph's envelope carries the request id here instead of `target`.
            #[serde(rename = "innerError", alias = "innererror")]
            inner_error: Option<GraphInner>,
        }
        #[derive(serde::Deserialize)]
        struct GraphInner {
            #[serde(rename = "request-id")]
            request_id: Option<serde_json::Value>,
        }
        let text = |v: Option<serde_json::Value>| -> Option<String> {
            let s = match v? {
                serde_json::Value::String(s) => s,
                serde_json::Value::Null => return None,
                other => other.to_string(),
            };
            Some(s.chars().take(MAX_MESSAGE_CHARS).collect())
        };
        match serde_json::from_str::<Envelope>(body) {
            Ok(Envelope { error: Some(i) }) => ServiceError {
                code: text(i.code),
                message: text(i.message),
                target: text(i.target).or_else(|| text(i.inner_error.and_then(|g| g.request_id))),
            },
            _ => ServiceError::default(),
        }
    }

    /// True when the service sent this code.
    pub fn has_code(&self, code: &str) -> bool {
        self.code.as_deref() == Some(code)
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.code, &self.message) {
            (Some(c), Some(m)) => write!(f, "{c}: {m}")?,
            (Some(c), None) => f.write_str(c)?,
            (None, Some(m)) => f.write_str(m)?,
            (None, None) => f.write_str("no detail")?,
        }
        if let Some(t) = &self.target {
            write!(f, " (target {t})")?;
        }
        Ok(())
    }
}

/// Every way a call to the service can fail.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 401 even after one token refresh.
    #[error("unauthorized (401): {0}")]
    Unauthorized(ServiceError),
    /// 403: the token is valid but lacks the permission or RBAC role.
    #[error("forbidden (403): {0}")]
    Forbidden(ServiceError),
    /// 404: no such alert (or related entity).
    #[error("not found (404): {0}")]
    NotFound(ServiceError),
    /// 400: the request was rejected; final.
    #[error("bad request (400): {0}")]
    BadRequest(ServiceError),
    /// 429 the retry policy gave up on; `retry_after` is the service's last request.
    #[error("throttled (429), retry after {retry_after:?}")]
    Throttled {
        /// The `Retry-After` the service sent last.
        retry_after: Option<Duration>,
    },
    /// 5xx the retry policy gave up on.
    #[error("server error ({status}): {detail}")]
    Server {
        /// HTTP status.
        status: u16,
        /// The envelope, when sent.
        detail: ServiceError,
    },
    /// Another HTTP status the client does not expect (405, 409, 413, …); final.
    #[error("unexpected HTTP status {status}: {detail}")]
    Status {
        /// HTTP status.
        status: u16,
        /// The envelope, when sent.
        detail: ServiceError,
    },
    /// The request timed out; it may or may not have taken effect.
    #[error("request timed out")]
    Timeout,
    /// The connection failed. `sent` is false only when it certainly failed before the request left.
    #[error("connection failed: {message}")]
    Connection {
        /// Whether the request may have reached the service.
        sent: bool,
        /// The transport's description.
        message: String,
    },
    /// A 2xx answer the client could not read.
    #[error("malformed response: {0}")]
    MalformedResponse(String),
    /// Sign-in failed.
    #[error("sign-in failed: {0}")]
    Auth(#[from] AuthError),
    /// Refused before sending: the request itself is invalid (empty change, impossible alert id).
    #[error("invalid request: {0}")]
    Invalid(String),
    /// The client was configured wrongly (bad base URL, TLS setup).
    #[error("invalid client configuration: {0}")]
    Config(String),
}

impl ApiError {
    /// True for failures worth retrying later (throttling, 5xx, timeouts, connection trouble).
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Throttled { .. }
            | ApiError::Server { .. }
            | ApiError::Timeout
            | ApiError::Connection { .. } => true,
            ApiError::Auth(a) => a.is_transient(),
            _ => false,
        }
    }

    /// True when a write may have taken effect although no answer confirmed it: a non-idempotent
    /// write (a comment) must be checked on the service before it is sent again.
    pub fn is_ambiguous(&self) -> bool {
        match self {
            ApiError::Timeout | ApiError::Server { .. } => true,
            ApiError::Connection { sent, .. } => *sent,
            _ => false,
        }
    }

    /// The service's error envelope, when the failure came with one.
    pub fn service_error(&self) -> Option<&ServiceError> {
        match self {
            ApiError::Unauthorized(d)
            | ApiError::Forbidden(d)
            | ApiError::NotFound(d)
            | ApiError::BadRequest(d)
            | ApiError::Server { detail: d, .. }
            | ApiError::Status { detail: d, .. } => Some(d),
            _ => None,
        }
    }

    /// Maps a non-success HTTP answer to its class.
    pub fn from_status(status: u16, retry_after: Option<Duration>, body: &str) -> Self {
        let detail = ServiceError::from_body(body);
        match status {
            400 => ApiError::BadRequest(detail),
            401 => ApiError::Unauthorized(detail),
            403 => ApiError::Forbidden(detail),
            404 => ApiError::NotFound(detail),
            429 => ApiError::Throttled { retry_after },
            500..=599 => ApiError::Server { status, detail },
            _ => ApiError::Status { status, detail },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_is_read_and_kept_short() {
        let long = "x".repeat(5000);
        let body = format!(
            r#"{{"error":{{"code":"ResourceNotFound","message":"{long}","target":"|f712eef2-447d37a1beaf6d2b."}}}}"#
        );
        let e = ApiError::from_status(404, None, &body);
        let d = e.service_error().unwrap();
        assert!(d.has_code("ResourceNotFound"));
        assert_eq!(d.message.as_ref().unwrap().len(), MAX_MESSAGE_CHARS);
        assert_eq!(d.target.as_deref(), Some("|f712eef2-447d37a1beaf6d2b."));
        assert!(matches!(e, ApiError::NotFound(_)));
    }

    #[test]
    fn status_classes_map_to_variants() {
        assert!(matches!(
            ApiError::from_status(400, None, "{}"),
            ApiError::BadRequest(_)
        ));
        assert!(matches!(
            ApiError::from_status(401, None, ""),
            ApiError::Unauthorized(_)
        ));
        assert!(matches!(
            ApiError::from_status(403, None, "<html>"),
            ApiError::Forbidden(_)
        ));
        let t = ApiError::from_status(429, Some(Duration::from_secs(3)), "");
        assert!(matches!(t, ApiError::Throttled { retry_after: Some(d) } if d.as_secs() == 3));
        assert!(matches!(
            ApiError::from_status(503, None, ""),
            ApiError::Server { status: 503, .. }
        ));
        assert!(matches!(
            ApiError::from_status(409, None, ""),
            ApiError::Status { status: 409, .. }
        ));
    }

    #[test]
    fn transient_and_ambiguous_are_distinct() {
        let throttled = ApiError::Throttled { retry_after: None };
        assert!(throttled.is_transient() && !throttled.is_ambiguous());
        let refused = ApiError::Connection {
            sent: false,
            message: "refused".into(),
        };
        assert!(refused.is_transient() && !refused.is_ambiguous());
        let dropped = ApiError::Connection {
            sent: true,
            message: "reset".into(),
        };
        assert!(dropped.is_transient() && dropped.is_ambiguous());
        assert!(ApiError::Timeout.is_ambiguous());
        let bad = ApiError::BadRequest(ServiceError::default());
        assert!(!bad.is_transient() && !bad.is_ambiguous());
    }
}
