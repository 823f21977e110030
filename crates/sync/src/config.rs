//! Tunables of the sync task. Tests shrink the times; the defaults suit the real service.

use std::time::Duration;

/// How the sync task polls, paces itself and retries.
#[derive(Debug, Clone)]
pub struct SyncConfig {
    /// Time between polls.
    pub poll_interval: Duration,
    /// Calls per budget window that polling may spend (the rest is left for the analyst).
    pub poll_budget: u32,
    /// The window the budgets count over (a minute for the real service).
    pub budget_window: Duration,
    /// batchUpdate calls allowed per window (the service allows 10 a minute).
    pub batch_per_window: u32,
    /// How far back a first fetch into an empty cache reaches for resolved alerts (unresolved
    /// ones are fetched whatever their age).
    pub initial_days: u32,
    /// Page size of a fetch (the service's maximum is 10,000).
    pub page_size: usize,
    /// Refetch this much before the watermark, because `$skip` paging can miss an alert that
    /// changes while the pages are read.
    pub overlap: Duration,
    /// First retry delay of a failed write; doubles per attempt.
    pub retry_base: Duration,
    /// Longest retry delay.
    pub retry_max: Duration,
    /// Clock skew allowed between us and the service when looking for our own comment.
    pub clock_skew: Duration,
    /// How long the outbox lease lasts without renewal (a live holder renews it per entry; a
    /// dead one is noticed at once on Linux).
    pub lease_ttl: Duration,
    /// Bound of the effect and message channels.
    pub channel_capacity: usize,
    /// First wait before a response action in flight is polled again; doubles per poll.
    pub action_poll: Duration,
    /// Longest wait between two polls of a response action in flight.
    pub action_poll_max: Duration,
    /// Hunting calls per budget window (the service allows at least 45 a minute per tenant).
    pub hunt_per_window: u32,
    /// How long a cached hunting answer is used before the service is asked again.
    pub hunt_cache_ttl: Duration,
}

impl Default for SyncConfig {
    fn default() -> Self {
        SyncConfig {
            poll_interval: Duration::from_secs(60),
            poll_budget: 20,
            budget_window: Duration::from_secs(60),
            batch_per_window: 10,
            initial_days: 30,
            page_size: 10_000,
            overlap: Duration::from_secs(60),
            retry_base: Duration::from_secs(2),
            retry_max: Duration::from_secs(300),
            clock_skew: Duration::from_secs(120),
            lease_ttl: Duration::from_secs(300),
            channel_capacity: 256,
            action_poll: Duration::from_secs(10),
            action_poll_max: Duration::from_secs(300),
            hunt_per_window: 45,
            hunt_cache_ttl: Duration::from_secs(24 * 3600),
        }
    }
}
