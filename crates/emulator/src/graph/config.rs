//! Settings of the Graph security API side of the emulator.

use std::time::Duration;

/// Limits and switches of `/v1.0/security/*`; the defaults are the documented ones.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphConfig {
    /// Graph calls per minute per app and tenant (alerts_v2, incidents); the documented 150.
    pub per_minute: u32,
    /// Hunting calls per minute per tenant (the documented "at least 45").
    pub hunting_per_minute: u32,
    /// Hunting calls per hour per tenant.
    pub hunting_per_hour: u32,
    /// Length of the hunting "minute" (shorten it in tests).
    pub hunting_minute: Duration,
    /// Length of the hunting "hour".
    pub hunting_hour: Duration,
    /// Most rows a hunting answer may hold; more is a 400, as the service refuses them.
    pub hunting_max_rows: usize,
    /// Largest `$top` of `alerts_v2` (and its page size without `$top`).
    pub alerts_max_top: usize,
    /// Largest `$top` of `incidents` (and its page size without `$top`).
    pub incidents_max_top: usize,
    /// Generate alerts of the other Defender products (Office 365, Identity, Cloud Apps, Cloud)
    /// in the demo tenant.
    pub other_products: bool,
}

impl Default for GraphConfig {
    fn default() -> Self {
        GraphConfig {
            per_minute: 150,
            hunting_per_minute: 45,
            hunting_per_hour: 1500,
            hunting_minute: Duration::from_secs(60),
            hunting_hour: Duration::from_secs(3600),
            hunting_max_rows: 100_000,
            alerts_max_top: 2000,
            incidents_max_top: 50,
            other_products: true,
        }
    }
}
