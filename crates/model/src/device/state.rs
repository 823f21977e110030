//! A device's isolation and restriction state, derived from its machine actions: the Machine
//! entity does not carry it. The latest action of a pair (isolate/release, restrict/unrestrict)
//! to *complete* wins, not the latest sent: duplicate calls have been seen completing out of order
//! and leaving a device isolated after a release. Non-terminal ones show as "isolating…".

use super::enums::{ActionStatus, ActionType};
use super::machine_action::MachineAction;
use crate::time::Timestamp;

/// The two reversible containments of a device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Containment {
    /// Network isolation (`Isolate` / `Unisolate`).
    Isolation,
    /// App execution restriction (`RestrictCodeExecution` / `UnrestrictCodeExecution`).
    Restriction,
}

impl Containment {
    /// Whether an action type applies (true) or lifts (false) this containment; None for others.
    pub fn direction(self, t: &ActionType) -> Option<bool> {
        match (self, t) {
            (Containment::Isolation, ActionType::Isolate) => Some(true),
            (Containment::Isolation, ActionType::Unisolate) => Some(false),
            (Containment::Restriction, ActionType::RestrictCodeExecution) => Some(true),
            (Containment::Restriction, ActionType::UnrestrictCodeExecution) => Some(false),
            _ => None,
        }
    }

    fn words(self) -> (&'static str, &'static str, &'static str, &'static str) {
        match self {
            Containment::Isolation => ("isolated", "not isolated", "isolating…", "releasing…"),
            Containment::Restriction => (
                "restricted",
                "not restricted",
                "restricting…",
                "lifting restriction…",
            ),
        }
    }
}

/// Where a containment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// No completed and no pending action of the pair in the history we have.
    Unknown,
    /// The latest completed action applied it.
    Applied,
    /// The latest completed action lifted it.
    Released,
    /// The newest non-terminal action of the pair applies it.
    Applying,
    /// The newest non-terminal action of the pair lifts it.
    Releasing,
}

/// The latest completed action of a pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settled {
    /// True when it applied the containment.
    pub applied: bool,
    /// Its scope (`Full`, `Selective`), when the service said.
    pub scope: Option<String>,
    /// When it completed.
    pub at: Option<Timestamp>,
    /// The action's id.
    pub action_id: String,
}

/// A non-terminal action of a pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InFlight {
    /// True when it applies the containment.
    pub applying: bool,
    /// `Pending` or `InProgress` (or a status this build does not know).
    pub status: ActionStatus,
    /// When it was queued.
    pub created: Option<Timestamp>,
    /// The action's id.
    pub action_id: String,
}

/// One containment's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainmentState {
    /// Which one.
    pub containment: Containment,
    /// The latest completed action.
    pub settled: Option<Settled>,
    /// Non-terminal actions, oldest first.
    pub in_flight: Vec<InFlight>,
}

impl ContainmentState {
    /// The phase: a non-terminal action decides it, else the latest completed one.
    pub fn phase(&self) -> Phase {
        if let Some(f) = self.in_flight.last() {
            return if f.applying {
                Phase::Applying
            } else {
                Phase::Releasing
            };
        }
        match &self.settled {
            Some(s) if s.applied => Phase::Applied,
            Some(_) => Phase::Released,
            None => Phase::Unknown,
        }
    }

    /// True when the latest completed action applied it (whatever is pending).
    pub fn is_applied(&self) -> bool {
        self.settled.as_ref().is_some_and(|s| s.applied)
    }

    /// A short label: `isolated (Full)`, `not isolated`, `isolating…`, `unknown`.
    pub fn label(&self) -> String {
        let (on, off, applying, releasing) = self.containment.words();
        match self.phase() {
            Phase::Applied => match self.settled.as_ref().and_then(|s| s.scope.as_deref()) {
                Some(scope) => format!("{on} ({scope})"),
                None => on.to_string(),
            },
            Phase::Released => off.to_string(),
            Phase::Applying => applying.to_string(),
            Phase::Releasing => releasing.to_string(),
            Phase::Unknown => format!("{off} (no action history)"),
        }
    }
}

/// What a device's actions say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceState {
    /// Network isolation.
    pub isolation: ContainmentState,
    /// App execution restriction.
    pub restriction: ContainmentState,
}

/// Derives the device's state from its machine actions, in any order.
pub fn derive_state(actions: &[MachineAction]) -> DeviceState {
    DeviceState {
        isolation: containment(actions, Containment::Isolation),
        restriction: containment(actions, Containment::Restriction),
    }
}

fn containment(actions: &[MachineAction], which: Containment) -> ContainmentState {
    let mut settled: Option<(&MachineAction, bool)> = None;
    let mut in_flight: Vec<(&MachineAction, bool)> = Vec::new();
    for a in actions {
        let Some(applying) = which.direction(&a.action_type) else {
            continue;
        };
        if a.status == ActionStatus::Succeeded {
            // Completion order decides; on a tie the one queued later.
            let later = settled.is_none_or(|(s, _)| {
                (a.settled_at(), a.creation_date_time_utc)
                    > (s.settled_at(), s.creation_date_time_utc)
            });
            if later {
                settled = Some((a, applying));
            }
        } else if !a.status.is_terminal() {
            in_flight.push((a, applying));
        }
    }
    in_flight.sort_by_key(|(a, _)| a.creation_date_time_utc);
    ContainmentState {
        containment: which,
        settled: settled.map(|(a, applied)| Settled {
            applied,
            scope: a.scope.clone(),
            at: a.settled_at(),
            action_id: a.id.clone(),
        }),
        in_flight: in_flight
            .into_iter()
            .map(|(a, applying)| InFlight {
                applying,
                status: a.status.clone(),
                created: a.creation_date_time_utc,
                action_id: a.id.clone(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(
        id: &str,
        t: ActionType,
        status: ActionStatus,
        created: &str,
        done: &str,
    ) -> MachineAction {
        serde_json::from_value(serde_json::json!({
            "id": id, "type": t.as_str(), "status": status.as_str(),
            "creationDateTimeUtc": created, "lastUpdateDateTimeUtc": done,
            "scope": if t == ActionType::Isolate { Some("Full") } else { None },
        }))
        .unwrap()
    }

    const T1: &str = "2024-01-01T10:00:00Z";
    const T2: &str = "2024-01-01T10:01:00Z";
    const T3: &str = "2024-01-01T10:02:00Z";
    const T4: &str = "2024-01-01T10:03:00Z";

    #[test]
    fn no_history_is_unknown_and_says_so() {
        let s = derive_state(&[]);
        assert_eq!(s.isolation.phase(), Phase::Unknown);
        assert_eq!(s.isolation.label(), "not isolated (no action history)");
        assert!(!s.restriction.is_applied());
    }

    #[test]
    fn the_latest_completed_action_wins() {
        let s = derive_state(&[
            action("a", ActionType::Isolate, ActionStatus::Succeeded, T1, T2),
            action("b", ActionType::Unisolate, ActionStatus::Succeeded, T3, T4),
        ]);
        assert_eq!(s.isolation.phase(), Phase::Released);
        assert_eq!(s.isolation.label(), "not isolated");
        assert_eq!(s.isolation.settled.as_ref().unwrap().action_id, "b");
        // Restriction is independent of isolation.
        assert_eq!(s.restriction.phase(), Phase::Unknown);
    }

    #[test]
    fn out_of_order_completion_leaves_the_device_isolated() {
        // Isolate sent first but completed last (issue #5903): the device is isolated.
        let s = derive_state(&[
            action(
                "rel",
                ActionType::Unisolate,
                ActionStatus::Succeeded,
                T2,
                T3,
            ),
            action("iso", ActionType::Isolate, ActionStatus::Succeeded, T1, T4),
        ]);
        assert_eq!(s.isolation.phase(), Phase::Applied);
        assert_eq!(s.isolation.label(), "isolated (Full)");
        assert_eq!(s.isolation.settled.unwrap().action_id, "iso");
    }

    #[test]
    fn failures_timeouts_and_cancellations_change_nothing() {
        let s = derive_state(&[
            action("a", ActionType::Isolate, ActionStatus::Succeeded, T1, T1),
            action("b", ActionType::Unisolate, ActionStatus::Failed, T2, T2),
            action("c", ActionType::Unisolate, ActionStatus::TimeOut, T3, T3),
            action("d", ActionType::Unisolate, ActionStatus::Cancelled, T4, T4),
            action(
                "e",
                ActionType::RunAntiVirusScan,
                ActionStatus::Succeeded,
                T4,
                T4,
            ),
        ]);
        assert_eq!(s.isolation.phase(), Phase::Applied);
        assert!(s.isolation.in_flight.is_empty());
    }

    #[test]
    fn a_pending_action_shows_as_in_progress_over_the_settled_state() {
        let s = derive_state(&[
            action("a", ActionType::Isolate, ActionStatus::Succeeded, T1, T2),
            action("b", ActionType::Unisolate, ActionStatus::Pending, T3, T3),
            action(
                "r",
                ActionType::RestrictCodeExecution,
                ActionStatus::InProgress,
                T3,
                T4,
            ),
        ]);
        assert_eq!(s.isolation.phase(), Phase::Releasing);
        assert!(
            s.isolation.is_applied(),
            "still isolated until the release completes"
        );
        assert_eq!(s.isolation.label(), "releasing…");
        assert_eq!(s.restriction.phase(), Phase::Applying);
        assert_eq!(s.restriction.label(), "restricting…");
        // The newest pending action decides the direction shown.
        let s = derive_state(&[
            action("x", ActionType::Unisolate, ActionStatus::Pending, T1, T1),
            action("y", ActionType::Isolate, ActionStatus::Pending, T2, T2),
        ]);
        assert_eq!(s.isolation.phase(), Phase::Applying);
        assert_eq!(s.isolation.in_flight.len(), 2);
    }

    #[test]
    fn a_tie_in_completion_goes_to_the_one_sent_later() {
        let s = derive_state(&[
            action(
                "late",
                ActionType::Unisolate,
                ActionStatus::Succeeded,
                T2,
                T3,
            ),
            action(
                "early",
                ActionType::Isolate,
                ActionStatus::Succeeded,
                T1,
                T3,
            ),
        ]);
        assert_eq!(s.isolation.phase(), Phase::Released);
    }
}
