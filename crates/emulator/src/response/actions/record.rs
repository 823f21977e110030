//! One machine action and its lifecycle on the emulator clock: `Pending` until the device picks
//! it up, `InProgress`, then `Succeeded` (or `Failed` when the scenario says so). An action for
//! an offline device stays `Pending` and times out after three days. Transitions are computed
//! when the state is looked at, stamped with the instant they happened, so no task ticks.

use super::super::config::ActionTimings;
use mde_model::Timestamp;
use mde_model::device::{ActionStatus, ActionType, MachineAction};
use std::time::Duration;

/// `errorHResult` of a failed action (E_FAIL).
pub const FAILED_HRESULT: i64 = -2_147_467_259;

/// A stored action.
#[derive(Debug, Clone)]
pub struct ActionRecord {
    /// The entity as served.
    pub action: MachineAction,
    /// From creation to its final state on an online device.
    pub duration: Duration,
    /// When the device picks it up (None while the device is offline).
    pub pickup_at: Option<Timestamp>,
    /// When it completes once picked up.
    pub done_at: Option<Timestamp>,
    /// When a still-pending action times out.
    pub expires_at: Timestamp,
    /// Ends `Failed` instead of `Succeeded`.
    pub fails: bool,
}

fn after(t: Timestamp, d: Duration) -> Timestamp {
    Timestamp(t.0 + chrono::Duration::from_std(d).unwrap_or(chrono::Duration::zero()))
}

/// How long an action of this type takes.
pub fn duration_of(t: &ActionType, scope: Option<&str>, timings: &ActionTimings) -> Duration {
    match t {
        ActionType::Isolate => timings.isolate,
        ActionType::Unisolate => timings.unisolate,
        ActionType::RunAntiVirusScan if scope == Some("Full") => timings.scan * 4,
        ActionType::RunAntiVirusScan => timings.scan,
        ActionType::RestrictCodeExecution | ActionType::UnrestrictCodeExecution => timings.restrict,
        ActionType::CollectInvestigationPackage => timings.collect,
        ActionType::StopAndQuarantineFile => timings.quarantine,
        _ => timings.isolate,
    }
}

impl ActionRecord {
    /// A new action created now; picked up at once when the device is online.
    pub fn new(
        action: MachineAction,
        now: Timestamp,
        online: bool,
        timings: &ActionTimings,
        fails: bool,
    ) -> Self {
        let duration = duration_of(&action.action_type, action.scope.as_deref(), timings);
        let mut r = ActionRecord {
            action,
            duration,
            pickup_at: None,
            done_at: None,
            expires_at: after(now, timings.offline_expiry),
            fails,
        };
        if online {
            r.schedule(now, timings.pickup);
        }
        r
    }

    /// The device came online at `now`: a pending action is picked up `pickup` later.
    pub fn schedule(&mut self, now: Timestamp, pickup: Duration) {
        if self.action.status != ActionStatus::Pending || self.pickup_at.is_some() {
            return;
        }
        let at = after(now, pickup.min(self.duration));
        self.pickup_at = Some(at);
        self.done_at = Some(after(at, self.duration.saturating_sub(pickup)));
    }

    /// The device went offline at `now`: an action it has not picked up yet waits.
    pub fn unschedule(&mut self, now: Timestamp) {
        if self.action.status == ActionStatus::Pending && self.pickup_at.is_some_and(|p| p > now) {
            self.pickup_at = None;
            self.done_at = None;
        }
    }

    /// Applies every transition due by `now`; returns the final status if it was just reached.
    pub fn settle(&mut self, now: Timestamp) -> Option<ActionStatus> {
        let mut reached = None;
        loop {
            let (next, at) = match &self.action.status {
                ActionStatus::Pending => match self.pickup_at {
                    Some(p) if p <= now && p < self.expires_at => (ActionStatus::InProgress, p),
                    _ if now >= self.expires_at => (ActionStatus::TimeOut, self.expires_at),
                    _ => break,
                },
                ActionStatus::InProgress => match self.done_at {
                    Some(d) if d <= now => {
                        if self.fails {
                            self.action.error_h_result = Some(FAILED_HRESULT);
                            (ActionStatus::Failed, d)
                        } else {
                            (ActionStatus::Succeeded, d)
                        }
                    }
                    _ => break,
                },
                _ => break,
            };
            self.action.status = next.clone();
            self.action.last_update_date_time_utc = Some(at);
            if next.is_terminal() {
                reached = Some(next);
            }
        }
        reached
    }

    /// Cancels a non-terminal action; false when it already reached a final state.
    pub fn cancel(&mut self, now: Timestamp, who: &str, comment: Option<String>) -> bool {
        if self.action.status.is_terminal() {
            return false;
        }
        let a = &mut self.action;
        a.status = ActionStatus::Cancelled;
        a.cancellation_requestor = Some(who.to_string());
        a.cancellation_comment = comment;
        a.cancellation_date_time_utc = Some(now);
        a.last_update_date_time_utc = Some(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(t: ActionType) -> MachineAction {
        serde_json::from_value(
            serde_json::json!({"id": "x", "type": t.as_str(), "status": "Pending"}),
        )
        .unwrap()
    }

    fn t0() -> Timestamp {
        Timestamp::parse("2026-01-01T00:00:00Z").unwrap()
    }

    fn plus(s: u64) -> Timestamp {
        after(t0(), Duration::from_secs(s))
    }

    #[test]
    fn an_online_action_runs_to_success_with_stamped_transitions() {
        let timings = ActionTimings::default();
        let mut r = ActionRecord::new(action(ActionType::Isolate), t0(), true, &timings, false);
        assert_eq!(r.settle(plus(4)), None);
        assert_eq!(r.action.status, ActionStatus::Pending);
        assert_eq!(r.settle(plus(10)), None);
        assert_eq!(r.action.status, ActionStatus::InProgress);
        assert_eq!(r.action.last_update_date_time_utc, Some(plus(5)));
        assert_eq!(r.settle(plus(1000)), Some(ActionStatus::Succeeded));
        assert_eq!(r.action.last_update_date_time_utc, Some(plus(66)));
        assert_eq!(r.settle(plus(2000)), None);
    }

    #[test]
    fn an_offline_device_times_out_after_three_days_unless_it_returns() {
        let timings = ActionTimings::default();
        let mut r = ActionRecord::new(action(ActionType::Isolate), t0(), false, &timings, false);
        assert_eq!(r.settle(plus(2 * 86_400)), None);
        assert_eq!(r.action.status, ActionStatus::Pending);
        assert_eq!(r.settle(plus(3 * 86_400)), Some(ActionStatus::TimeOut));
        assert_eq!(r.action.last_update_date_time_utc, Some(plus(3 * 86_400)));

        let mut back = ActionRecord::new(
            action(ActionType::RunAntiVirusScan),
            t0(),
            false,
            &timings,
            true,
        );
        back.schedule(plus(3600), timings.pickup);
        assert_eq!(back.settle(plus(3600 + 60)), Some(ActionStatus::Failed));
        assert_eq!(back.action.error_h_result, Some(FAILED_HRESULT));
    }

    #[test]
    fn cancel_only_before_a_final_state() {
        let timings = ActionTimings::default();
        let mut r = ActionRecord::new(action(ActionType::Isolate), t0(), true, &timings, false);
        assert!(r.cancel(plus(1), "app", Some("oops".into())));
        assert_eq!(r.action.status, ActionStatus::Cancelled);
        assert_eq!(
            r.settle(plus(1000)),
            None,
            "a cancelled action stays cancelled"
        );
        assert!(!r.cancel(plus(2), "app", None));
    }
}
