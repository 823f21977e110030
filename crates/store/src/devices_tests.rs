//! The device tables: machine and action cache, and the log of sent response actions with its
//! audit trail, across a reopen.

use super::Store;
use mde_model::Timestamp;
use mde_model::device::{
    ActionFailure, ActionRequest, ActionStatus, FailureKind, IsolationType, Machine, MachineAction,
    ResponseAction, SendState,
};

const ID: &str = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";

fn machine(name: &str) -> Machine {
    let mut m = Machine::new(ID);
    m.computer_dns_name = Some(name.into());
    m
}

fn action(id: &str, status: &str, updated: &str) -> MachineAction {
    serde_json::from_value(serde_json::json!({
        "id": id, "type": "Isolate", "status": status, "machineId": ID,
        "creationDateTimeUtc": "2026-01-01T00:00:00Z", "lastUpdateDateTimeUtc": updated,
    }))
    .unwrap()
}

fn request() -> ActionRequest {
    ActionRequest {
        machine_id: ID.into(),
        device_name: Some("ws-fin-001.corp.contoso.com".into()),
        action: ResponseAction::Isolate {
            isolation: IsolationType::Full,
        },
        comment: "Isolate due to alert da1".into(),
        alert_id: Some("da1".into()),
    }
}

#[test]
fn machines_are_found_by_id_name_or_first_label() {
    let s = Store::open_in_memory().unwrap();
    assert!(s.cached_machine(ID).unwrap().is_none());
    let m = machine("ws-fin-001.corp.contoso.com");
    let raw = serde_json::to_string(&m).unwrap();
    s.upsert_machine(&m, &raw).unwrap();
    let by_id = s.cached_machine(ID).unwrap().unwrap();
    assert_eq!(by_id.machine, m);
    assert_eq!(by_id.raw, raw);
    assert!(by_id.fetched.is_some());
    assert!(
        s.cached_machine("WS-FIN-001.corp.contoso.com")
            .unwrap()
            .is_some()
    );
    assert!(s.cached_machine("ws-fin-001").unwrap().is_some());
    assert!(s.cached_machine("ws-fin").unwrap().is_none());
    assert!(
        s.cached_machine("ws%").unwrap().is_none(),
        "LIKE wildcards are literal"
    );
}

#[test]
fn a_stale_action_copy_never_replaces_a_fresher_one() {
    let s = Store::open_in_memory().unwrap();
    s.upsert_machine_actions(&[action("a", "InProgress", "2026-01-01T00:00:10Z")])
        .unwrap();
    s.upsert_machine_actions(&[action("a", "Pending", "2026-01-01T00:00:00Z")])
        .unwrap();
    assert_eq!(
        s.cached_machine_actions(ID, 10).unwrap()[0].status,
        ActionStatus::InProgress
    );
    s.upsert_machine_actions(&[action("a", "Succeeded", "2026-01-01T00:01:06Z")])
        .unwrap();
    let mut newer = action("b", "Pending", "2026-01-02T00:00:00Z");
    newer.creation_date_time_utc = Timestamp::parse("2026-01-02T00:00:00Z").ok();
    s.upsert_machine_actions(&[newer]).unwrap();
    let all = s.cached_machine_actions(ID, 10).unwrap();
    assert_eq!(
        all.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        ["b", "a"]
    );
    assert_eq!(all[1].status, ActionStatus::Succeeded);
    assert_eq!(s.cached_machine_actions(ID, 1).unwrap().len(), 1);
}

#[test]
fn a_send_is_logged_at_every_step_and_survives_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite3");
    let started = Timestamp::parse("2026-01-01T00:00:00Z").unwrap();
    let id = {
        let s = Store::open(&path).unwrap();
        let id = s.begin_send(&request(), started).unwrap();
        assert_eq!(s.send(id).unwrap().unwrap().state, SendState::Sending);
        assert_eq!(s.open_sends().unwrap().len(), 1, "a send in flight is open");
        id
    };
    // The program died mid-send: the next start finds the row.
    let s = Store::open(&path).unwrap();
    let open = s.open_sends().unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].started, started);
    assert_eq!(open[0].request, request());
    s.send_progress(id, &action("x", "Pending", "2026-01-01T00:00:00Z"))
        .unwrap();
    s.send_progress(id, &action("x", "InProgress", "2026-01-01T00:00:05Z"))
        .unwrap();
    assert_eq!(
        s.open_sends().unwrap().len(),
        1,
        "accepted but not final: still polled"
    );
    let done = s
        .send_progress(id, &action("x", "Succeeded", "2026-01-01T00:01:06Z"))
        .unwrap();
    assert!(done.is_settled());
    s.send_progress(id, &action("x", "Succeeded", "2026-01-01T00:01:06Z"))
        .unwrap();
    assert!(s.open_sends().unwrap().is_empty());
    let log = s.audit_log().unwrap();
    let steps: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(steps, ["action-send", "action-created", "action-final"]);
    assert_eq!(log[0].alert_ids, ["da1"]);
    assert!(log[0].detail.contains("\"type\":\"Isolate\"") && log[0].detail.contains(ID));
    assert!(
        log[2].detail.contains("\"status\":\"Succeeded\""),
        "{}",
        log[2].detail
    );
}

#[test]
fn a_failed_send_keeps_its_first_start_when_retried() {
    let s = Store::open_in_memory().unwrap();
    let started = Timestamp::parse("2026-01-01T00:00:00Z").unwrap();
    let id = s.begin_send(&request(), started).unwrap();
    let f = ActionFailure {
        kind: FailureKind::Lost,
        message: "the answer was lost and the action is not on the service".into(),
    };
    let failed = s.send_failed(id, &f).unwrap();
    assert!(failed.can_retry());
    assert_eq!(s.send(id).unwrap().unwrap().state, SendState::Failed(f));
    assert!(
        s.open_sends().unwrap().is_empty(),
        "a failure is not resent by itself"
    );
    let again = s.retry_send(id).unwrap();
    assert_eq!(again.state, SendState::Sending);
    assert_eq!(again.started, started);
    let forbidden = ActionFailure {
        kind: FailureKind::Forbidden {
            permission: Some("Machine.Isolate".into()),
        },
        message: "no".into(),
    };
    let f2 = s.send_failed(id, &forbidden).unwrap();
    assert!(!f2.can_retry());
    let other = s.begin_send(&request(), started).unwrap();
    let mine = s.sends_for(ID, 10).unwrap();
    assert_eq!(
        mine.iter().map(|x| x.send_id).collect::<Vec<_>>(),
        [other, id]
    );
    assert!(s.sends_for("nope", 10).unwrap().is_empty());
    let steps: Vec<String> = s
        .audit_log()
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        steps,
        [
            "action-send",
            "action-failed",
            "action-retry",
            "action-failed",
            "action-send"
        ]
    );
    assert!(s.retry_send(999).is_err());
}
