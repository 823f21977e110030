//! A bearer token with its lifetime, and the trait every sign-in method implements.

use super::error::AuthError;
use super::secret::Secret;
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

    /// A provider of tokens for another API by the same sign-in (same app, secret or session);
    /// None when this method cannot serve another audience (a fixed token).
    fn for_audience(
        &self,
        _audience: &super::Audience,
    ) -> Option<std::sync::Arc<dyn TokenProvider>> {
        None
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
