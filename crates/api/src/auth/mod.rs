//! Sign-in: one `TokenProvider` trait over client credentials, device code, the Azure CLI and a
//! static token. Tokens are cached in memory and refreshed before they expire; secrets and tokens
//! never reach `Debug` output, logs or the screen.

mod azure_cli;
mod cache;
mod claims;
mod credentials;
mod device_code;
mod entra;
mod secret;
mod select;
mod static_token;

pub use azure_cli::AzureCli;
pub use cache::TokenCache;
pub use claims::identity_from_jwt;
pub use credentials::{ClientCredentials, CredentialsConfig};
pub use device_code::{DeviceCode, DeviceCodeConfig, DeviceCodePrompt};
pub use secret::{Secret, SecretSource, split_command};
pub use select::{SignInMethod, SignInSettings, choose_provider};
pub use static_token::StaticToken;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

/// A bearer token and when it stops working. `Debug` never shows the token.
#[derive(Clone)]
pub struct AccessToken {
    token: Secret,
    /// When it was obtained.
    pub issued_at: Instant,
    /// When the service stops accepting it.
    pub expires_at: Instant,
}

impl AccessToken {
    /// A token valid for `lifetime` from now.
    pub fn new(token: Secret, lifetime: Duration) -> Self {
        let now = Instant::now();
        AccessToken {
            token,
            issued_at: now,
            expires_at: now + lifetime,
        }
    }

    /// The bearer value, for the `Authorization` header only.
    pub fn bearer(&self) -> &str {
        self.token.expose()
    }

    /// True while the token is usable without refreshing: before expiry minus a margin of a fifth
    /// of its lifetime (at most five minutes), so a request never leaves with a dying token.
    pub fn is_fresh(&self, now: Instant) -> bool {
        let lifetime = self.expires_at.saturating_duration_since(self.issued_at);
        let margin = (lifetime / 5).min(Duration::from_secs(300));
        now + margin < self.expires_at
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("token", &"<redacted>")
            .field(
                "expires_in",
                &self.expires_at.saturating_duration_since(Instant::now()),
            )
            .finish()
    }
}

/// The future a provider returns.
pub type TokenFuture<'a> =
    Pin<Box<dyn Future<Output = Result<AccessToken, AuthError>> + Send + 'a>>;

/// A source of bearer tokens for the API.
pub trait TokenProvider: Send + Sync + fmt::Debug {
    /// A token that is fresh now, from the cache or newly obtained.
    fn token(&self) -> TokenFuture<'_>;
    /// Forgets the cached token (the service answered 401), so the next `token()` gets a new one.
    fn invalidate(&self);
}

/// What the device-code flow shows the analyst.
pub type PromptCallback = std::sync::Arc<dyn Fn(DeviceCodePrompt) + Send + Sync>;

/// Sign-in failures.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    /// Entra ID refused: its error code and description (e.g. `AADSTS7000215: Invalid client secret`).
    #[error("{code}: {description}")]
    Entra {
        /// HTTP status of the token endpoint's answer.
        status: u16,
        /// OAuth error (`invalid_client`, `unauthorized_client`, …).
        code: String,
        /// Entra's description, shortened.
        description: String,
    },
    /// The sign-in service could not be reached.
    #[error("cannot reach the sign-in service: {0}")]
    Transport(String),
    /// The sign-in service answered 429 or 5xx.
    #[error("sign-in service unavailable (HTTP {0})")]
    Unavailable(u16),
    /// The sign-in service's answer could not be read.
    #[error("unreadable answer from the sign-in service: {0}")]
    Malformed(String),
    /// Required settings are missing (e.g. AZURE_TENANT_ID).
    #[error("missing sign-in setting: {0}")]
    Missing(String),
    /// The client secret could not be read from its file or command.
    #[error("cannot read the client secret: {0}")]
    Secret(String),
    /// The device code expired before the analyst approved it.
    #[error("the sign-in code expired before it was approved")]
    DeviceCodeExpired,
    /// The analyst declined the sign-in.
    #[error("sign-in was declined")]
    Declined,
    /// The Azure CLI failed.
    #[error("Azure CLI: {0}")]
    AzureCli(String),
}

impl AuthError {
    /// True when trying again later may succeed without a change of settings.
    pub fn is_transient(&self) -> bool {
        matches!(self, AuthError::Transport(_) | AuthError::Unavailable(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freshness_keeps_a_margin_before_expiry() {
        let t = AccessToken::new(Secret::new("tok"), Duration::from_secs(3600));
        assert!(t.is_fresh(t.issued_at));
        assert!(t.is_fresh(t.issued_at + Duration::from_secs(3600 - 301)));
        assert!(!t.is_fresh(t.issued_at + Duration::from_secs(3600 - 299)));
        let short = AccessToken::new(Secret::new("tok"), Duration::from_secs(1));
        assert!(short.is_fresh(short.issued_at + Duration::from_millis(700)));
        assert!(!short.is_fresh(short.issued_at + Duration::from_millis(850)));
    }

    #[test]
    fn token_debug_hides_the_token() {
        let t = AccessToken::new(Secret::new("eyJ-very-secret"), Duration::from_secs(60));
        let shown = format!("{t:?}");
        assert!(!shown.contains("eyJ-very-secret"), "{shown}");
        assert_eq!(t.bearer(), "eyJ-very-secret");
    }
}
