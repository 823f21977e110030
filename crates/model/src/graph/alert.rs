//! The Graph `alert` resource (`/security/alerts_v2`): every Defender product's alerts, camelCase
//! enums, evidence always present and typed. Lenient like the MDE model: nulls where values are
//! promised, unknown members kept, unparseable times absent.

use super::comment::GraphComment;
use super::enums::{ServiceSource, de, ser};
use super::evidence::{GraphEvidence, lenient_list};
use crate::enums::{Classification, Determination, Severity, Status};
use crate::lenient;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// One alert as alerts_v2 sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GraphAlert {
    /// Alert id (for endpoint alerts, the MDE id).
    pub id: String,
    /// The id in the product that raised it.
    #[serde(default)]
    pub provider_alert_id: Option<String>,
    /// Incident id (a string of digits).
    #[serde(default, deserialize_with = "lenient_string")]
    pub incident_id: Option<String>,
    /// Status.
    #[serde(
        default = "unknown_status",
        deserialize_with = "de::status",
        serialize_with = "ser::status"
    )]
    pub status: Status,
    /// Severity.
    #[serde(
        default = "unknown_severity",
        deserialize_with = "de::severity",
        serialize_with = "ser::severity"
    )]
    pub severity: Severity,
    /// Classification, null until set.
    #[serde(default, serialize_with = "ser::classification")]
    pub classification: Option<Classification>,
    /// Determination, null until set (any documented spelling read).
    #[serde(
        default,
        deserialize_with = "de::determination",
        serialize_with = "ser::determination"
    )]
    pub determination: Option<Determination>,
    /// The product that raised it.
    #[serde(default)]
    pub service_source: Option<ServiceSource>,
    /// The detection technology (an open list: `antivirus`, `customTi`, …).
    #[serde(default)]
    pub detection_source: Option<String>,
    /// Product name as shown in the portal.
    #[serde(default)]
    pub product_name: Option<String>,
    /// Detector id.
    #[serde(default)]
    pub detector_id: Option<String>,
    /// Tenant id.
    #[serde(default)]
    pub tenant_id: Option<String>,
    /// Title.
    #[serde(default, deserialize_with = "lenient::string_or_null")]
    pub title: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Recommended actions (free text, may hold U+FFFD and tabs).
    #[serde(default)]
    pub recommended_actions: Option<String>,
    /// Category (ATT&CK tactic).
    #[serde(default)]
    pub category: Option<String>,
    /// Owner.
    #[serde(default)]
    pub assigned_to: Option<String>,
    /// Link to the alert in the portal.
    #[serde(default)]
    pub alert_web_url: Option<String>,
    /// Link to its incident in the portal.
    #[serde(default)]
    pub incident_web_url: Option<String>,
    /// Threat actor.
    #[serde(default)]
    pub actor_display_name: Option<String>,
    /// Threat name.
    #[serde(default)]
    pub threat_display_name: Option<String>,
    /// Threat family.
    #[serde(default)]
    pub threat_family_name: Option<String>,
    /// ATT&CK technique ids.
    #[serde(default, deserialize_with = "lenient::null_default")]
    pub mitre_techniques: Vec<String>,
    /// When it was created.
    #[serde(default, deserialize_with = "lenient::opt_time")]
    pub created_date_time: Option<Timestamp>,
    /// Last change.
    #[serde(default, deserialize_with = "lenient::opt_time")]
    pub last_update_date_time: Option<Timestamp>,
    /// When it was resolved.
    #[serde(default, deserialize_with = "lenient::opt_time")]
    pub resolved_date_time: Option<Timestamp>,
    /// First activity.
    #[serde(default, deserialize_with = "lenient::opt_time")]
    pub first_activity_date_time: Option<Timestamp>,
    /// Last activity.
    #[serde(default, deserialize_with = "lenient::opt_time")]
    pub last_activity_date_time: Option<Timestamp>,
    /// Comments, oldest first.
    #[serde(default, deserialize_with = "lenient::null_default")]
    pub comments: Vec<GraphComment>,
    /// Evidence.
    #[serde(default, deserialize_with = "lenient_list")]
    pub evidence: Vec<GraphEvidence>,
    /// System tags (`Defender Experts`, …).
    #[serde(default, deserialize_with = "lenient::null_default")]
    pub system_tags: Vec<String>,
}

fn unknown_status() -> Status {
    Status::Unknown
}

fn unknown_severity() -> Severity {
    Severity::UnSpecified
}

/// A string, or a number sent where a string is documented (`incidentId`).
fn lenient_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

impl GraphAlert {
    /// A minimal alert with the given id and title and everything else empty.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        GraphAlert {
            id: id.into(),
            provider_alert_id: None,
            incident_id: None,
            status: Status::New,
            severity: Severity::UnSpecified,
            classification: None,
            determination: None,
            service_source: None,
            detection_source: None,
            product_name: None,
            detector_id: None,
            tenant_id: None,
            title: title.into(),
            description: None,
            recommended_actions: None,
            category: None,
            assigned_to: None,
            alert_web_url: None,
            incident_web_url: None,
            actor_display_name: None,
            threat_display_name: None,
            threat_family_name: None,
            mitre_techniques: Vec::new(),
            created_date_time: None,
            last_update_date_time: None,
            resolved_date_time: None,
            first_activity_date_time: None,
            last_activity_date_time: None,
            comments: Vec::new(),
            evidence: Vec::new(),
            system_tags: Vec::new(),
        }
    }
}
