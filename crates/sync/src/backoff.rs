//! Retry delays for outbox entries: exponential per attempt, capped, jittered, never shorter than
//! the service's `Retry-After` (itself capped by the longest delay, so a hostile or broken header
//! cannot park a write for hours).

use std::hash::{BuildHasher, RandomState};
use std::time::Duration;

/// The delay before retry number `attempt` (1-based).
pub fn delay(
    attempt: u32,
    base: Duration,
    max: Duration,
    retry_after: Option<Duration>,
) -> Duration {
    let exp = base.saturating_mul(1u32 << attempt.saturating_sub(1).min(20));
    let capped = exp.min(max);
    // Full jitter between half and all of the delay, so many clients do not retry in step.
    let jitter = RandomState::new().hash_one(attempt) % 1000;
    let jittered = capped / 2 + capped.mul_f64(jitter as f64 / 2000.0);
    match retry_after {
        Some(ra) => jittered.max(ra.min(max)),
        None => jittered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_caps_and_honours_retry_after() {
        let base = Duration::from_millis(100);
        let max = Duration::from_secs(1);
        let d1 = delay(1, base, max, None);
        assert!(d1 >= Duration::from_millis(50) && d1 <= base, "{d1:?}");
        let d3 = delay(3, base, max, None);
        assert!(d3 >= Duration::from_millis(200) && d3 <= Duration::from_millis(400));
        let d30 = delay(30, base, max, None);
        assert!(d30 <= max && d30 >= max / 2);
        let long = Duration::from_secs(5);
        assert_eq!(delay(1, base, Duration::from_secs(60), Some(long)), long);
        assert_eq!(delay(1, base, max, Some(long)), max);
    }
}
