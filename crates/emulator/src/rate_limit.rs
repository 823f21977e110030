//! Per app+tenant quotas as sliding windows (a log of call times): list/get/update/related share
//! 100/min and 1500/h; batchUpdate has its own 10/min and 500/h. Over quota → 429 with the
//! seconds until the oldest call in the full window leaves it (0 when the configured window is
//! shorter than a second, so tests with tiny windows need not wait).

use super::config::RateLimits;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Which quota a call counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    /// Everything except batchUpdate.
    General,
    /// batchUpdate.
    Batch,
    /// One machine action route (or cancel), each with its own quota.
    Action(&'static str),
    /// getPackageUri.
    PackageUri,
}

/// The limiter.
#[derive(Debug)]
pub struct RateLimiter {
    limits: Option<RateLimits>,
    calls: Mutex<HashMap<(String, Class), VecDeque<Instant>>>,
}

impl RateLimiter {
    /// A limiter with the given quotas (`None`: unlimited).
    pub fn new(limits: Option<RateLimits>) -> Self {
        RateLimiter {
            limits,
            calls: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a call; `Err(seconds)` when over quota (the call is then not counted).
    pub fn check(&self, key: &str, class: Class, now: Instant) -> Result<(), u64> {
        let Some(l) = self.limits else {
            return Ok(());
        };
        let (per_min, per_hour) = match class {
            Class::General => (l.per_minute, l.per_hour),
            Class::Batch => (l.batch_per_minute, l.batch_per_hour),
            Class::Action(_) => (l.per_minute, l.per_hour),
            Class::PackageUri => (l.package_per_minute, l.package_per_hour),
        };
        let mut all = self.calls.lock().unwrap_or_else(|p| p.into_inner());
        let log = all.entry((key.to_string(), class)).or_default();
        while log
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= l.hour)
        {
            log.pop_front();
        }
        let in_minute = log
            .iter()
            .rev()
            .take_while(|t| now.saturating_duration_since(**t) < l.minute)
            .count();
        let wait = |oldest: Instant, window: Duration| {
            if window < Duration::from_secs(1) {
                return 0;
            }
            let left = window.saturating_sub(now.saturating_duration_since(oldest));
            (left.as_secs() + u64::from(left.subsec_nanos() > 0)).max(1)
        };
        // A zero quota has no oldest call to wait for: the whole window then.
        if in_minute >= per_min as usize {
            let oldest = log.get(log.len() - in_minute).copied().unwrap_or(now);
            return Err(wait(oldest, l.minute));
        }
        if log.len() >= per_hour as usize {
            return Err(wait(log.front().copied().unwrap_or(now), l.hour));
        }
        log.push_back(now);
        Ok(())
    }

    /// Forgets every counted call.
    pub fn reset(&self) {
        self.calls.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minute_window_slides() {
        let l = RateLimiter::new(Some(RateLimits::default()));
        let t0 = Instant::now();
        for i in 0..100 {
            assert!(
                l.check("k", Class::General, t0 + Duration::from_millis(i * 100))
                    .is_ok()
            );
        }
        let at = t0 + Duration::from_secs(30);
        assert_eq!(l.check("k", Class::General, at), Err(30));
        // Another app's quota is separate, and so is batchUpdate's.
        assert!(l.check("other", Class::General, at).is_ok());
        assert!(l.check("k", Class::Batch, at).is_ok());
        // After the first call leaves the window, one more fits.
        assert!(
            l.check("k", Class::General, t0 + Duration::from_secs(60))
                .is_ok()
        );
        assert!(
            l.check("k", Class::General, t0 + Duration::from_secs(60))
                .is_err()
        );
    }

    #[test]
    fn hour_window_and_batch_quota() {
        let l = RateLimiter::new(Some(RateLimits {
            per_minute: 1000,
            per_hour: 3,
            batch_per_minute: 2,
            batch_per_hour: 500,
            ..RateLimits::default()
        }));
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(l.check("k", Class::General, t0).is_ok());
        }
        assert_eq!(l.check("k", Class::General, t0), Err(3600));
        assert!(l.check("k", Class::Batch, t0).is_ok());
        assert!(l.check("k", Class::Batch, t0).is_ok());
        assert_eq!(l.check("k", Class::Batch, t0), Err(60));
        assert!(RateLimiter::new(None).check("k", Class::Batch, t0).is_ok());
    }

    #[test]
    fn zero_quotas_refuse_without_panicking() {
        let l = RateLimiter::new(Some(RateLimits {
            per_minute: 0,
            batch_per_hour: 0,
            ..RateLimits::default()
        }));
        let t0 = Instant::now();
        assert_eq!(l.check("k", Class::General, t0), Err(60));
        assert_eq!(l.check("k", Class::Batch, t0), Err(3600));
    }

    #[test]
    fn tiny_windows_answer_zero_seconds() {
        let l = RateLimiter::new(Some(RateLimits {
            per_minute: 1,
            minute: Duration::from_millis(50),
            ..RateLimits::default()
        }));
        let t0 = Instant::now();
        assert!(l.check("k", Class::General, t0).is_ok());
        assert_eq!(l.check("k", Class::General, t0), Err(0));
        assert!(
            l.check("k", Class::General, t0 + Duration::from_millis(50))
                .is_ok()
        );
    }
}
