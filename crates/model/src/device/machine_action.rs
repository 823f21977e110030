//! The MachineAction entity: a response action queued on a device and its progress. Serialised in
//! the wire's key order with the wire's spellings; read with both documented spellings
//! (`lastUpdateDateTimeUtc`/`lastUpdateTimeUtc`, `externalId`/`externalID`), even both at once.

use super::enums::{ActionStatus, ActionType};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The file a stop-and-quarantine action is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RelatedFileInfo {
    /// The hash.
    #[serde(default, deserialize_with = "crate::lenient::string_or_null")]
    pub file_identifier: String,
    /// `Sha1`, `Sha256` or `Md5`.
    #[serde(default)]
    pub file_identifier_type: Option<String>,
}

/// One machine action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", from = "WireAction")]
pub struct MachineAction {
    /// GUID.
    pub id: String,
    /// What it does.
    #[serde(rename = "type")]
    pub action_type: ActionType,
    /// Title (usually null).
    pub title: Option<String>,
    /// Who asked: an app's display name, a GUID, or a user's UPN.
    pub requestor: Option<String>,
    /// The comment sent with the request.
    pub requestor_comment: Option<String>,
    /// Where it is in its lifecycle.
    pub status: ActionStatus,
    /// The device.
    pub machine_id: Option<String>,
    /// The device's name.
    pub computer_dns_name: Option<String>,
    /// When it was queued.
    pub creation_date_time_utc: Option<Timestamp>,
    /// Its last change.
    pub last_update_date_time_utc: Option<Timestamp>,
    /// Who cancelled it.
    pub cancellation_requestor: Option<String>,
    /// Why it was cancelled.
    pub cancellation_comment: Option<String>,
    /// When it was cancelled.
    pub cancellation_date_time_utc: Option<Timestamp>,
    /// The device's error code when it failed (0 otherwise).
    #[serde(rename = "errorHResult")]
    pub error_h_result: Option<i64>,
    /// `Full`/`Selective` (isolation), `Quick`/`Full` (scan); often null.
    pub scope: Option<String>,
    /// A caller-chosen id.
    pub external_id: Option<String>,
    /// `PublicApi`, `Portal`, …
    pub request_source: Option<String>,
    /// The file of a stop-and-quarantine action.
    pub related_file_info: Option<RelatedFileInfo>,
    /// Live-response commands (kept as JSON).
    pub commands: Vec<Value>,
    /// Diagnostic information (undocumented, kept as JSON).
    pub troubleshoot_info: Option<Value>,
}

impl MachineAction {
    /// The time that orders this action's outcome: its last update, else its creation.
    pub fn settled_at(&self) -> Option<Timestamp> {
        self.last_update_date_time_utc
            .or(self.creation_date_time_utc)
    }
}

/// What is read off the wire: every documented spelling, all optional.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireAction {
    #[serde(default, deserialize_with = "crate::lenient::string_or_null")]
    id: String,
    #[serde(default, rename = "type")]
    action_type: Option<ActionType>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    requestor: Option<String>,
    #[serde(default)]
    requestor_comment: Option<String>,
    #[serde(default)]
    status: Option<ActionStatus>,
    #[serde(default)]
    machine_id: Option<String>,
    #[serde(default)]
    computer_dns_name: Option<String>,
    #[serde(default, deserialize_with = "crate::lenient::opt_time")]
    creation_date_time_utc: Option<Timestamp>,
    #[serde(default, deserialize_with = "crate::lenient::opt_time")]
    last_update_date_time_utc: Option<Timestamp>,
    #[serde(default, deserialize_with = "crate::lenient::opt_time")]
    last_update_time_utc: Option<Timestamp>,
    #[serde(default)]
    cancellation_requestor: Option<String>,
    #[serde(default)]
    cancellation_comment: Option<String>,
    #[serde(default, deserialize_with = "crate::lenient::opt_time")]
    cancellation_date_time_utc: Option<Timestamp>,
    #[serde(
        default,
        rename = "errorHResult",
        deserialize_with = "crate::lenient::opt_i64"
    )]
    error_h_result: Option<i64>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    external_id: Option<String>,
    #[serde(default, rename = "externalID")]
    external_id_doc: Option<String>,
    #[serde(default)]
    request_source: Option<String>,
    #[serde(default)]
    related_file_info: Option<RelatedFileInfo>,
    #[serde(default, deserialize_with = "crate::lenient::null_default")]
    commands: Vec<Value>,
    #[serde(default)]
    troubleshoot_info: Option<Value>,
}

impl From<WireAction> for MachineAction {
    fn from(w: WireAction) -> Self {
        MachineAction {
            id: w.id,
            // A missing type or status is not a reason to lose the action: keep it as unknown.
            action_type: w
                .action_type
                .unwrap_or_else(|| ActionType::Unrecognized(String::new())),
            title: w.title,
            requestor: w.requestor,
            requestor_comment: w.requestor_comment,
            status: w
                .status
                .unwrap_or_else(|| ActionStatus::Unrecognized(String::new())),
            machine_id: w.machine_id,
            computer_dns_name: w.computer_dns_name,
            creation_date_time_utc: w.creation_date_time_utc,
            last_update_date_time_utc: w.last_update_date_time_utc.or(w.last_update_time_utc),
            cancellation_requestor: w.cancellation_requestor,
            cancellation_comment: w.cancellation_comment,
            cancellation_date_time_utc: w.cancellation_date_time_utc,
            error_h_result: w.error_h_result,
            scope: w.scope,
            external_id: w.external_id.or(w.external_id_doc),
            request_source: w.request_source,
            related_file_info: w.related_file_info,
            commands: w.commands,
            troubleshoot_info: w.troubleshoot_info,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 20-key shape of a real capture (SEKOIA fixture, 2024).
    const WIRE: &str = r#"{"@odata.context":"https://api.securitycenter.microsoft.com/api/$metadata#MachineActions/$entity",
     "id":"6b001073-5500-4205-8287-6f1184936f67","type":"Isolate","title":null,
     "requestor":"Integration MSGraph Security API","requestorComment":"New new comment",
     "status":"Pending","machineId":"1e5bc9d7e413ddd7902c2932e418702b84d0cc07","computerDnsName":"windows11",
     "creationDateTimeUtc":"2024-10-21T11:25:48.3308187Z","lastUpdateDateTimeUtc":"2024-10-21T11:25:48.330819Z",
     "cancellationRequestor":null,"cancellationComment":null,"cancellationDateTimeUtc":null,
     "errorHResult":0,"scope":null,"externalId":null,"requestSource":"PublicApi",
     "relatedFileInfo":null,"commands":[],"troubleshootInfo":null}"#;

    #[test]
    fn the_real_capture_round_trips_in_wire_order() {
        let a: MachineAction = serde_json::from_str(WIRE).unwrap();
        assert_eq!(a.action_type, ActionType::Isolate);
        assert_eq!(a.status, ActionStatus::Pending);
        assert_eq!(a.error_h_result, Some(0));
        assert_eq!(a.request_source.as_deref(), Some("PublicApi"));
        let out = serde_json::to_value(&a).unwrap();
        let keys: Vec<&str> = out
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys.len(), 20);
        assert_eq!(&keys[..3], ["id", "type", "title"]);
        assert_eq!(keys[9], "lastUpdateDateTimeUtc");
        assert_eq!(keys[13], "errorHResult");
        assert_eq!(keys[15], "externalId");
        assert_eq!(keys[19], "troubleshootInfo");
    }

    #[test]
    fn both_documented_spellings_are_read_even_together() {
        let doc = r#"{"id":"a","type":"RunAntiVirusScan","status":"Succeeded","scope":"Full",
            "lastUpdateTimeUtc":"2019-01-02T14:39:38.6304166Z","externalID":"ext-1",
            "relatedFileInfo":{"fileIdentifier":"da39a3ee5e6b4b0d3255bfef95601890afd80709","fileIdentifierType":"Sha1"}}"#;
        let a: MachineAction = serde_json::from_str(doc).unwrap();
        assert_eq!(
            a.last_update_date_time_utc,
            Timestamp::parse("2019-01-02T14:39:38.6304166Z").ok()
        );
        assert_eq!(a.external_id.as_deref(), Some("ext-1"));
        let both = r#"{"id":"b","type":"Isolate","status":"InProgress",
            "lastUpdateDateTimeUtc":"2024-01-01T00:00:01Z","lastUpdateTimeUtc":"2024-01-01T00:00:00Z",
            "externalId":"x","externalID":"y"}"#;
        let b: MachineAction = serde_json::from_str(both).unwrap();
        assert_eq!(
            b.last_update_date_time_utc,
            Timestamp::parse("2024-01-01T00:00:01Z").ok()
        );
        assert_eq!(b.external_id.as_deref(), Some("x"));
        let odd: MachineAction = serde_json::from_str(
            r#"{"id":"c","type":"Teleport","status":"Queued","errorHResult":"-2147024894"}"#,
        )
        .unwrap();
        assert_eq!(odd.action_type, ActionType::Unrecognized("Teleport".into()));
        assert_eq!(odd.status, ActionStatus::Unrecognized("Queued".into()));
        assert_eq!(odd.error_h_result, Some(-2147024894));
        let bare: MachineAction = serde_json::from_str(r#"{"id":"d"}"#).unwrap();
        assert!(!bare.action_type.is_known() && !bare.status.is_known());
    }
}
