//! The property sets of the Graph security API's lists: `alerts_v2` and `incidents`, each with
//! the documented `$filter` fields, camelCase enum members and their metadata values.

use super::error::ODataError;
use super::prop::Kind;
use super::property::{Property, find};
use mde_model::graph::enums::{
    classification_name, classification_value, determination_from, determination_name,
    determination_value, severity_name, severity_value, status_name, status_value,
};
use mde_model::graph::{IncidentStatus, ServiceSource};
use mde_model::{Classification, Determination, Severity, Status};

/// A filterable property of `alerts_v2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GraphAlertProp {
    /// `assignedTo` (string).
    AssignedTo,
    /// `classification` (enum).
    Classification,
    /// `determination` (enum).
    Determination,
    /// `createdDateTime` (datetime).
    CreatedDateTime,
    /// `lastUpdateDateTime` (datetime).
    LastUpdateDateTime,
    /// `severity` (enum).
    Severity,
    /// `serviceSource` (enum).
    ServiceSource,
    /// `status` (enum).
    Status,
}

/// A filterable property of `incidents`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IncidentProp {
    /// `assignedTo` (string).
    AssignedTo,
    /// `classification` (enum).
    Classification,
    /// `createdDateTime` (datetime).
    CreatedDateTime,
    /// `determination` (enum).
    Determination,
    /// `lastUpdateDateTime` (datetime).
    LastUpdateDateTime,
    /// `severity` (enum).
    Severity,
    /// `status` (enum `incidentStatus`).
    Status,
}

const ALERT_PROPS: [GraphAlertProp; 8] = [
    GraphAlertProp::AssignedTo,
    GraphAlertProp::Classification,
    GraphAlertProp::Determination,
    GraphAlertProp::CreatedDateTime,
    GraphAlertProp::LastUpdateDateTime,
    GraphAlertProp::Severity,
    GraphAlertProp::ServiceSource,
    GraphAlertProp::Status,
];

const INCIDENT_PROPS: [IncidentProp; 7] = [
    IncidentProp::AssignedTo,
    IncidentProp::Classification,
    IncidentProp::CreatedDateTime,
    IncidentProp::Determination,
    IncidentProp::LastUpdateDateTime,
    IncidentProp::Severity,
    IncidentProp::Status,
];

/// The classification member named `s` (value, Graph spelling).
fn classification_member(s: &str) -> Option<(u32, String)> {
    Some(Classification::parse(s))
        .filter(Classification::is_known)
        .map(|c| {
            (
                classification_value(&c),
                classification_name(&c).to_string(),
            )
        })
}

/// The determination member named `s` in any documented spelling.
fn determination_member(s: &str) -> Option<(u32, String)> {
    Some(determination_from(s))
        .filter(Determination::is_known)
        .map(|d| (determination_value(&d), determination_name(&d).to_string()))
}

fn severity_member(s: &str) -> Option<(u32, String)> {
    Some(Severity::parse(s))
        .filter(Severity::is_known)
        .map(|v| (severity_value(&v), severity_name(&v).to_string()))
}

impl Property for GraphAlertProp {
    const ENTITY: &'static str = "microsoft.graph.security.alert";

    fn wire_name(self) -> &'static str {
        match self {
            GraphAlertProp::AssignedTo => "assignedTo",
            GraphAlertProp::Classification => "classification",
            GraphAlertProp::Determination => "determination",
            GraphAlertProp::CreatedDateTime => "createdDateTime",
            GraphAlertProp::LastUpdateDateTime => "lastUpdateDateTime",
            GraphAlertProp::Severity => "severity",
            GraphAlertProp::ServiceSource => "serviceSource",
            GraphAlertProp::Status => "status",
        }
    }

    fn kind(self) -> Kind {
        match self {
            GraphAlertProp::AssignedTo => Kind::Str,
            GraphAlertProp::CreatedDateTime | GraphAlertProp::LastUpdateDateTime => Kind::DateTime,
            _ => Kind::Enum,
        }
    }

    fn filterable(name: &str) -> Result<Self, ODataError> {
        find(name, &ALERT_PROPS)
    }

    fn enum_member(self, s: &str) -> Option<(u32, String)> {
        match self {
            GraphAlertProp::Status => Some(Status::parse(s))
                .filter(|v| v.is_known() && !matches!(v, Status::Unspecified | Status::Hidden))
                .map(|v| (status_value(&v), status_name(&v).to_string())),
            GraphAlertProp::Severity => severity_member(s),
            GraphAlertProp::Classification => classification_member(s),
            GraphAlertProp::Determination => determination_member(s),
            GraphAlertProp::ServiceSource => Some(ServiceSource::parse(s))
                .filter(ServiceSource::is_known)
                .map(|v| (v.value(), v.as_str().to_string())),
            _ => None,
        }
    }
}

impl Property for IncidentProp {
    const ENTITY: &'static str = "microsoft.graph.security.incident";

    fn wire_name(self) -> &'static str {
        match self {
            IncidentProp::AssignedTo => "assignedTo",
            IncidentProp::Classification => "classification",
            IncidentProp::CreatedDateTime => "createdDateTime",
            IncidentProp::Determination => "determination",
            IncidentProp::LastUpdateDateTime => "lastUpdateDateTime",
            IncidentProp::Severity => "severity",
            IncidentProp::Status => "status",
        }
    }

    fn kind(self) -> Kind {
        match self {
            IncidentProp::AssignedTo => Kind::Str,
            IncidentProp::CreatedDateTime | IncidentProp::LastUpdateDateTime => Kind::DateTime,
            _ => Kind::Enum,
        }
    }

    fn filterable(name: &str) -> Result<Self, ODataError> {
        find(name, &INCIDENT_PROPS)
    }

    fn enum_member(self, s: &str) -> Option<(u32, String)> {
        match self {
            IncidentProp::Status => Some(IncidentStatus::parse(s))
                .filter(IncidentStatus::is_known)
                .map(|v| (v.value(), v.as_str().to_string())),
            IncidentProp::Severity => severity_member(s),
            IncidentProp::Classification => classification_member(s),
            IncidentProp::Determination => determination_member(s),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Filter;
    use crate::parser::parse_as;
    use mde_model::Timestamp;

    #[test]
    fn graph_clients_filters_parse_and_render_in_graph_spelling() {
        let f = parse_as::<IncidentProp>("status eq 'active'").unwrap();
        assert_eq!(f.to_string(), "status eq 'active'");
        let f =
            parse_as::<IncidentProp>("Status eq 'InProgress' and severity in ('High','medium')")
                .unwrap();
        assert_eq!(
            f.to_string(),
            "status eq 'inProgress' and severity in ('high','medium')"
        );
        let f = parse_as::<GraphAlertProp>(
            "serviceSource eq 'microsoftDefenderForOffice365' and lastUpdateDateTime gt 2024-01-01T00:00:00Z",
        )
        .unwrap();
        assert!(
            f.to_string()
                .contains("lastUpdateDateTime gt 2024-01-01T00:00:00Z")
        );
        let f = parse_as::<GraphAlertProp>("determination eq 'clean'").unwrap();
        assert_eq!(f.to_string(), "determination eq 'notMalicious'");
        let built = Filter::gt(
            GraphAlertProp::LastUpdateDateTime,
            Timestamp::parse("2024-05-01T10:00:00.1234567Z").unwrap(),
        );
        assert_eq!(
            built.to_string(),
            "lastUpdateDateTime gt 2024-05-01T10:00:00.1234567Z"
        );
    }

    #[test]
    fn undocumented_fields_and_bad_members_are_refused() {
        let e = parse_as::<IncidentProp>("serviceSource eq 'x'")
            .unwrap_err()
            .0;
        assert!(
            e.contains("'serviceSource' is not supported") && e.contains("lastUpdateDateTime"),
            "{e}"
        );
        let e = parse_as::<GraphAlertProp>("investigationState eq 'x'")
            .unwrap_err()
            .0;
        assert!(e.contains("investigationState"), "{e}");
        assert!(parse_as::<IncidentProp>("status eq 'closed'").is_err());
        assert!(parse_as::<GraphAlertProp>("createdDateTime gt '2024-01-01'").is_err());
    }
}
