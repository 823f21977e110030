//! The device a response acts on, captured when its dialog opens: the machine id, its name as
//! shown, the alert it came from, and what the dialog needs to decide what to offer and what to
//! warn about (containment, pending actions, platform, health, the token's permissions). A
//! dialog keeps this copy and acts on exactly this device, whatever changes under it.

use super::lines::Lines;
use crate::app::list::widths::short_host;
use mde_model::Timestamp;
use mde_model::device::{ActionType, DeviceContext, HealthStatus, OnboardingStatus, Phase};

/// The device of a response dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// 40-hex machine id.
    pub machine_id: String,
    /// Its name (the DNS name, else the id; raw, sanitise before display).
    pub name: String,
    /// The alert it was reached from.
    pub alert_id: Option<String>,
    /// That alert's title (raw).
    pub alert_title: Option<String>,
    /// `Windows11`, `Linux`, … when known.
    pub os: Option<String>,
    /// Network isolation, over the freshest statuses and our sends on their way.
    pub isolation: Phase,
    /// App execution restriction, likewise.
    pub restriction: Phase,
    /// Action types in flight on the device (the service's or ours on their way).
    pub pending: Vec<ActionType>,
    /// Why the device may not pick actions up soon, when it looks offline.
    pub offline: Option<String>,
    /// The token's roles or scopes, when readable.
    pub granted: Option<Vec<String>>,
    /// Whether Defender for Endpoint runs on it (`onboardingStatus`); None when not said. An
    /// unmanaged device cannot isolate itself: its onboarded neighbours contain it instead.
    pub onboarded: Option<bool>,
}

impl Target {
    /// The device of a loaded panel.
    pub fn of(
        ctx: &DeviceContext,
        lines: &Lines,
        alert_id: Option<&str>,
        alert_title: Option<&str>,
        now: Option<Timestamp>,
    ) -> Target {
        let phase = |p: Phase, sending: Option<bool>| match sending {
            Some(true) => Phase::Applying,
            Some(false) => Phase::Releasing,
            None => p,
        };
        let pending = lines
            .actions
            .iter()
            .filter(|l| l.status.in_flight())
            .map(|l| l.action_type.clone())
            .collect();
        Target {
            machine_id: ctx.machine.id.clone(),
            name: ctx.machine.display_name().to_string(),
            alert_id: alert_id.map(str::to_string),
            alert_title: alert_title.map(str::to_string),
            os: ctx.machine.os_platform.clone(),
            isolation: phase(lines.state.isolation.phase(), lines.sending_isolation),
            restriction: phase(lines.state.restriction.phase(), lines.sending_restriction),
            pending,
            offline: offline_note(ctx, now),
            granted: ctx.granted.clone(),
            onboarded: ctx.machine.onboarding_status.as_ref().and_then(onboarded),
        }
    }

    /// The short host name (`ws-eng-194`), what the analyst types to confirm.
    pub fn short(&self) -> &str {
        short_host(&self.name)
    }

    /// True when the token is known to lack `permission`.
    pub fn lacks(&self, permission: &str) -> bool {
        self.granted
            .as_ref()
            .is_some_and(|g| !g.iter().any(|p| p.eq_ignore_ascii_case(permission)))
    }

    /// Whether the device runs Windows: None when the platform is unknown.
    pub fn windows(&self) -> Option<bool> {
        self.os
            .as_deref()
            .filter(|o| !o.trim().is_empty())
            .map(|o| o.to_ascii_lowercase().starts_with("windows"))
    }

    /// True when an action of this type is in flight on the device.
    pub fn has_pending(&self, t: &ActionType) -> bool {
        self.pending.iter().any(|p| p == t)
    }

    /// True when `typed` names this device: its full or short name, in any case, compared on
    /// the characters a keyboard types (a hidden character in the name cannot be typed).
    pub fn confirmed_by(&self, typed: &str) -> bool {
        let t = typeable(typed);
        !t.is_empty() && (t == typeable(&self.name) || t == typeable(self.short()))
    }
}

/// `Onboarded` is managed; the documented others (can be onboarded, unsupported, insufficient
/// information) are not; an unknown value says nothing.
fn onboarded(s: &OnboardingStatus) -> Option<bool> {
    match s {
        OnboardingStatus::Onboarded => Some(true),
        OnboardingStatus::Unrecognized(_) => None,
        _ => Some(false),
    }
}

/// Letters, digits, `-`, `.` and `_`, lower-cased.
fn typeable(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Days without a report after which a device is called offline whatever its health says.
const SILENT_DAYS: i64 = 3;

/// A note when the device looks offline: its sensor health, or a last report days ago.
pub fn offline_note(ctx: &DeviceContext, now: Option<Timestamp>) -> Option<String> {
    let m = &ctx.machine;
    let health = match &m.health_status {
        Some(HealthStatus::Active) | None => None,
        Some(h) => Some(h.as_str().to_string()),
    };
    let silent = match (now, m.last_seen) {
        (Some(now), Some(seen)) => {
            let days = (now.0 - seen.0).num_days();
            (days >= SILENT_DAYS).then_some(days)
        }
        _ => None,
    };
    let why = match (health, silent) {
        (None, None) => return None,
        (Some(h), None) => format!("its sensor health is {h}"),
        (None, Some(d)) => format!("it last reported {d} days ago"),
        (Some(h), Some(d)) => format!("its sensor health is {h} and it last reported {d} days ago"),
    };
    Some(format!(
        "The device may be offline ({why}): actions wait until it connects, up to three days"
    ))
}
