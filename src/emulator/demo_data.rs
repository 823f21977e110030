//! Deterministic demo tenant generator.
//!
//! PLACEHOLDER: the demo-data helper replaces this with the realistic generator; the signature
//! is the contract the emulator codes against.

use crate::model::{Alert, Severity, Status, Timestamp};

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

/// Generates a demo tenant's alerts, evidence included.
pub fn generate(spec: &DemoSpec) -> Vec<Alert> {
    (0..spec.alerts)
        .map(|i| {
            let mut a = Alert::new(
                format!("da{:018}_{}", i, spec.seed),
                format!("Demo alert {i}"),
            );
            a.severity = [Severity::High, Severity::Medium, Severity::Low][i % 3].clone();
            a.status = Status::New;
            a.alert_creation_time = Some(spec.end);
            a.last_update_time = Some(spec.end);
            a
        })
        .collect()
}
