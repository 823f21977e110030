//! Entra ID's OAuth error JSON (`{"error":"invalid_client","error_description":"AADSTS…"}`),
//! which differs from the API's envelope.

use crate::errors::request_ids;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mde_model::Timestamp;

/// One sign-in failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntraError {
    /// HTTP status (400 or 401).
    pub status: StatusCode,
    /// OAuth `error`.
    pub error: &'static str,
    /// AADSTS number.
    pub aadsts: u32,
    /// Text after `AADSTSnnnn: `.
    pub description: String,
}

impl EntraError {
    /// A 400 with the given OAuth error.
    pub fn bad(error: &'static str, aadsts: u32, description: impl Into<String>) -> Self {
        EntraError {
            status: StatusCode::BAD_REQUEST,
            error,
            aadsts,
            description: description.into(),
        }
    }

    /// A missing form parameter.
    pub fn missing(param: &str) -> Self {
        Self::bad(
            "invalid_request",
            900144,
            format!("The request body must contain the following parameter: '{param}'."),
        )
    }
}

impl IntoResponse for EntraError {
    fn into_response(self) -> Response {
        let trace = request_ids().guid();
        let corr = request_ids().guid();
        let now = Timestamp::now().0.format("%Y-%m-%d %H:%M:%SZ").to_string();
        let body = serde_json::json!({
            "error": self.error,
            "error_description": format!(
                "AADSTS{}: {}\r\nTrace ID: {trace}\r\nCorrelation ID: {corr}\r\nTimestamp: {now}",
                self.aadsts, self.description
            ),
            "error_codes": [self.aadsts],
            "timestamp": now,
            "trace_id": trace,
            "correlation_id": corr,
            "error_uri": format!("https://login.microsoftonline.com/error?code={}", self.aadsts),
        });
        (self.status, Json(body)).into_response()
    }
}
