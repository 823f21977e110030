//! Delegated sign-in with a device code, the natural flow over SSH: the console shows a URL and
//! a code, the analyst approves in any browser, the provider polls until the token arrives. A
//! refresh token (scope `offline_access`) renews the session later without asking again.

use super::cache::TokenCache;
use super::entra::Entra;
use super::error::AuthError;
use super::secret::Secret;
use super::token::{AccessToken, TokenFuture, TokenProvider};
use crate::hosts::{API_SCOPE, ApiHosts};
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the device-code flow shows the analyst.
pub type PromptCallback = std::sync::Arc<dyn Fn(DeviceCodePrompt) + Send + Sync>;

/// The grant type of device-code polling (RFC 8628).
const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// What the analyst must see to approve the sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceCodePrompt {
    /// Where to enter the code.
    pub url: String,
    /// The code to enter.
    pub code: String,
    /// Entra's own sentence, when sent.
    pub message: Option<String>,
    /// How long the code stays valid.
    pub expires_in: Duration,
}

/// Settings of a device-code sign-in.
#[derive(Debug, Clone)]
pub struct DeviceCodeConfig {
    /// Sign-in host.
    pub login: String,
    /// Tenant id or domain (or `organizations`).
    pub tenant: String,
    /// A public-client application id.
    pub client_id: String,
    /// Delegated scopes, space-separated.
    pub scope: String,
    /// Poll no faster than this even if the service allows it; None follows the service's interval.
    pub poll_interval: Option<Duration>,
}

impl DeviceCodeConfig {
    /// The usual settings: the API's `.default` scope plus `offline_access` for a refresh token.
    pub fn new(hosts: &ApiHosts, tenant: &str, client_id: &str) -> Self {
        DeviceCodeConfig {
            login: hosts.login.clone(),
            tenant: tenant.to_string(),
            client_id: client_id.to_string(),
            scope: format!("{API_SCOPE} offline_access"),
            poll_interval: None,
        }
    }
}

/// Device-code token provider. Providers for other audiences made by `for_audience` share its
/// session: one approval, then each audience's token comes from the shared refresh token.
pub struct DeviceCode {
    entra: Entra,
    config: DeviceCodeConfig,
    prompt: PromptCallback,
    refresh_token: Arc<Mutex<Option<Secret>>>,
    /// One sign-in at a time across the session's audiences, so the analyst approves only once.
    flow: Arc<tokio::sync::Mutex<()>>,
    cache: TokenCache,
}

impl fmt::Debug for DeviceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let has_refresh = self
            .refresh_token
            .lock()
            .map(|r| r.is_some())
            .unwrap_or(false);
        f.debug_struct("DeviceCode")
            .field("client_id", &self.config.client_id)
            .field("scope", &self.config.scope)
            .field(
                "refresh_token",
                &if has_refresh { "<redacted>" } else { "none" },
            )
            .field("cache", &self.cache)
            .finish()
    }
}

impl DeviceCode {
    /// A provider that calls `prompt` with the URL and code whenever the analyst must approve.
    pub fn new(config: DeviceCodeConfig, prompt: PromptCallback) -> Result<Self, AuthError> {
        Ok(DeviceCode {
            entra: Entra::new(&config.login, &config.tenant)?,
            config,
            prompt,
            refresh_token: Arc::new(Mutex::new(None)),
            flow: Arc::new(tokio::sync::Mutex::new(())),
            cache: TokenCache::new(),
        })
    }

    async fn fetch(&self) -> Result<AccessToken, AuthError> {
        let _one_sign_in = self.flow.lock().await;
        let refresh = self.refresh_token.lock().ok().and_then(|r| r.clone());
        if let Some(rt) = refresh {
            match self.redeem_refresh(&rt).await {
                Ok(t) => return Ok(t),
                Err(e) if e.is_transient() => return Err(e),
                // Revoked or expired: fall back to asking the analyst again.
                Err(e) => {
                    tracing::info!(error = %e, "refresh token refused; new device code sign-in")
                }
            }
        }
        self.device_flow().await
    }

    async fn redeem_refresh(&self, rt: &Secret) -> Result<AccessToken, AuthError> {
        let g = self
            .entra
            .token(&[
                ("grant_type", "refresh_token"),
                ("client_id", &self.config.client_id),
                ("refresh_token", rt.expose()),
                ("scope", &self.config.scope),
            ])
            .await?;
        self.keep_refresh(g.refresh_token);
        Ok(AccessToken::new(g.access_token, g.expires_in))
    }

    async fn device_flow(&self) -> Result<AccessToken, AuthError> {
        let grant = self
            .entra
            .device_code(&self.config.client_id, &self.config.scope)
            .await?;
        let expires_in = grant.expires_in.unwrap_or(Duration::from_secs(900));
        let deadline = Instant::now() + expires_in;
        (self.prompt)(DeviceCodePrompt {
            url: grant.verification_uri.clone(),
            code: grant.user_code.clone(),
            message: grant.message.clone(),
            expires_in,
        });
        let mut interval = self
            .config
            .poll_interval
            .or(grant.interval)
            .unwrap_or(Duration::from_secs(5));
        loop {
            if Instant::now() >= deadline {
                return Err(AuthError::DeviceCodeExpired);
            }
            // Polling waits on the service's interval; this is the flow's pacing, not a test sleep.
            tokio::time::sleep(interval).await;
            let polled = self
                .entra
                .token(&[
                    ("grant_type", DEVICE_GRANT),
                    ("client_id", &self.config.client_id),
                    ("device_code", &grant.device_code),
                ])
                .await;
            match polled {
                Ok(g) => {
                    self.keep_refresh(g.refresh_token);
                    return Ok(AccessToken::new(g.access_token, g.expires_in));
                }
                Err(AuthError::Entra { code, .. }) if code == "authorization_pending" => {}
                Err(AuthError::Entra { code, .. }) if code == "slow_down" => {
                    interval += self.config.poll_interval.unwrap_or(Duration::from_secs(5));
                }
                Err(AuthError::Entra { code, .. }) if code == "expired_token" => {
                    return Err(AuthError::DeviceCodeExpired);
                }
                Err(AuthError::Entra { code, .. })
                    if code == "authorization_declined" || code == "access_denied" =>
                {
                    return Err(AuthError::Declined);
                }
                // A passing outage while the analyst is approving should not lose the code.
                Err(e) if e.is_transient() => {
                    tracing::debug!(error = %e, "device code poll failed")
                }
                Err(e) => return Err(e),
            }
        }
    }

    fn keep_refresh(&self, rt: Option<Secret>) {
        if let (Some(rt), Ok(mut slot)) = (rt, self.refresh_token.lock()) {
            *slot = Some(rt);
        }
    }
}

impl TokenProvider for DeviceCode {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self.cache.get_or_fetch(|| self.fetch()))
    }

    fn invalidate(&self) {
        self.cache.invalidate();
    }

    fn for_audience(&self, audience: &super::Audience) -> Option<Arc<dyn TokenProvider>> {
        let mut config = self.config.clone();
        config.scope = format!("{} offline_access", audience.scope);
        Some(Arc::new(DeviceCode {
            entra: self.entra.clone(),
            config,
            prompt: self.prompt.clone(),
            refresh_token: self.refresh_token.clone(),
            flow: self.flow.clone(),
            cache: TokenCache::new(),
        }))
    }
}
