//! The Entra ID (Azure AD) v2 endpoints: token and device code, with the OAuth error envelope
//! `{"error":"invalid_client","error_description":"AADSTS7000215: …"}` mapped to `AuthError`.

use super::error::AuthError;
use super::secret::Secret;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Deserialize;
use std::time::Duration;

/// Timeout of every sign-in request.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Longest Entra description kept (they carry trace ids and timestamps).
const MAX_DESCRIPTION: usize = 400;

/// One tenant's sign-in endpoints.
#[derive(Debug, Clone)]
pub(super) struct Entra {
    http: reqwest::Client,
    base: String,
}

/// A successful token answer.
pub(super) struct Granted {
    pub access_token: Secret,
    pub expires_in: Duration,
    pub refresh_token: Option<Secret>,
}

/// The device-code answer.
#[derive(Deserialize)]
pub(super) struct DeviceCodeGrant {
    pub device_code: String,
    pub user_code: String,
    #[serde(alias = "verification_url")]
    pub verification_uri: String,
    #[serde(default, deserialize_with = "seconds")]
    pub expires_in: Option<Duration>,
    #[serde(default, deserialize_with = "seconds")]
    pub interval: Option<Duration>,
    #[serde(default)]
    pub message: Option<String>,
}

#[derive(Deserialize)]
struct TokenBody {
    access_token: String,
    #[serde(default, deserialize_with = "seconds")]
    expires_in: Option<Duration>,
    #[serde(default)]
    refresh_token: Option<String>,
}

#[derive(Deserialize)]
struct ErrorBody {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

/// `expires_in` is a number on v2 and a string on v1; accept both.
fn seconds<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
    let v = Option::<serde_json::Value>::deserialize(d)?;
    Ok(match v {
        Some(serde_json::Value::Number(n)) => n.as_u64().map(Duration::from_secs),
        Some(serde_json::Value::String(s)) => s.trim().parse().ok().map(Duration::from_secs),
        _ => None,
    })
}

impl Entra {
    /// Endpoints of `tenant` under the sign-in host `login` (no trailing slash).
    pub fn new(login: &str, tenant: &str) -> Result<Self, AuthError> {
        if tenant.trim().is_empty() {
            return Err(AuthError::Missing("tenant id (AZURE_TENANT_ID)".into()));
        }
        let http = reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .connect_timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| AuthError::Transport(e.to_string()))?;
        let tenant = utf8_percent_encode(tenant.trim(), NON_ALPHANUMERIC);
        Ok(Entra {
            http,
            base: format!("{}/{tenant}/oauth2/v2.0", login.trim_end_matches('/')),
        })
    }

    /// POSTs a grant to the token endpoint.
    pub async fn token(&self, form: &[(&str, &str)]) -> Result<Granted, AuthError> {
        let body = self.post("token", form).await?;
        let t: TokenBody =
            serde_json::from_str(&body).map_err(|e| AuthError::Malformed(e.to_string()))?;
        if t.access_token.is_empty() {
            return Err(AuthError::Malformed("empty access_token".into()));
        }
        Ok(Granted {
            access_token: Secret::new(t.access_token),
            // The documented default lifetime is one hour.
            expires_in: t.expires_in.unwrap_or(Duration::from_secs(3600)),
            refresh_token: t.refresh_token.filter(|r| !r.is_empty()).map(Secret::new),
        })
    }

    /// Starts a device-code sign-in.
    pub async fn device_code(
        &self,
        client_id: &str,
        scope: &str,
    ) -> Result<DeviceCodeGrant, AuthError> {
        let body = self
            .post("devicecode", &[("client_id", client_id), ("scope", scope)])
            .await?;
        serde_json::from_str(&body).map_err(|e| AuthError::Malformed(e.to_string()))
    }

    async fn post(&self, endpoint: &str, form: &[(&str, &str)]) -> Result<String, AuthError> {
        let resp = self
            .http
            .post(format!("{}/{endpoint}", self.base))
            .form(form)
            .send()
            .await
            .map_err(|e| AuthError::Transport(without_url(&e)))?;
        let status = resp.status().as_u16();
        let body = resp
            .text()
            .await
            .map_err(|e| AuthError::Transport(without_url(&e)))?;
        if (200..300).contains(&status) {
            return Ok(body);
        }
        if status == 429 || status >= 500 {
            return Err(AuthError::Unavailable(status));
        }
        match serde_json::from_str::<ErrorBody>(&body) {
            Ok(e) => Err(AuthError::Entra {
                status,
                code: e.error.chars().take(80).collect(),
                description: e
                    .error_description
                    .unwrap_or_default()
                    .chars()
                    .take(MAX_DESCRIPTION)
                    .collect(),
            }),
            Err(_) => Err(AuthError::Malformed(format!(
                "HTTP {status} without an OAuth error body"
            ))),
        }
    }
}

/// The transport error's text without the URL (which is harmless, but long and noisy).
fn without_url(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else {
        "request failed"
    };
    let mut msg = kind.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}
