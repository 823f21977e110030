//! The Alert entity as `/api/alerts` sends it.

use super::comment::Comment;
use super::enums::{Classification, Determination, InvestigationState, Severity, Status};
use super::evidence::Evidence;
use super::time::Timestamp;
use serde::{Deserialize, Serialize};

/// `relatedUser`: an object on the wire although the docs' table says string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RelatedUser {
    /// Account name.
    #[serde(default)]
    pub user_name: Option<String>,
    /// Domain.
    #[serde(default)]
    pub domain_name: Option<String>,
}

/// One of `loggedOnUsers` (undocumented, seen in real responses).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedOnUser {
    /// Account name.
    #[serde(default)]
    pub account_name: Option<String>,
    /// Domain.
    #[serde(default)]
    pub domain_name: Option<String>,
}

/// An MDE alert. Every nullable property is an `Option`; every list tolerates `null`. `E` is
/// the evidence's type: owned, or [`EvidenceView`](super::evidence::EvidenceView) while a
/// sync reads a page straight into rows (scale issue).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    rename_all = "camelCase",
    bound(deserialize = "E: Deserialize<'de>", serialize = "E: Serialize")
)]
pub struct Alert<E = Evidence> {
    /// Opaque alert id (`da…`, `ar…`, legacy numeric forms).
    pub id: String,
    /// Incident the alert belongs to.
    #[serde(default, deserialize_with = "super::lenient::opt_i64")]
    pub incident_id: Option<i64>,
    /// Automated investigation id.
    #[serde(default, deserialize_with = "super::lenient::opt_i64")]
    pub investigation_id: Option<i64>,
    /// Owner (UPN or free text such as "API Action").
    #[serde(default)]
    pub assigned_to: Option<String>,
    /// Severity.
    #[serde(default = "unspecified", deserialize_with = "severity_or_unspecified")]
    pub severity: Severity,
    /// Status.
    #[serde(default = "unknown_status", deserialize_with = "status_or_unknown")]
    pub status: Status,
    /// Classification, null until set.
    #[serde(default)]
    pub classification: Option<Classification>,
    /// Determination, null until set.
    #[serde(default)]
    pub determination: Option<Determination>,
    /// Automated investigation state.
    #[serde(default)]
    pub investigation_state: Option<InvestigationState>,
    /// Detection source (an open set: WindowsDefenderAtp, WindowsDefenderAv, …).
    #[serde(default)]
    pub detection_source: Option<String>,
    /// Detector GUID.
    #[serde(default)]
    pub detector_id: Option<String>,
    /// Category (an open set following ATT&CK tactics; legacy names remain).
    #[serde(default)]
    pub category: Option<String>,
    /// Threat family.
    #[serde(default)]
    pub threat_family_name: Option<String>,
    /// Title.
    #[serde(default, deserialize_with = "super::lenient::string_or_null")]
    pub title: String,
    /// Description (may hold newlines and odd Unicode).
    #[serde(default)]
    pub description: Option<String>,
    /// When the alert was created.
    #[serde(default, deserialize_with = "super::lenient::opt_time")]
    pub alert_creation_time: Option<Timestamp>,
    /// First event on the device.
    #[serde(default, deserialize_with = "super::lenient::opt_time")]
    pub first_event_time: Option<Timestamp>,
    /// Last event on the device.
    #[serde(default, deserialize_with = "super::lenient::opt_time")]
    pub last_event_time: Option<Timestamp>,
    /// Last change to the alert.
    #[serde(default, deserialize_with = "super::lenient::opt_time")]
    pub last_update_time: Option<Timestamp>,
    /// When it was resolved.
    #[serde(default, deserialize_with = "super::lenient::opt_time")]
    pub resolved_time: Option<Timestamp>,
    /// 40-hex device id.
    #[serde(default)]
    pub machine_id: Option<String>,
    /// Device name.
    #[serde(default)]
    pub computer_dns_name: Option<String>,
    /// Device group.
    #[serde(default)]
    pub rbac_group_name: Option<String>,
    /// Tenant GUID.
    #[serde(default)]
    pub aad_tenant_id: Option<String>,
    /// Threat name.
    #[serde(default)]
    pub threat_name: Option<String>,
    /// ATT&CK technique ids.
    #[serde(default, deserialize_with = "super::lenient::null_default")]
    pub mitre_techniques: Vec<String>,
    /// The user the alert is about.
    #[serde(default)]
    pub related_user: Option<RelatedUser>,
    /// Users logged on at the time.
    #[serde(default, deserialize_with = "super::lenient::null_default")]
    pub logged_on_users: Vec<LoggedOnUser>,
    /// Comments, oldest first.
    #[serde(default, deserialize_with = "super::lenient::null_default")]
    pub comments: Vec<Comment>,
    /// Evidence (`[]` unless expanded).
    #[serde(default, deserialize_with = "super::lenient::null_default")]
    pub evidence: Vec<E>,
    /// Domains (undocumented; shape not known, kept as JSON).
    #[serde(default, deserialize_with = "super::lenient::null_default")]
    pub domains: Vec<serde_json::Value>,
    /// The Defender product that raised it: set for alerts read through Graph (alerts_v2),
    /// absent on the MDE API (and then not written, so MDE JSON stays as the service sends it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_source: Option<super::graph::ServiceSource>,
}

fn unspecified() -> Severity {
    Severity::UnSpecified
}

fn unknown_status() -> Status {
    Status::Unknown
}

fn severity_or_unspecified<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Severity, D::Error> {
    Ok(Option::<Severity>::deserialize(d)?.unwrap_or(Severity::UnSpecified))
}

fn status_or_unknown<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Status, D::Error> {
    Ok(Option::<Status>::deserialize(d)?.unwrap_or(Status::Unknown))
}

impl Alert {
    /// A minimal alert with the given id and title and everything else empty.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        Alert {
            id: id.into(),
            status: Status::New,
            title: title.into(),
            ..Alert::defaults()
        }
    }
}

impl<E> Alert<E> {
    /// What serde makes of an alert that has only an empty `id`: every field's default.
    pub(crate) fn defaults() -> Self {
        Alert {
            id: String::new(),
            incident_id: None,
            investigation_id: None,
            assigned_to: None,
            severity: unspecified(),
            status: unknown_status(),
            classification: None,
            determination: None,
            investigation_state: None,
            detection_source: None,
            detector_id: None,
            category: None,
            threat_family_name: None,
            title: String::new(),
            description: None,
            alert_creation_time: None,
            first_event_time: None,
            last_event_time: None,
            last_update_time: None,
            resolved_time: None,
            machine_id: None,
            computer_dns_name: None,
            rbac_group_name: None,
            aad_tenant_id: None,
            threat_name: None,
            mitre_techniques: Vec::new(),
            related_user: None,
            logged_on_users: Vec::new(),
            comments: Vec::new(),
            evidence: Vec::new(),
            domains: Vec::new(),
            service_source: None,
        }
    }

    /// `DOMAIN\user` of the related user, if any.
    pub fn user_display(&self) -> Option<String> {
        let u = self.related_user.as_ref()?;
        match (&u.domain_name, &u.user_name) {
            // `concat`, not `format!`: a sync builds this for every alert (callgrind).
            (Some(d), Some(n)) if !d.is_empty() => Some([d.as_str(), "\\", n].concat()),
            (_, Some(n)) => Some(n.clone()),
            _ => None,
        }
    }
}
