//! The retry policy as pure code: given what went wrong and what has been tried, say whether to
//! wait and retry, refresh the token, or give up. The client owns the sleeping, so tests of the
//! policy need no clock.
//!
//! Exactly-once rule: a request that carries a comment is not idempotent (the service appends the
//! comment each time it receives it). It is retried only when the service certainly did not act on
//! it — a 429, a 401 (rejected before processing), a connection refused before the request left.
//! On an ambiguous failure (timeout, connection lost mid-exchange, 5xx) the typed error goes back
//! to the caller, whose outbox re-reads the alert's comments before it resends. Field-only changes
//! set absolute values, so they are retried freely.

use super::error::ApiError;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Whether repeating a request can change the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Reads and field-only writes: sending twice is the same as once.
    Idempotent,
    /// Writes carrying a comment: must not be resent unless it certainly had no effect.
    AtMostOnce,
}

/// The failure classes the policy distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// 429 with the service's `Retry-After`, if any.
    Throttled(Option<Duration>),
    /// 401: the token was rejected before the request was processed.
    Unauthorized,
    /// 5xx: the service may have acted before failing.
    Server,
    /// No answer in time: the request may have been acted on.
    Timeout,
    /// The connection failed before the request was sent.
    NotSent,
    /// The connection dropped after the request may have been sent.
    Lost,
    /// Anything else (other 4xx, malformed answers): retrying cannot help.
    Final,
}

impl Failure {
    /// Classifies a client error.
    pub fn of(err: &ApiError) -> Self {
        match err {
            ApiError::Throttled { retry_after } => Failure::Throttled(*retry_after),
            ApiError::Unauthorized(_) => Failure::Unauthorized,
            ApiError::Server { .. } => Failure::Server,
            ApiError::Timeout => Failure::Timeout,
            ApiError::Connection { sent: false, .. } => Failure::NotSent,
            ApiError::Connection { sent: true, .. } => Failure::Lost,
            // The API request was never sent when sign-in failed; only a passing outage is retried.
            ApiError::Auth(a) if a.is_transient() => Failure::NotSent,
            _ => Failure::Final,
        }
    }

    /// True when the service certainly did not act on the request.
    pub fn certainly_not_applied(self) -> bool {
        matches!(
            self,
            Failure::Throttled(_) | Failure::Unauthorized | Failure::NotSent
        )
    }
}

/// What the client should do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long, then send again.
    Wait(Duration),
    /// Drop the cached token, get a new one, send again at once.
    RefreshToken,
    /// Return the error.
    GiveUp,
}

/// What one call has used of its retry budget.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RetryState {
    /// Retries after 5xx, timeouts and connection failures so far.
    pub backoffs: u32,
    /// Waits after 429 so far.
    pub throttle_waits: u32,
    /// Whether the token was already refreshed after a 401.
    pub refreshed: bool,
}

/// The bounds of the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries allowed after 5xx, timeouts and connection failures.
    pub max_backoffs: u32,
    /// Waits allowed after 429 (a storm outlasting these is returned as `Throttled`).
    pub max_throttle_waits: u32,
    /// First backoff delay; doubles on each retry.
    pub base_backoff: Duration,
    /// Longest backoff delay.
    pub max_backoff: Duration,
    /// Longest wait after a 429, whatever `Retry-After` asks for.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_backoffs: 4,
            max_throttle_waits: 6,
            base_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// Decides the next step after `failure`, updating `state`. `jitter` is in `[0, 1)`.
    pub fn decide(
        &self,
        state: &mut RetryState,
        failure: Failure,
        delivery: Delivery,
        jitter: f64,
    ) -> Decision {
        if delivery == Delivery::AtMostOnce && !failure.certainly_not_applied() {
            return Decision::GiveUp;
        }
        match failure {
            Failure::Final => Decision::GiveUp,
            Failure::Unauthorized if state.refreshed => Decision::GiveUp,
            Failure::Unauthorized => {
                state.refreshed = true;
                Decision::RefreshToken
            }
            Failure::Throttled(retry_after) => {
                if state.throttle_waits >= self.max_throttle_waits {
                    return Decision::GiveUp;
                }
                let wait = match retry_after {
                    // The quota window is a minute, so a longer request is a service fault: cap it.
                    // `Retry-After: 0` must not become a hot loop: wait at least the base backoff.
                    Some(d) => d.clamp(
                        self.base_backoff,
                        self.max_retry_after.max(self.base_backoff),
                    ),
                    // No header: back off as for an outage, but on the throttle budget.
                    None => self.backoff(state.throttle_waits, jitter),
                };
                state.throttle_waits += 1;
                Decision::Wait(wait)
            }
            Failure::Server | Failure::Timeout | Failure::NotSent | Failure::Lost => {
                if state.backoffs >= self.max_backoffs {
                    return Decision::GiveUp;
                }
                let wait = self.backoff(state.backoffs, jitter);
                state.backoffs += 1;
                Decision::Wait(wait)
            }
        }
    }

    /// The delay before retry number `n` (from 0): `base·2ⁿ` capped, then "equal jitter" — the
    /// upper half is random so that many clients failing together do not retry together.
    pub fn backoff(&self, n: u32, jitter: f64) -> Duration {
        let factor = 2u32.saturating_pow(n.min(20));
        let ceiling = self
            .base_backoff
            .saturating_mul(factor)
            .min(self.max_backoff);
        let half = ceiling / 2;
        half + half.mul_f64(jitter.clamp(0.0, 1.0))
    }
}

/// A jitter value in `[0, 1)`, from the standard library's randomly keyed hasher (no crate needed).
pub fn jitter() -> f64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_backoffs: 3,
            max_throttle_waits: 2,
            base_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(350),
            max_retry_after: Duration::from_secs(60),
        }
    }

    #[test]
    fn throttling_waits_retry_after_within_bounds() {
        let p = policy();
        let mut s = RetryState::default();
        let t = Failure::Throttled(Some(Duration::from_secs(7)));
        assert_eq!(
            p.decide(&mut s, t, Delivery::Idempotent, 0.5),
            Decision::Wait(Duration::from_secs(7))
        );
        assert_eq!(
            p.decide(&mut s, t, Delivery::Idempotent, 0.5),
            Decision::Wait(Duration::from_secs(7))
        );
        assert_eq!(
            p.decide(&mut s, t, Delivery::Idempotent, 0.5),
            Decision::GiveUp
        );
        let mut s = RetryState::default();
        let long = Failure::Throttled(Some(Duration::from_secs(3600)));
        assert_eq!(
            p.decide(&mut s, long, Delivery::Idempotent, 0.5),
            Decision::Wait(Duration::from_secs(60))
        );
        let zero = Failure::Throttled(Some(Duration::ZERO));
        assert_eq!(
            p.decide(&mut s, zero, Delivery::Idempotent, 0.5),
            Decision::Wait(Duration::from_millis(100))
        );
        let mut s = RetryState::default();
        let bare = Failure::Throttled(None);
        assert_eq!(
            p.decide(&mut s, bare, Delivery::Idempotent, 0.0),
            Decision::Wait(Duration::from_millis(50))
        );
    }

    #[test]
    fn transient_failures_back_off_exponentially_and_stop() {
        let p = policy();
        let mut s = RetryState::default();
        let waits: Vec<Decision> = (0..4)
            .map(|_| p.decide(&mut s, Failure::Server, Delivery::Idempotent, 0.0))
            .collect();
        assert_eq!(
            waits,
            [
                Decision::Wait(Duration::from_millis(50)),
                Decision::Wait(Duration::from_millis(100)),
                Decision::Wait(Duration::from_millis(175)),
                Decision::GiveUp,
            ]
        );
    }

    #[test]
    fn jitter_stays_in_the_upper_half() {
        let p = policy();
        for j in [0.0, 0.25, 0.999] {
            let d = p.backoff(1, j);
            assert!(
                d >= Duration::from_millis(100) && d < Duration::from_millis(200),
                "{d:?}"
            );
        }
        assert_eq!(p.backoff(40, 1.0), Duration::from_millis(350));
        for _ in 0..100 {
            let j = jitter();
            assert!((0.0..1.0).contains(&j));
        }
        assert_ne!(jitter(), jitter());
    }

    #[test]
    fn a_401_refreshes_once() {
        let p = policy();
        let mut s = RetryState::default();
        assert_eq!(
            p.decide(&mut s, Failure::Unauthorized, Delivery::AtMostOnce, 0.0),
            Decision::RefreshToken
        );
        assert_eq!(
            p.decide(&mut s, Failure::Unauthorized, Delivery::AtMostOnce, 0.0),
            Decision::GiveUp
        );
    }

    #[test]
    fn other_client_errors_are_final() {
        let p = policy();
        let mut s = RetryState::default();
        assert_eq!(
            p.decide(&mut s, Failure::Final, Delivery::Idempotent, 0.0),
            Decision::GiveUp
        );
        let e = ApiError::from_status(404, None, "");
        assert_eq!(Failure::of(&e), Failure::Final);
    }

    #[test]
    fn comments_are_resent_only_when_certainly_not_applied() {
        let p = policy();
        for f in [Failure::Server, Failure::Timeout, Failure::Lost] {
            let mut s = RetryState::default();
            assert_eq!(
                p.decide(&mut s, f, Delivery::AtMostOnce, 0.0),
                Decision::GiveUp,
                "{f:?}"
            );
            let mut s = RetryState::default();
            assert!(
                matches!(
                    p.decide(&mut s, f, Delivery::Idempotent, 0.0),
                    Decision::Wait(_)
                ),
                "{f:?}"
            );
        }
        for f in [Failure::NotSent, Failure::Throttled(Some(Duration::ZERO))] {
            let mut s = RetryState::default();
            assert!(
                matches!(
                    p.decide(&mut s, f, Delivery::AtMostOnce, 0.0),
                    Decision::Wait(_)
                ),
                "{f:?}"
            );
        }
    }
}
