//! Graph alert evidence: polymorphic by `@odata.type` (`#microsoft.graph.security.processEvidence`
//! …). The common fields are read for every item; the type-specific ones into one struct per
//! type. An unknown type, or a known one whose fields do not parse, is kept as `Other` with its
//! JSON, never an error for the alert.

use super::enums::{EvidenceRole, RemediationStatus, Verdict};
use crate::enums::DetectionStatus;
use crate::lenient;
use crate::time::Timestamp;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// The namespace every evidence type name starts with.
pub const TYPE_PREFIX: &str = "#microsoft.graph.security.";

/// One evidence item.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphEvidence {
    /// `createdDateTime`.
    pub created: Option<Timestamp>,
    /// `verdict`.
    pub verdict: Option<Verdict>,
    /// `remediationStatus`.
    pub remediation_status: Option<RemediationStatus>,
    /// `remediationStatusDetails`.
    pub remediation_status_details: Option<String>,
    /// `roles`.
    pub roles: Vec<EvidenceRole>,
    /// `detailedRoles` (free text).
    pub detailed_roles: Vec<String>,
    /// `tags`.
    pub tags: Vec<String>,
    /// The type-specific part.
    pub detail: EvidenceDetail,
}

/// The type-specific part of an evidence item.
#[derive(Debug, Clone, PartialEq)]
pub enum EvidenceDetail {
    /// `deviceEvidence`.
    Device(DeviceEvidence),
    /// `fileEvidence`.
    File(FileEvidence),
    /// `processEvidence`.
    Process(ProcessEvidence),
    /// `userEvidence`.
    User(UserEvidence),
    /// `ipEvidence`.
    Ip(IpEvidence),
    /// `urlEvidence`.
    Url(UrlEvidence),
    /// `registryKeyEvidence`.
    RegistryKey(RegistryKeyEvidence),
    /// `registryValueEvidence`.
    RegistryValue(RegistryValueEvidence),
    /// `mailboxEvidence`.
    Mailbox(MailboxEvidence),
    /// `analyzedMessageEvidence` (an email).
    AnalyzedMessage(AnalyzedMessageEvidence),
    /// `cloudApplicationEvidence`.
    CloudApplication(CloudApplicationEvidence),
    /// `oauthApplicationEvidence`.
    OAuthApplication(OAuthApplicationEvidence),
    /// `azureResourceEvidence`.
    AzureResource(AzureResourceEvidence),
    /// Any other type: its name (without the namespace) and its own fields as received.
    Other {
        /// The type name, e.g. `kubernetesPodEvidence`.
        type_name: String,
        /// The type-specific fields.
        fields: Map<String, Value>,
    },
}

/// A logged-on user of a device.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedOnUser {
    /// Account name.
    #[serde(default)]
    pub account_name: Option<String>,
    /// Domain.
    #[serde(default)]
    pub domain_name: Option<String>,
}

/// `deviceEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceEvidence {
    /// The 40-hex MDE device id (the hunting tables' `DeviceId`).
    #[serde(default)]
    pub mde_device_id: Option<String>,
    /// Entra device id.
    #[serde(default)]
    pub azure_ad_device_id: Option<String>,
    /// DNS name.
    #[serde(default)]
    pub device_dns_name: Option<String>,
    /// OS platform (`Windows11`, `WindowsServer2022`, …).
    #[serde(default)]
    pub os_platform: Option<String>,
    /// OS build.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub os_build: Option<i64>,
    /// `active`, `inactive`, …
    #[serde(default)]
    pub health_status: Option<String>,
    /// `none`, `informational`, `low`, `medium`, `high`.
    #[serde(default)]
    pub risk_score: Option<String>,
    /// Device group id.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub rbac_group_id: Option<i64>,
    /// Device group name.
    #[serde(default)]
    pub rbac_group_name: Option<String>,
    /// `onboarded`, …
    #[serde(default)]
    pub onboarding_status: Option<String>,
    /// `updated`, `outdated`, …
    #[serde(default)]
    pub defender_av_status: Option<String>,
    /// First seen.
    #[serde(default, deserialize_with = "lenient::opt_time")]
    pub first_seen_date_time: Option<Timestamp>,
    /// Users logged on.
    #[serde(default, deserialize_with = "lenient::null_default")]
    pub logged_on_users: Vec<LoggedOnUser>,
}

/// `fileDetails`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileDetails {
    /// SHA-1.
    #[serde(default)]
    pub sha1: Option<String>,
    /// SHA-256.
    #[serde(default)]
    pub sha256: Option<String>,
    /// File name.
    #[serde(default)]
    pub file_name: Option<String>,
    /// Folder.
    #[serde(default)]
    pub file_path: Option<String>,
    /// Size in bytes.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub file_size: Option<i64>,
    /// Publisher.
    #[serde(default)]
    pub file_publisher: Option<String>,
    /// Signer.
    #[serde(default)]
    pub signer: Option<String>,
    /// Issuer.
    #[serde(default)]
    pub issuer: Option<String>,
}

/// `fileEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileEvidence {
    /// The file.
    #[serde(default)]
    pub file_details: Option<FileDetails>,
    /// `detected`, `blocked`, `prevented`.
    #[serde(default)]
    pub detection_status: Option<DetectionStatus>,
    /// Device it was seen on.
    #[serde(default)]
    pub mde_device_id: Option<String>,
}

/// `userAccount`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserAccount {
    /// SAM name.
    #[serde(default)]
    pub account_name: Option<String>,
    /// Domain.
    #[serde(default)]
    pub domain_name: Option<String>,
    /// SID.
    #[serde(default)]
    pub user_sid: Option<String>,
    /// Entra object id.
    #[serde(default)]
    pub azure_ad_user_id: Option<String>,
    /// UPN.
    #[serde(default)]
    pub user_principal_name: Option<String>,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
}

/// `processEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProcessEvidence {
    /// Process id.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub process_id: Option<i64>,
    /// Parent process id.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub parent_process_id: Option<i64>,
    /// Command line.
    #[serde(default)]
    pub process_command_line: Option<String>,
    /// When it started.
    #[serde(default, deserialize_with = "lenient::opt_time")]
    pub process_creation_date_time: Option<Timestamp>,
    /// When its parent started.
    #[serde(default, deserialize_with = "lenient::opt_time")]
    pub parent_process_creation_date_time: Option<Timestamp>,
    /// Its image.
    #[serde(default)]
    pub image_file: Option<FileDetails>,
    /// Its parent's image.
    #[serde(default)]
    pub parent_process_image_file: Option<FileDetails>,
    /// The account it ran as.
    #[serde(default)]
    pub user_account: Option<UserAccount>,
    /// `detected`, `blocked`, `prevented`.
    #[serde(default)]
    pub detection_status: Option<DetectionStatus>,
    /// Device it ran on.
    #[serde(default)]
    pub mde_device_id: Option<String>,
}

/// `userEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserEvidence {
    /// The account.
    #[serde(default)]
    pub user_account: Option<UserAccount>,
}

/// `ipEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IpEvidence {
    /// The address.
    #[serde(default)]
    pub ip_address: Option<String>,
    /// Two-letter country code.
    #[serde(default)]
    pub country_letter_code: Option<String>,
}

/// `urlEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UrlEvidence {
    /// The URL.
    #[serde(default)]
    pub url: Option<String>,
}

/// `registryKeyEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistryKeyEvidence {
    /// Key path.
    #[serde(default)]
    pub registry_key: Option<String>,
    /// Hive.
    #[serde(default)]
    pub registry_hive: Option<String>,
}

/// `registryValueEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistryValueEvidence {
    /// Key path.
    #[serde(default)]
    pub registry_key: Option<String>,
    /// Hive.
    #[serde(default)]
    pub registry_hive: Option<String>,
    /// Value name.
    #[serde(default)]
    pub registry_value_name: Option<String>,
    /// Value type.
    #[serde(default)]
    pub registry_value_type: Option<String>,
    /// Value data.
    #[serde(default)]
    pub registry_value: Option<String>,
    /// Device.
    #[serde(default)]
    pub mde_device_id: Option<String>,
}

/// `mailboxEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MailboxEvidence {
    /// Primary SMTP address.
    #[serde(default)]
    pub primary_address: Option<String>,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// The owner's account.
    #[serde(default)]
    pub user_account: Option<UserAccount>,
}

/// A sender of an email (`p1Sender`: envelope, `p2Sender`: header From).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmailSender {
    /// Address.
    #[serde(default)]
    pub email_address: Option<String>,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Domain.
    #[serde(default)]
    pub domain_name: Option<String>,
}

/// `analyzedMessageEvidence`: an email Defender for Office 365 analysed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalyzedMessageEvidence {
    /// Exchange's message id (the hunting tables' `NetworkMessageId`).
    #[serde(default)]
    pub network_message_id: Option<String>,
    /// `Message-ID` header.
    #[serde(default)]
    pub internet_message_id: Option<String>,
    /// Subject (attacker-controlled).
    #[serde(default)]
    pub subject: Option<String>,
    /// Language.
    #[serde(default)]
    pub language: Option<String>,
    /// Sending IP.
    #[serde(default)]
    pub sender_ip: Option<String>,
    /// Recipient.
    #[serde(default)]
    pub recipient_email_address: Option<String>,
    /// `inbound`, `outbound`, `intraorg`.
    #[serde(default)]
    pub anti_spam_direction: Option<String>,
    /// `delivered`, `blocked`, `replaced`, …
    #[serde(default)]
    pub delivery_action: Option<String>,
    /// `inbox`, `junkFolder`, `quarantine`, …
    #[serde(default)]
    pub delivery_location: Option<String>,
    /// Number of URLs in the message.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub url_count: Option<i64>,
    /// Number of attachments.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub attachments_count: Option<i64>,
    /// When it arrived.
    #[serde(default, deserialize_with = "lenient::opt_time")]
    pub received_date_time: Option<Timestamp>,
    /// Envelope sender.
    #[serde(default)]
    pub p1_sender: Option<EmailSender>,
    /// Header sender.
    #[serde(default)]
    pub p2_sender: Option<EmailSender>,
    /// Threats found (`Phish`, `Malware`, …).
    #[serde(default, deserialize_with = "lenient::null_default")]
    pub threats: Vec<String>,
    /// URLs in the message.
    #[serde(default, deserialize_with = "lenient::null_default")]
    pub urls: Vec<String>,
}

/// `cloudApplicationEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CloudApplicationEvidence {
    /// Defender for Cloud Apps app id.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub app_id: Option<i64>,
    /// Name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Instance name.
    #[serde(default)]
    pub instance_name: Option<String>,
    /// SaaS app id.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub saas_app_id: Option<i64>,
}

/// `oauthApplicationEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthApplicationEvidence {
    /// Application id.
    #[serde(default)]
    pub app_id: Option<String>,
    /// Name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Service principal object id.
    #[serde(default)]
    pub object_id: Option<String>,
    /// Publisher.
    #[serde(default)]
    pub publisher: Option<String>,
}

/// `azureResourceEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AzureResourceEvidence {
    /// ARM id.
    #[serde(default)]
    pub resource_id: Option<String>,
    /// Name.
    #[serde(default)]
    pub resource_name: Option<String>,
    /// Type (`Microsoft.Storage/storageAccounts`).
    #[serde(default)]
    pub resource_type: Option<String>,
}

/// The keys every evidence type shares.
const COMMON: &[&str] = &[
    "@odata.type",
    "createdDateTime",
    "verdict",
    "remediationStatus",
    "remediationStatusDetails",
    "roles",
    "detailedRoles",
    "tags",
];

impl EvidenceDetail {
    /// The type name without the namespace (`processEvidence`).
    pub fn type_name(&self) -> &str {
        match self {
            EvidenceDetail::Device(_) => "deviceEvidence",
            EvidenceDetail::File(_) => "fileEvidence",
            EvidenceDetail::Process(_) => "processEvidence",
            EvidenceDetail::User(_) => "userEvidence",
            EvidenceDetail::Ip(_) => "ipEvidence",
            EvidenceDetail::Url(_) => "urlEvidence",
            EvidenceDetail::RegistryKey(_) => "registryKeyEvidence",
            EvidenceDetail::RegistryValue(_) => "registryValueEvidence",
            EvidenceDetail::Mailbox(_) => "mailboxEvidence",
            EvidenceDetail::AnalyzedMessage(_) => "analyzedMessageEvidence",
            EvidenceDetail::CloudApplication(_) => "cloudApplicationEvidence",
            EvidenceDetail::OAuthApplication(_) => "oauthApplicationEvidence",
            EvidenceDetail::AzureResource(_) => "azureResourceEvidence",
            EvidenceDetail::Other { type_name, .. } => type_name,
        }
    }

    /// Reads the type-specific part of an item of type `type_name` from its fields.
    fn read(type_name: &str, fields: Map<String, Value>) -> EvidenceDetail {
        fn typed<T: serde::de::DeserializeOwned>(
            fields: &Map<String, Value>,
            wrap: fn(T) -> EvidenceDetail,
        ) -> Option<EvidenceDetail> {
            serde_json::from_value::<T>(Value::Object(fields.clone()))
                .ok()
                .map(wrap)
        }
        let known = match type_name {
            "deviceEvidence" => typed(&fields, EvidenceDetail::Device),
            "fileEvidence" => typed(&fields, EvidenceDetail::File),
            "processEvidence" => typed(&fields, EvidenceDetail::Process),
            "userEvidence" => typed(&fields, EvidenceDetail::User),
            "ipEvidence" => typed(&fields, EvidenceDetail::Ip),
            "urlEvidence" => typed(&fields, EvidenceDetail::Url),
            "registryKeyEvidence" => typed(&fields, EvidenceDetail::RegistryKey),
            "registryValueEvidence" => typed(&fields, EvidenceDetail::RegistryValue),
            "mailboxEvidence" => typed(&fields, EvidenceDetail::Mailbox),
            "analyzedMessageEvidence" => typed(&fields, EvidenceDetail::AnalyzedMessage),
            "cloudApplicationEvidence" => typed(&fields, EvidenceDetail::CloudApplication),
            "oauthApplicationEvidence" => typed(&fields, EvidenceDetail::OAuthApplication),
            "azureResourceEvidence" => typed(&fields, EvidenceDetail::AzureResource),
            _ => None,
        };
        known.unwrap_or_else(|| EvidenceDetail::Other {
            type_name: type_name.to_string(),
            fields,
        })
    }

    /// The type-specific fields as JSON.
    fn fields(&self) -> Map<String, Value> {
        fn obj<T: Serialize>(v: &T) -> Map<String, Value> {
            match serde_json::to_value(v) {
                Ok(Value::Object(m)) => m,
                _ => Map::new(),
            }
        }
        match self {
            EvidenceDetail::Device(v) => obj(v),
            EvidenceDetail::File(v) => obj(v),
            EvidenceDetail::Process(v) => obj(v),
            EvidenceDetail::User(v) => obj(v),
            EvidenceDetail::Ip(v) => obj(v),
            EvidenceDetail::Url(v) => obj(v),
            EvidenceDetail::RegistryKey(v) => obj(v),
            EvidenceDetail::RegistryValue(v) => obj(v),
            EvidenceDetail::Mailbox(v) => obj(v),
            EvidenceDetail::AnalyzedMessage(v) => obj(v),
            EvidenceDetail::CloudApplication(v) => obj(v),
            EvidenceDetail::OAuthApplication(v) => obj(v),
            EvidenceDetail::AzureResource(v) => obj(v),
            EvidenceDetail::Other { fields, .. } => fields.clone(),
        }
    }
}

impl GraphEvidence {
    /// An item with the given detail and no common fields set.
    pub fn new(detail: EvidenceDetail) -> Self {
        GraphEvidence {
            created: None,
            verdict: None,
            remediation_status: None,
            remediation_status_details: None,
            roles: Vec::new(),
            detailed_roles: Vec::new(),
            tags: Vec::new(),
            detail,
        }
    }

    /// The full `@odata.type` value.
    pub fn odata_type(&self) -> String {
        format!("{TYPE_PREFIX}{}", self.detail.type_name())
    }

    /// Reads one item from its JSON object.
    pub fn from_map(mut m: Map<String, Value>) -> Result<Self, String> {
        let ty = match m.get("@odata.type") {
            Some(Value::String(s)) => s.clone(),
            _ => return Err("evidence item without @odata.type".into()),
        };
        let short = ty
            .trim_start_matches('#')
            .trim_start_matches("microsoft.graph.security.")
            .to_string();
        let text =
            |m: &Map<String, Value>, k: &str| m.get(k).and_then(Value::as_str).map(str::to_string);
        let list = |m: &Map<String, Value>, k: &str| -> Vec<String> {
            m.get(k)
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default()
        };
        let created = text(&m, "createdDateTime").and_then(|s| Timestamp::parse(&s).ok());
        let verdict = text(&m, "verdict").map(|s| Verdict::parse(&s));
        let remediation_status =
            text(&m, "remediationStatus").map(|s| RemediationStatus::parse(&s));
        let remediation_status_details = text(&m, "remediationStatusDetails");
        let roles = list(&m, "roles")
            .iter()
            .map(|r| EvidenceRole::parse(r))
            .collect();
        let detailed_roles = list(&m, "detailedRoles");
        let tags = list(&m, "tags");
        for k in COMMON {
            m.remove(*k);
        }
        Ok(GraphEvidence {
            created,
            verdict,
            remediation_status,
            remediation_status_details,
            roles,
            detailed_roles,
            tags,
            detail: EvidenceDetail::read(&short, m),
        })
    }

    /// The item as its JSON object (common fields first, as the service writes them).
    pub fn to_map(&self) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("@odata.type".into(), self.odata_type().into());
        m.insert(
            "createdDateTime".into(),
            self.created
                .map(|t| Value::from(t.to_wire()))
                .unwrap_or(Value::Null),
        );
        m.insert(
            "verdict".into(),
            self.verdict
                .as_ref()
                .map_or(Value::Null, |v| v.as_str().into()),
        );
        m.insert(
            "remediationStatus".into(),
            self.remediation_status
                .as_ref()
                .map_or(Value::Null, |v| v.as_str().into()),
        );
        m.insert(
            "remediationStatusDetails".into(),
            self.remediation_status_details
                .clone()
                .map_or(Value::Null, Value::from),
        );
        m.insert(
            "roles".into(),
            self.roles
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .into(),
        );
        m.insert("detailedRoles".into(), self.detailed_roles.clone().into());
        m.insert("tags".into(), self.tags.clone().into());
        m.extend(self.detail.fields());
        m
    }
}

impl Serialize for GraphEvidence {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_map().serialize(s)
    }
}

impl<'de> Deserialize<'de> for GraphEvidence {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let m = Map::<String, Value>::deserialize(d)?;
        GraphEvidence::from_map(m).map_err(D::Error::custom)
    }
}

/// Reads an evidence list leniently: items that are not objects or lack a type are dropped.
pub fn lenient_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<GraphEvidence>, D::Error> {
    let items = Option::<Vec<Value>>::deserialize(d)?.unwrap_or_default();
    Ok(items
        .into_iter()
        .filter_map(|v| match v {
            Value::Object(m) => GraphEvidence::from_map(m).ok(),
            _ => None,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_items_round_trip_and_unknown_types_are_kept() {
        let json = r##"[
          {"@odata.type":"#microsoft.graph.security.processEvidence","createdDateTime":"2024-01-01T00:00:00.1234567Z",
           "verdict":"malicious","remediationStatus":"prevented","roles":["attacker","futureRole"],"tags":[],
           "processId":4520,"parentProcessId":"3008","processCommandLine":"powershell -enc AAA",
           "imageFile":{"fileName":"powershell.exe","filePath":"C:\\Windows","sha1":"ab"},"detectionStatus":"Blocked"},
          {"@odata.type":"#microsoft.graph.security.kubernetesPodEvidence","name":"pod-1","labels":{"a":"b"}},
          {"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"203.0.113.9","verdict":null},
          {"no":"type"}, 7
        ]"##;
        #[derive(Deserialize)]
        struct W(#[serde(deserialize_with = "lenient_list")] Vec<GraphEvidence>);
        let W(items) = serde_json::from_str(json).unwrap();
        assert_eq!(items.len(), 3);
        let EvidenceDetail::Process(p) = &items[0].detail else {
            panic!("{:?}", items[0])
        };
        assert_eq!(p.process_id, Some(4520));
        assert_eq!(p.parent_process_id, Some(3008));
        assert_eq!(p.detection_status, Some(DetectionStatus::Blocked));
        assert_eq!(items[0].verdict, Some(Verdict::Malicious));
        assert_eq!(
            items[0].roles[1],
            EvidenceRole::Unrecognized("futureRole".into())
        );
        assert!(
            matches!(&items[1].detail, EvidenceDetail::Other { type_name, fields }
            if type_name == "kubernetesPodEvidence" && fields["name"] == "pod-1")
        );
        // Written back, the items parse to the same values.
        let again: Vec<GraphEvidence> = items
            .iter()
            .map(|e| serde_json::from_value(serde_json::to_value(e).unwrap()).unwrap())
            .collect();
        assert_eq!(again, items);
        assert_eq!(
            items[2].odata_type(),
            "#microsoft.graph.security.ipEvidence"
        );
    }

    #[test]
    fn a_known_type_with_bad_fields_falls_back_to_other() {
        let m: Map<String, Value> = serde_json::from_str(
            r##"{"@odata.type":"#microsoft.graph.security.urlEvidence","url":{"not":"a string"}}"##,
        )
        .unwrap();
        let e = GraphEvidence::from_map(m).unwrap();
        assert!(matches!(e.detail, EvidenceDetail::Other { .. }));
    }
}
