//! The alert properties a query may name: one set for the client's builder, the CLI's
//! `--filter` and the emulator, with each one's OData type and whether `$filter` accepts it.

use super::error::ODataError;
use mde_model::{Severity, Status};

/// A property usable in `$filter` (the documented eleven) or only in `$orderby`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Prop {
    /// `alertCreationTime` (datetime).
    AlertCreationTime,
    /// `lastUpdateTime` (datetime).
    LastUpdateTime,
    /// `lastEventTime` (datetime).
    LastEventTime,
    /// `firstEventTime` (datetime, order only).
    FirstEventTime,
    /// `resolvedTime` (datetime, order only).
    ResolvedTime,
    /// `incidentId` (number).
    IncidentId,
    /// `investigationId` (number).
    InvestigationId,
    /// `id` (string).
    Id,
    /// `assignedTo` (string; the doc's `asssignedTo` typo fixed).
    AssignedTo,
    /// `detectionSource` (string).
    DetectionSource,
    /// `category` (string).
    Category,
    /// `title` (string, order only).
    Title,
    /// `status` (enum `AlertStatus`).
    Status,
    /// `severity` (enum `AlertSeverity`).
    Severity,
}

/// One entity's property set as the grammar needs it: names, types, which may be filtered on,
/// and the members of its enum properties. The alerts' [`Prop`] is one; Graph's are others.
pub trait Property: Copy + Eq + std::fmt::Debug {
    /// The property name on the wire.
    fn wire_name(self) -> &'static str;
    /// Its OData type.
    fn kind(self) -> Kind;
    /// For `$filter`: the property named `name`, or an error listing the supported ones.
    fn filterable(name: &str) -> Result<Self, ODataError>;
    /// The enum member named `s` for this property (ordering value and canonical name).
    fn enum_member(self, s: &str) -> Option<(u32, String)>;
}

impl Property for Prop {
    fn wire_name(self) -> &'static str {
        Prop::wire_name(self)
    }
    fn kind(self) -> Kind {
        Prop::kind(self)
    }
    fn filterable(name: &str) -> Result<Self, ODataError> {
        Prop::filterable(name)
    }
    fn enum_member(self, s: &str) -> Option<(u32, String)> {
        Prop::enum_member(self, s)
    }
}

/// The error for a property `name` that is not among `supported`.
pub fn unsupported_property(name: &str, supported: &[&str]) -> ODataError {
    ODataError(format!(
        "Invalid filter: property '{name}' is not supported. Supported properties: {}.",
        supported.join(", ")
    ))
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

/// Every property, the documented filterable ones first in the order errors list them.
pub const ALL: [Prop; 14] = [
    Prop::AlertCreationTime,
    Prop::LastUpdateTime,
    Prop::LastEventTime,
    Prop::IncidentId,
    Prop::InvestigationId,
    Prop::Id,
    Prop::AssignedTo,
    Prop::DetectionSource,
    Prop::Category,
    Prop::Status,
    Prop::Severity,
    Prop::FirstEventTime,
    Prop::ResolvedTime,
    Prop::Title,
];

impl Prop {
    /// The property name on the wire.
    pub fn wire_name(self) -> &'static str {
        match self {
            Prop::AlertCreationTime => "alertCreationTime",
            Prop::LastUpdateTime => "lastUpdateTime",
            Prop::LastEventTime => "lastEventTime",
            Prop::FirstEventTime => "firstEventTime",
            Prop::ResolvedTime => "resolvedTime",
            Prop::IncidentId => "incidentId",
            Prop::InvestigationId => "investigationId",
            Prop::Id => "id",
            Prop::AssignedTo => "assignedTo",
            Prop::DetectionSource => "detectionSource",
            Prop::Category => "category",
            Prop::Title => "title",
            Prop::Status => "status",
            Prop::Severity => "severity",
        }
    }

    /// Its OData type.
    pub fn kind(self) -> Kind {
        match self {
            Prop::AlertCreationTime
            | Prop::LastUpdateTime
            | Prop::LastEventTime
            | Prop::FirstEventTime
            | Prop::ResolvedTime => Kind::DateTime,
            Prop::IncidentId | Prop::InvestigationId => Kind::Int,
            Prop::Id | Prop::AssignedTo | Prop::DetectionSource | Prop::Category | Prop::Title => {
                Kind::Str
            }
            Prop::Status | Prop::Severity => Kind::Enum,
        }
    }

    /// True for the properties `GET /api/alerts` documents as filterable.
    pub fn is_filterable(self) -> bool {
        !matches!(
            self,
            Prop::FirstEventTime | Prop::ResolvedTime | Prop::Title
        )
    }

    /// Looks a name up (case-insensitively: the docs themselves write `InvestigationId`).
    pub fn lookup(name: &str) -> Option<Prop> {
        ALL.into_iter()
            .find(|p| p.wire_name().eq_ignore_ascii_case(name))
    }

    /// For `$filter`: the property or an error listing the supported ones.
    pub fn filterable(name: &str) -> Result<Prop, ODataError> {
        match Prop::lookup(name) {
            Some(p) if p.is_filterable() => Ok(p),
            _ => Err(ODataError(format!(
                "Invalid filter: property '{name}' is not supported. Supported properties: {}.",
                ALL.iter()
                    .filter(|p| p.is_filterable())
                    .map(|p| p.wire_name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
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

/// `AlertStatus` member values from the service metadata (they order `status gt 'New'`).
pub fn status_value(s: &Status) -> u32 {
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
pub fn severity_value(s: &Severity) -> u32 {
    match s {
        Severity::UnSpecified => 0,
        Severity::Informational => 32,
        Severity::Low => 64,
        Severity::Medium => 128,
        Severity::High => 256,
        Severity::Unrecognized(_) => u32::MAX,
    }
}
