//! The Graph `incident` resource (`/security/incidents`): alerts grouped into one attack, with
//! its own triage fields. `alerts` is present only with `$expand=alerts`.

use super::alert::GraphAlert;
use super::comment::GraphComment;
use super::enums::{IncidentStatus, de, ser};
use crate::enums::{Classification, Determination, Severity};
use crate::lenient;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// One incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Incident {
    /// Incident id (a string of digits).
    #[serde(deserialize_with = "id_string")]
    pub id: String,
    /// Link to the incident in the portal.
    #[serde(default)]
    pub incident_web_url: Option<String>,
    /// Tenant id.
    #[serde(default)]
    pub tenant_id: Option<String>,
    /// When merged into another incident: the surviving one (status `redirected`).
    #[serde(default, deserialize_with = "opt_id_string")]
    pub redirect_incident_id: Option<String>,
    /// Name.
    #[serde(default, deserialize_with = "lenient::string_or_null")]
    pub display_name: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// When it was created.
    #[serde(default, deserialize_with = "lenient::opt_time")]
    pub created_date_time: Option<Timestamp>,
    /// Last change.
    #[serde(default, deserialize_with = "lenient::opt_time")]
    pub last_update_date_time: Option<Timestamp>,
    /// Owner.
    #[serde(default)]
    pub assigned_to: Option<String>,
    /// Classification.
    #[serde(default, serialize_with = "ser::classification")]
    pub classification: Option<Classification>,
    /// Determination (any documented spelling read).
    #[serde(
        default,
        deserialize_with = "de::determination",
        serialize_with = "ser::determination"
    )]
    pub determination: Option<Determination>,
    /// Status.
    #[serde(default = "active", deserialize_with = "status_or_active")]
    pub status: IncidentStatus,
    /// Severity (the highest of its alerts).
    #[serde(
        default = "unknown_severity",
        deserialize_with = "de::severity",
        serialize_with = "ser::severity"
    )]
    pub severity: Severity,
    /// Tags set by analysts.
    #[serde(default, deserialize_with = "lenient::null_default")]
    pub custom_tags: Vec<String>,
    /// Tags set by the service.
    #[serde(default, deserialize_with = "lenient::null_default")]
    pub system_tags: Vec<String>,
    /// Comments, oldest first.
    #[serde(default, deserialize_with = "lenient::null_default")]
    pub comments: Vec<GraphComment>,
    /// Who changed it last.
    #[serde(default)]
    pub last_modified_by: Option<String>,
    /// The comment given when it was resolved.
    #[serde(default)]
    pub resolving_comment: Option<String>,
    /// Summary.
    #[serde(default)]
    pub summary: Option<String>,
    /// Priority (0–100).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub priority_score: Option<i64>,
    /// Its alerts, with `$expand=alerts`.
    #[serde(
        default,
        deserialize_with = "lenient_alerts",
        skip_serializing_if = "Option::is_none"
    )]
    pub alerts: Option<Vec<GraphAlert>>,
}

fn active() -> IncidentStatus {
    IncidentStatus::Active
}

fn unknown_severity() -> Severity {
    Severity::UnSpecified
}

fn status_or_active<'de, D: serde::Deserializer<'de>>(d: D) -> Result<IncidentStatus, D::Error> {
    Ok(Option::<IncidentStatus>::deserialize(d)?.unwrap_or(IncidentStatus::Active))
}

fn id_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(opt_id_string(d)?.unwrap_or_default())
}

/// Ids are strings on Graph, numbers on the XDR API; both are read.
fn opt_id_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

/// Expanded alerts, each parsed on its own: one bad alert is dropped, not the incident.
fn lenient_alerts<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<GraphAlert>>, D::Error> {
    Ok(
        Option::<Vec<serde_json::Value>>::deserialize(d)?.map(|items| {
            items
                .into_iter()
                .filter_map(|v| serde_json::from_value::<GraphAlert>(v).ok())
                .filter(|a| !a.id.is_empty())
                .collect()
        }),
    )
}

impl Incident {
    /// A minimal incident with the given id and name and everything else empty.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Incident {
            id: id.into(),
            incident_web_url: None,
            tenant_id: None,
            redirect_incident_id: None,
            display_name: name.into(),
            description: None,
            created_date_time: None,
            last_update_date_time: None,
            assigned_to: None,
            classification: None,
            determination: None,
            status: IncidentStatus::Active,
            severity: Severity::UnSpecified,
            custom_tags: Vec::new(),
            system_tags: Vec::new(),
            comments: Vec::new(),
            last_modified_by: None,
            resolving_comment: None,
            summary: None,
            priority_score: None,
            alerts: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_and_odd_shapes_parse() {
        let i: Incident = serde_json::from_str(
            r#"{"id":"2972395","incidentWebUrl":"https://security.microsoft.com/incidents/2972395?tid=x",
                "redirectIncidentId":null,"displayName":"Multi-stage incident","status":"inProgress",
                "severity":"high","classification":"truePositive","determination":"multiStagedAttack",
                "customTags":["Demo"],"systemTags":null,"comments":[{"comment":"x","createdBy":"a","createdTime":"2024-01-01T00:00:00Z"}],
                "createdDateTime":"2021-08-13T08:43:35.5533333Z","alerts":[{"id":"da1","title":"t","status":"new"},{"title":"no id"},5]}"#,
        )
        .unwrap();
        assert_eq!(i.status, IncidentStatus::InProgress);
        assert_eq!(i.severity, Severity::High);
        assert_eq!(i.determination, Some(Determination::MultiStagedAttack));
        assert_eq!(i.comments[0].created_by_display_name.as_deref(), Some("a"));
        assert_eq!(i.alerts.as_ref().map(Vec::len), Some(1));
        let xdr: Incident =
            serde_json::from_str(r#"{"id":437,"status":"Redirected","redirectIncidentId":440}"#)
                .unwrap();
        assert_eq!(xdr.id, "437");
        assert_eq!(xdr.redirect_incident_id.as_deref(), Some("440"));
        assert_eq!(xdr.status, IncidentStatus::Redirected);
        let wire = serde_json::to_value(&i).unwrap();
        assert_eq!(wire["status"], "inProgress");
        assert_eq!(wire["classification"], "truePositive");
    }
}
