//! The alert properties a query may name, their OData types, and how to read them from an alert.

use super::ODataError;
use crate::model::{Alert, Severity, Status, Timestamp};
use std::cmp::Ordering;

/// A property usable in `$filter` or `$orderby`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prop {
    /// `alertCreationTime`.
    AlertCreationTime,
    /// `lastUpdateTime`.
    LastUpdateTime,
    /// `lastEventTime`.
    LastEventTime,
    /// `firstEventTime` (order only).
    FirstEventTime,
    /// `resolvedTime` (order only).
    ResolvedTime,
    /// `incidentId`.
    IncidentId,
    /// `investigationId`.
    InvestigationId,
    /// `id`.
    Id,
    /// `assignedTo`.
    AssignedTo,
    /// `detectionSource`.
    DetectionSource,
    /// `category`.
    Category,
    /// `title` (order only).
    Title,
    /// `status` (enum `AlertStatus`).
    Status,
    /// `severity` (enum `AlertSeverity`).
    Severity,
}

/// The OData type of a property.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `Edm.DateTimeOffset`.
    DateTime,
    /// `Edm.Int64`.
    Int,
    /// `Edm.String`.
    Str,
    /// An enum type.
    Enum,
}

/// Every property with its wire name; the first eleven are the documented filterable ones.
const ALL: &[(Prop, &str, Kind, bool)] = &[
    (
        Prop::AlertCreationTime,
        "alertCreationTime",
        Kind::DateTime,
        true,
    ),
    (Prop::LastUpdateTime, "lastUpdateTime", Kind::DateTime, true),
    (Prop::LastEventTime, "lastEventTime", Kind::DateTime, true),
    (Prop::IncidentId, "incidentId", Kind::Int, true),
    (Prop::InvestigationId, "investigationId", Kind::Int, true),
    (Prop::Id, "id", Kind::Str, true),
    (Prop::AssignedTo, "assignedTo", Kind::Str, true),
    (Prop::DetectionSource, "detectionSource", Kind::Str, true),
    (Prop::Category, "category", Kind::Str, true),
    (Prop::Status, "status", Kind::Enum, true),
    (Prop::Severity, "severity", Kind::Enum, true),
    (
        Prop::FirstEventTime,
        "firstEventTime",
        Kind::DateTime,
        false,
    ),
    (Prop::ResolvedTime, "resolvedTime", Kind::DateTime, false),
    (Prop::Title, "title", Kind::Str, false),
];

/// A property's value on one alert, typed for comparison.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed<'a> {
    /// Date-time.
    Time(Timestamp),
    /// Integer.
    Int(i64),
    /// String (compared case-insensitively, like the service's SQL collation).
    Str(&'a str),
    /// Enum member: its metadata value orders, its name identifies.
    Enum(u32, &'a str),
}

impl Prop {
    /// Looks a name up (case-insensitively: the docs themselves write `InvestigationId`).
    pub fn lookup(name: &str) -> Option<(Prop, Kind, bool)> {
        ALL.iter()
            .find(|(_, n, _, _)| n.eq_ignore_ascii_case(name))
            .map(|(p, _, k, f)| (*p, *k, *f))
    }

    /// For `$filter`: the property or an error listing the supported ones.
    pub fn filterable(name: &str) -> Result<(Prop, Kind), ODataError> {
        match Prop::lookup(name) {
            Some((p, k, true)) => Ok((p, k)),
            _ => Err(ODataError(format!(
                "Invalid filter: property '{name}' is not supported. Supported properties: {}.",
                ALL.iter()
                    .filter(|p| p.3)
                    .map(|p| p.1)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    /// The value on an alert (`None` for null).
    pub fn read<'a>(self, a: &'a Alert) -> Option<Typed<'a>> {
        let t = |v: Option<Timestamp>| v.map(Typed::Time);
        match self {
            Prop::AlertCreationTime => t(a.alert_creation_time),
            Prop::LastUpdateTime => t(a.last_update_time),
            Prop::LastEventTime => t(a.last_event_time),
            Prop::FirstEventTime => t(a.first_event_time),
            Prop::ResolvedTime => t(a.resolved_time),
            Prop::IncidentId => a.incident_id.map(Typed::Int),
            Prop::InvestigationId => a.investigation_id.map(Typed::Int),
            Prop::Id => Some(Typed::Str(&a.id)),
            Prop::AssignedTo => a.assigned_to.as_deref().map(Typed::Str),
            Prop::DetectionSource => a.detection_source.as_deref().map(Typed::Str),
            Prop::Category => a.category.as_deref().map(Typed::Str),
            Prop::Title => Some(Typed::Str(&a.title)),
            Prop::Status => Some(Typed::Enum(status_value(&a.status), a.status.as_str())),
            Prop::Severity => Some(Typed::Enum(
                severity_value(&a.severity),
                a.severity.as_str(),
            )),
        }
    }

    /// The enum member named `s` for this property (metadata value and canonical name).
    pub fn enum_member(self, s: &str) -> Option<(u32, String)> {
        match self {
            Prop::Status => Some(Status::parse(s))
                .filter(Status::is_known)
                .map(|v| (status_value(&v), v.as_str().to_string())),
            Prop::Severity => Some(Severity::parse(s))
                .filter(Severity::is_known)
                .map(|v| (severity_value(&v), v.as_str().to_string())),
            _ => None,
        }
    }
}

/// `AlertStatus` member values from the service metadata.
fn status_value(s: &Status) -> u32 {
    match s {
        Status::Unknown => 0,
        Status::Unspecified => 1,
        Status::New => 2,
        Status::InProgress => 4,
        Status::Resolved => 8,
        Status::Hidden => 16,
        Status::Unrecognized(_) => u32::MAX,
    }
}

/// `AlertSeverity` member values from the service metadata.
fn severity_value(s: &Severity) -> u32 {
    match s {
        Severity::UnSpecified => 0,
        Severity::Informational => 32,
        Severity::Low => 64,
        Severity::Medium => 128,
        Severity::High => 256,
        Severity::Unrecognized(_) => u32::MAX,
    }
}

/// Orders two non-null values of the same property.
pub fn compare(a: &Typed<'_>, b: &Typed<'_>) -> Ordering {
    match (a, b) {
        (Typed::Time(x), Typed::Time(y)) => x.cmp(y),
        (Typed::Int(x), Typed::Int(y)) => x.cmp(y),
        (Typed::Str(x), Typed::Str(y)) => x
            .chars()
            .flat_map(char::to_lowercase)
            .cmp(y.chars().flat_map(char::to_lowercase)),
        (Typed::Enum(x, xn), Typed::Enum(y, yn)) => x.cmp(y).then_with(|| xn.cmp(yn)),
        _ => Ordering::Equal,
    }
}

/// Orders two possibly-null values; null sorts first, as in OData.
pub fn compare_nullable(a: Option<&Typed<'_>>, b: Option<&Typed<'_>>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(x), Some(y)) => compare(x, y),
    }
}
