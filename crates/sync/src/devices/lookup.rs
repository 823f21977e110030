//! Which action on the service is the one a lost answer was about. After a lost answer: any
//! non-final action of the type on the device (the service would refuse a second one anyway), or
//! one created since the attempt began, whatever became of it. Before a retry: a non-final one,
//! or one that succeeded since the first attempt; one that failed is no reason not to send again.

use mde_model::Timestamp;
use mde_model::device::{ActionRequest, ActionStatus, MachineAction, ResponseAction};
use std::time::Duration;

/// What the lookup is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// The answer of the attempt that began at `since` was lost.
    LostAnswer,
    /// The analyst asked to send again a send first tried at `since`.
    Retry,
}

/// The action `actions` (newest first, of the request's type on its device) shows for it.
pub fn pick(
    actions: &[MachineAction],
    request: &ActionRequest,
    since: Timestamp,
    skew: Duration,
    purpose: Purpose,
) -> Option<MachineAction> {
    let skew = chrono::Duration::from_std(skew).unwrap_or(chrono::Duration::minutes(2));
    let from = Timestamp(since.0 - skew);
    let same = |a: &&MachineAction| {
        a.action_type == request.action.action_type()
            && a.machine_id.as_deref() == Some(request.machine_id.as_str())
            && match &request.action {
                ResponseAction::StopAndQuarantine { sha1 } => a
                    .related_file_info
                    .as_ref()
                    .is_some_and(|f| f.file_identifier.eq_ignore_ascii_case(sha1)),
                _ => true,
            }
    };
    let recent = |a: &&MachineAction| a.creation_date_time_utc.is_some_and(|c| c >= from);
    let mut candidates = actions.iter().filter(same);
    if let Some(open) = candidates.clone().find(|a| !a.status.is_terminal()) {
        return Some(open.clone());
    }
    candidates
        .find(|a| {
            recent(a)
                && match purpose {
                    Purpose::LostAnswer => true,
                    Purpose::Retry => a.status == ActionStatus::Succeeded,
                }
        })
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::device::IsolationType;

    const M: &str = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";

    fn action(id: &str, t: &str, status: &str, created: &str) -> MachineAction {
        serde_json::from_value(serde_json::json!({
            "id": id, "type": t, "status": status, "machineId": M, "creationDateTimeUtc": created,
        }))
        .unwrap()
    }

    fn isolate() -> ActionRequest {
        ActionRequest {
            machine_id: M.into(),
            device_name: None,
            action: ResponseAction::Isolate {
                isolation: IsolationType::Full,
            },
            comment: "c".into(),
            alert_id: None,
        }
    }

    fn at(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    const SKEW: Duration = Duration::from_secs(120);

    #[test]
    fn a_pending_action_of_the_type_is_the_one_whenever_it_was_made() {
        let acts = [
            action("new", "Isolate", "Pending", "2026-01-01T09:00:00Z"),
            action("old", "Isolate", "Succeeded", "2025-12-01T00:00:00Z"),
        ];
        let since = at("2026-01-01T10:00:00Z");
        for p in [Purpose::LostAnswer, Purpose::Retry] {
            assert_eq!(pick(&acts, &isolate(), since, SKEW, p).unwrap().id, "new");
        }
    }

    #[test]
    fn after_a_lost_answer_anything_created_since_the_attempt_is_ours() {
        let since = at("2026-01-01T10:00:00Z");
        let done = [action("a", "Isolate", "Failed", "2026-01-01T10:00:01Z")];
        assert_eq!(
            pick(&done, &isolate(), since, SKEW, Purpose::LostAnswer)
                .unwrap()
                .id,
            "a"
        );
        // Within the allowed clock skew too, but not an older action.
        let skewed = [action("b", "Isolate", "Succeeded", "2026-01-01T09:59:00Z")];
        assert!(pick(&skewed, &isolate(), since, SKEW, Purpose::LostAnswer).is_some());
        let old = [action("c", "Isolate", "Succeeded", "2026-01-01T09:00:00Z")];
        assert!(pick(&old, &isolate(), since, SKEW, Purpose::LostAnswer).is_none());
        // Another type, or another device, is not it.
        let other = [action("d", "Unisolate", "Pending", "2026-01-01T10:00:01Z")];
        assert!(pick(&other, &isolate(), since, SKEW, Purpose::LostAnswer).is_none());
        let mut elsewhere = action("e", "Isolate", "Pending", "2026-01-01T10:00:01Z");
        elsewhere.machine_id = Some("f".repeat(40));
        assert!(pick(&[elsewhere], &isolate(), since, SKEW, Purpose::LostAnswer).is_none());
    }

    #[test]
    fn a_retry_is_held_back_only_by_an_open_or_succeeded_action() {
        let since = at("2026-01-01T10:00:00Z");
        let failed = [action("a", "Isolate", "Failed", "2026-01-01T10:00:01Z")];
        assert!(pick(&failed, &isolate(), since, SKEW, Purpose::Retry).is_none());
        let timed_out = [action("b", "Isolate", "TimeOut", "2026-01-01T10:00:01Z")];
        assert!(pick(&timed_out, &isolate(), since, SKEW, Purpose::Retry).is_none());
        let ok = [
            action("c", "Isolate", "Failed", "2026-01-01T10:05:00Z"),
            action("d", "Isolate", "Succeeded", "2026-01-01T10:01:00Z"),
        ];
        assert_eq!(
            pick(&ok, &isolate(), since, SKEW, Purpose::Retry)
                .unwrap()
                .id,
            "d"
        );
    }

    #[test]
    fn stop_and_quarantine_is_matched_by_file() {
        let mut req = isolate();
        req.action = ResponseAction::StopAndQuarantine {
            sha1: "A".repeat(40),
        };
        let mut a: MachineAction = serde_json::from_value(serde_json::json!({
            "id": "q", "type": "StopAndQuarantineFile", "status": "Pending", "machineId": M,
            "creationDateTimeUtc": "2026-01-01T10:00:01Z",
            "relatedFileInfo": {"fileIdentifier": "b".repeat(40), "fileIdentifierType": "Sha1"}
        }))
        .unwrap();
        let since = at("2026-01-01T10:00:00Z");
        assert!(
            pick(
                std::slice::from_ref(&a),
                &req,
                since,
                SKEW,
                Purpose::LostAnswer
            )
            .is_none()
        );
        a.related_file_info.as_mut().unwrap().file_identifier = "a".repeat(40);
        assert!(pick(&[a], &req, since, SKEW, Purpose::LostAnswer).is_some());
    }
}
