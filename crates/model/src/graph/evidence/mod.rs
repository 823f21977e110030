//! Graph alert evidence: polymorphic by `@odata.type` (`#microsoft.graph.security.processEvidence`
//! …). The common fields are read for every item; the type-specific ones into one struct per
//! type. An unknown type, or a known one whose fields do not parse, is kept as `Other` with its
//! JSON, never an error for the alert.

use super::enums::{EvidenceRole, RemediationStatus, Verdict};
use crate::time::Timestamp;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

mod kinds;
pub use kinds::*;

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
mod tests;
