//! A fixed bearer token (tests, or a token obtained elsewhere).

use super::secret::Secret;
use super::token::{AccessToken, TokenFuture, TokenProvider};
use std::fmt;
use std::time::Duration;

/// Always hands out the same token; `invalidate` has nothing to refresh.
pub struct StaticToken(Secret);

impl StaticToken {
    /// Wraps a token.
    pub fn new(token: impl Into<String>) -> Self {
        StaticToken(Secret::new(token))
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticToken(<redacted>)")
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        // A day is "forever" for a session; the service decides when it really expires.
        let t = AccessToken::new(self.0.clone(), Duration::from_secs(86_400));
        Box::pin(async move { Ok(t) })
    }

    fn invalidate(&self) {}
}
