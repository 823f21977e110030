//! The in-memory token cache every provider shares: hands out the cached token while it is
//! fresh and lets only one caller fetch a new one at a time (a burst of requests after expiry
//! costs one sign-in, not one per request).

use super::error::AuthError;
use super::token::AccessToken;
use std::future::Future;
use std::sync::Mutex;
use std::time::Instant;

/// A cached token with single-flight refresh.
#[derive(Default)]
pub struct TokenCache {
    current: Mutex<Option<AccessToken>>,
    refreshing: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenCache")
            .field("cached", &self.cached().is_some())
            .finish()
    }
}

impl TokenCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The cached token if it is still fresh.
    pub fn cached(&self) -> Option<AccessToken> {
        let now = Instant::now();
        let guard = self.current.lock().unwrap_or_else(|p| p.into_inner());
        guard.as_ref().filter(|t| t.is_fresh(now)).cloned()
    }

    /// The cached token, or the result of `fetch` (stored on success).
    pub async fn get_or_fetch<F, Fut>(&self, fetch: F) -> Result<AccessToken, AuthError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<AccessToken, AuthError>>,
    {
        if let Some(t) = self.cached() {
            return Ok(t);
        }
        let _one_at_a_time = self.refreshing.lock().await;
        // Another caller may have refreshed while this one waited.
        if let Some(t) = self.cached() {
            return Ok(t);
        }
        let token = fetch().await?;
        *self.current.lock().unwrap_or_else(|p| p.into_inner()) = Some(token.clone());
        Ok(token)
    }

    /// Forgets the cached token.
    pub fn invalidate(&self) {
        *self.current.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Secret;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::time::Duration;

    #[tokio::test]
    async fn caches_refreshes_once_and_forgets_on_invalidate() {
        let cache = Arc::new(TokenCache::new());
        let fetches = Arc::new(AtomicU32::new(0));
        let fetch = |fetches: Arc<AtomicU32>| async move {
            let n = fetches.fetch_add(1, Ordering::SeqCst);
            tokio::task::yield_now().await;
            Ok(AccessToken::new(
                Secret::new(format!("t{n}")),
                Duration::from_secs(3600),
            ))
        };
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (cache, fetches) = (cache.clone(), fetches.clone());
                tokio::spawn(async move { cache.get_or_fetch(|| fetch(fetches)).await.unwrap() })
            })
            .collect();
        for t in tasks {
            assert_eq!(t.await.unwrap().bearer(), "t0");
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        cache.invalidate();
        let t = cache.get_or_fetch(|| fetch(fetches.clone())).await.unwrap();
        assert_eq!(t.bearer(), "t1");
    }

    #[tokio::test]
    async fn stale_tokens_are_refetched_and_errors_not_cached() {
        let cache = TokenCache::new();
        // A zero-lifetime token is never fresh: the next call must fetch again.
        let t = cache
            .get_or_fetch(|| async { Ok(AccessToken::new(Secret::new("a"), Duration::ZERO)) })
            .await
            .unwrap();
        assert_eq!(t.bearer(), "a");
        assert!(cache.cached().is_none());
        let err = cache
            .get_or_fetch(|| async { Err(AuthError::Unavailable(503)) })
            .await;
        assert_eq!(err.unwrap_err(), AuthError::Unavailable(503));
        let t = cache
            .get_or_fetch(|| async {
                Ok(AccessToken::new(Secret::new("b"), Duration::from_secs(60)))
            })
            .await
            .unwrap();
        assert_eq!(t.bearer(), "b");
    }
}
