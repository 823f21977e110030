//! Devices for the device tests (update and snapshots): a machine in the service's wire shape,
//! its machine actions, the context the sync task sends, and our sends.

use mde_model::Timestamp;
use mde_model::device::{
    ActionRequest, ActionSend, ActionStatus, DeviceContext, Machine, MachineAction, ResponseAction,
    SendState, derive_state,
};
use serde_json::json;

/// Every role the response actions and indicators need.
pub const ALL_ROLES: &[&str] = &[
    "Machine.Read.All",
    "Machine.Isolate",
    "Machine.Scan",
    "Machine.RestrictExecution",
    "Machine.CollectForensics",
    "Machine.StopAndQuarantine",
    "Ti.ReadWrite",
    "Machine.ReadWrite.All",
];

/// A Windows workstation as `/api/machines/{id}` sends it, last seen `seen`.
pub fn machine(id: &str, name: &str, seen: Timestamp) -> Machine {
    serde_json::from_value(json!({
        "id": id,
        "computerDnsName": name,
        "firstSeen": "2025-03-01T08:00:00Z",
        "lastSeen": seen.to_string(),
        "osPlatform": "Windows11",
        "version": "23H2",
        "osBuild": 22631,
        "osArchitecture": "64-bit",
        "lastIpAddress": "10.1.4.22",
        "lastExternalIpAddress": "203.0.113.9",
        "healthStatus": "Active",
        "deviceValue": "Normal",
        "rbacGroupId": 7,
        "rbacGroupName": "Finance workstations",
        "riskScore": "High",
        "exposureLevel": "Medium",
        "isAadJoined": true,
        "aadDeviceId": "80fe8ff8-2624-418e-9591-41f0491218f9",
        "machineTags": ["VIP", "Finance"],
        "defenderAvStatus": "Updated",
        "onboardingStatus": "Onboarded",
        "managedBy": "Intune",
        "managedByStatus": "Success",
        "ipAddresses": [
            {"ipAddress": "10.1.4.22", "macAddress": "00155D0A1B2C", "type": "Ethernet", "operationalStatus": "Up"},
            {"ipAddress": "127.0.0.1", "macAddress": null, "type": "SoftwareLoopback", "operationalStatus": "Up"}
        ]
    }))
    .expect("a machine")
}

/// A machine action on `machine_id`, queued and last changed at the two times.
pub fn action(
    id: &str,
    machine_id: &str,
    kind: &str,
    status: &str,
    scope: Option<&str>,
    (created, updated): (Timestamp, Timestamp),
    requestor: &str,
) -> MachineAction {
    serde_json::from_value(json!({
        "id": id, "type": kind, "status": status, "scope": scope,
        "machineId": machine_id, "requestor": requestor,
        "requestorComment": format!("{kind} by {requestor}"),
        "creationDateTimeUtc": created.to_string(),
        "lastUpdateDateTimeUtc": updated.to_string(),
        "errorHResult": 0, "requestSource": "PublicApi", "commands": []
    }))
    .expect("an action")
}

/// The context the sync task sends for `machine` with `actions` (newest first).
pub fn context(
    machine: Machine,
    actions: Vec<MachineAction>,
    granted: Option<&[&str]>,
) -> DeviceContext {
    DeviceContext {
        state: derive_state(&actions),
        machine,
        actions,
        sends: Vec::new(),
        fetched_at: None,
        from_cache: false,
        granted: granted.map(|g| g.iter().map(|r| r.to_string()).collect()),
    }
}

/// One of our sends of `action` to `machine_id`, in `state`.
pub fn send(
    send_id: i64,
    machine_id: &str,
    name: &str,
    action: ResponseAction,
    state: SendState,
    started: Timestamp,
) -> ActionSend {
    ActionSend {
        send_id,
        request: ActionRequest {
            machine_id: machine_id.into(),
            device_name: Some(name.into()),
            action,
            comment: "why".into(),
            alert_id: None,
        },
        started,
        state,
    }
}

/// `SendState::Accepted` with this action and status.
pub fn accepted(action_id: &str, status: ActionStatus) -> SendState {
    SendState::Accepted {
        action_id: action_id.into(),
        status,
    }
}
