//! Deterministic demo tenant generator: a realistic CONTOSO tenant (~60 devices, ~30 users by
//! default) whose alerts are grouped into incidents, carry evidence trees, ATT&CK techniques,
//! comments and a queue-like triage mix, plus a few attacker-controlled hostile strings.
//! The same spec always gives the same alerts.

mod artifacts;
// The analysts' first touch (the SLA spread of the queue).
mod backlog;
mod catalog;
mod clock;
pub mod devices;
mod hostile;
mod images;
mod incident;
mod payloads;
mod process_chain;
mod products;
mod stories;
mod tenant;
mod triage;

pub use hostile::{LONG_COMMAND_LINE_CHARS, hostile_samples};
pub use payloads::encode_command;
pub use products::{OWN_INCIDENT_BASE, other_products};
pub use tenant::{AAD_TENANT_ID, ANALYSTS};

use crate::rng::Rng;
use mde_model::{Alert, Timestamp};
use tenant::Tenant;

/// The default number of alerts in a demo tenant.
pub const DEFAULT_ALERTS: usize = 500;

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoSpec {
    /// Number of alerts.
    pub alerts: usize,
    /// PRNG seed: the same seed gives the same tenant.
    pub seed: u64,
    /// The newest alert's time; alerts spread over the 30 days before it.
    pub end: Timestamp,
}

impl DemoSpec {
    /// The default tenant (500 alerts) for `seed`, ending at `end`.
    pub fn new(seed: u64, end: Timestamp) -> Self {
        DemoSpec {
            alerts: DEFAULT_ALERTS,
            seed,
            end,
        }
    }
}

/// Generates a demo tenant's alerts, evidence included. Every time lies within the 30 days
/// before `spec.end`, and never after it.
pub fn generate(spec: &DemoSpec) -> Vec<Alert> {
    let root = Rng::new(spec.seed);
    // Separate streams, so the cast does not change when the alert count does.
    let tenant = Tenant::build(&mut root.fork(1), spec.alerts);
    let mut rng = root.fork(2);
    let end = clock::ticks_of(&spec.end);
    let mut alerts = Vec::with_capacity(spec.alerts);
    let mut incident_id = 1_100_000 + rng.below(50_000) as i64;
    while alerts.len() < spec.alerts {
        incident_id += rng.range(1, 9) as i64;
        let budget = spec.alerts - alerts.len();
        let fresh = alerts.is_empty();
        incident::raise(
            &mut rng,
            &tenant,
            incident_id,
            end,
            budget,
            fresh,
            &mut alerts,
        );
    }
    backlog::take_up(&mut root.fork(4), &mut alerts, end);
    hostile::inject(&mut root.fork(3), &mut alerts);
    alerts
}
