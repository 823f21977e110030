//! The analysts' first touch. A real SOC takes up an alert soon after it arrives, so an open
//! alert past its first-touch target (the console's default SLA: High 30 min, Medium 2 h, Low
//! 8 h) has mostly been given an owner by then; a few incidents are still waiting, so the queue
//! shows a handful of SLA breaches rather than every old alert. A pass of its own, with its own
//! random stream, after the alerts are raised: nothing else in the tenant changes.

use super::clock::{self, MINUTE, Precision, TICKS_PER_SEC};
use super::tenant::ANALYSTS;
use crate::rng::Rng;
use mde_model::{Alert, Severity, Status};
use std::collections::HashMap;

/// Share of the incidents past their target that nobody has taken up yet.
const LEFT_WAITING: f64 = 0.06;

/// Time to first touch of a severity, in ticks, as the console's default SLA has it; `None`
/// where no clock runs (Informational).
fn first_touch(severity: &Severity) -> Option<i64> {
    match severity {
        Severity::High => Some(30 * MINUTE),
        Severity::Medium => Some(120 * MINUTE),
        Severity::Low => Some(480 * MINUTE),
        _ => None,
    }
}

/// Nobody has acted on the alert: New, no owner, no verdict.
fn untouched(a: &Alert) -> bool {
    a.status == Status::New
        && a.assigned_to.as_deref().is_none_or(|o| o.trim().is_empty())
        && a.classification.is_none()
}

/// Gives most untouched alerts past their first-touch target at `end` an owner: one analyst per
/// incident, who took them within the target (their last update moves to that moment).
pub fn take_up(rng: &mut Rng, alerts: &mut [Alert], end: i64) {
    // Per incident, in the order incidents first appear: left waiting, or who took it.
    let mut decided: HashMap<Option<i64>, Option<&'static str>> = HashMap::new();
    for a in alerts.iter_mut() {
        let (Some(target), Some(created)) = (first_touch(&a.severity), a.alert_creation_time)
        else {
            continue;
        };
        let created = clock::ticks_of(&created);
        if !untouched(a) || end - created <= target {
            continue;
        }
        let owner = *decided.entry(a.incident_id).or_insert_with(|| {
            (!rng.chance(LEFT_WAITING)).then(|| ANALYSTS[rng.index(ANALYSTS.len())])
        });
        let Some(owner) = owner else {
            continue;
        };
        a.assigned_to = Some(owner.to_string());
        let took = created + rng.range((target / 5) as u64, (target * 9 / 10) as u64) as i64;
        let last = a.last_update_time.map_or(0, |t| clock::ticks_of(&t));
        if took > last {
            let at = took.min(end - 2 * TICKS_PER_SEC);
            a.last_update_time = Some(clock::with_precision(rng, at, Precision::Stored));
        }
    }
}
