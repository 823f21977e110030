//! Sliding-window call budgets: polling's share of the rate limit, and batchUpdate's own limit.

use std::collections::VecDeque;
use std::time::Duration;
use tokio::time::Instant;

/// Counts calls in the last `window` and says whether another fits.
#[derive(Debug)]
pub struct Budget {
    limit: u32,
    window: Duration,
    calls: VecDeque<Instant>,
}

impl Budget {
    /// A budget of `limit` calls per `window`.
    pub fn new(limit: u32, window: Duration) -> Self {
        Budget {
            limit,
            window,
            calls: VecDeque::new(),
        }
    }

    fn expire(&mut self, now: Instant) {
        while let Some(&t) = self.calls.front() {
            if now.duration_since(t) >= self.window {
                self.calls.pop_front();
            } else {
                break;
            }
        }
    }

    /// Calls still allowed in the current window.
    pub fn left(&mut self, now: Instant) -> u32 {
        self.expire(now);
        self.limit
            .saturating_sub(u32::try_from(self.calls.len()).unwrap_or(u32::MAX))
    }

    /// How long until the oldest counted call leaves the window (zero when none is counted).
    pub fn resets_in(&mut self, now: Instant) -> Duration {
        self.expire(now);
        self.calls.front().map_or(Duration::ZERO, |t| {
            (*t + self.window).saturating_duration_since(now)
        })
    }

    /// Takes one call if the budget allows; otherwise says when one will be free.
    pub fn try_take(&mut self, now: Instant) -> Result<(), Instant> {
        if self.left(now) > 0 {
            self.calls.push_back(now);
            return Ok(());
        }
        let oldest = self.calls.front().copied().unwrap_or(now);
        Err(oldest + self.window)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_beyond_the_limit_wait_for_the_oldest_to_expire() {
        let t0 = Instant::now();
        let mut b = Budget::new(2, Duration::from_secs(60));
        assert_eq!(b.try_take(t0), Ok(()));
        assert_eq!(b.try_take(t0 + Duration::from_secs(10)), Ok(()));
        assert_eq!(b.left(t0 + Duration::from_secs(20)), 0);
        assert_eq!(
            b.try_take(t0 + Duration::from_secs(20)),
            Err(t0 + Duration::from_secs(60))
        );
        assert_eq!(b.left(t0 + Duration::from_secs(60)), 1);
        assert_eq!(b.try_take(t0 + Duration::from_secs(60)), Ok(()));
    }
}
