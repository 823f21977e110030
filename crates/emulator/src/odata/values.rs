//! A property's value on one alert, typed for comparison, and OData's ordering of such values.

use mde_model::{Alert, Timestamp};
use mde_odata::{Prop, severity_value, status_value};
use std::cmp::Ordering;

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

/// The value of `prop` on an alert (`None` for null).
pub fn read(prop: Prop, a: &Alert) -> Option<Typed<'_>> {
    let t = |v: Option<Timestamp>| v.map(Typed::Time);
    match prop {
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
