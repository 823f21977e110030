//! The properties `GET /api/indicators` documents as filterable.

use super::error::ODataError;
use super::prop::Kind;
use super::property::{Property, find, member};
use mde_model::device::{IndicatorAction, IndicatorSeverity, IndicatorType};

/// A filterable Indicator property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IndicatorProp {
    /// `application` (string).
    Application,
    /// `createdByDisplayName` (string).
    CreatedByDisplayName,
    /// `expirationTime` (datetime).
    ExpirationTime,
    /// `title` (string).
    Title,
    /// `rbacGroupNames` (collection of strings).
    RbacGroupNames,
    /// `indicatorValue` (string).
    IndicatorValue,
    /// `indicatorType` (enum).
    IndicatorType,
    /// `creationTimeDateTimeUtc` (datetime).
    CreationTimeDateTimeUtc,
    /// `createdBy` (string).
    CreatedBy,
    /// `action` (enum).
    Action,
    /// `severity` (enum).
    Severity,
}

/// Every indicator property, in the documentation's order.
pub const INDICATOR_PROPS: [IndicatorProp; 11] = [
    IndicatorProp::Application,
    IndicatorProp::CreatedByDisplayName,
    IndicatorProp::ExpirationTime,
    IndicatorProp::Title,
    IndicatorProp::RbacGroupNames,
    IndicatorProp::IndicatorValue,
    IndicatorProp::IndicatorType,
    IndicatorProp::CreationTimeDateTimeUtc,
    IndicatorProp::CreatedBy,
    IndicatorProp::Action,
    IndicatorProp::Severity,
];

impl Property for IndicatorProp {
    const ENTITY: &'static str = "microsoft.windowsDefenderATP.api.Indicator";

    fn wire_name(self) -> &'static str {
        match self {
            IndicatorProp::Application => "application",
            IndicatorProp::CreatedByDisplayName => "createdByDisplayName",
            IndicatorProp::ExpirationTime => "expirationTime",
            IndicatorProp::Title => "title",
            IndicatorProp::RbacGroupNames => "rbacGroupNames",
            IndicatorProp::IndicatorValue => "indicatorValue",
            IndicatorProp::IndicatorType => "indicatorType",
            IndicatorProp::CreationTimeDateTimeUtc => "creationTimeDateTimeUtc",
            IndicatorProp::CreatedBy => "createdBy",
            IndicatorProp::Action => "action",
            IndicatorProp::Severity => "severity",
        }
    }

    fn kind(self) -> Kind {
        match self {
            IndicatorProp::IndicatorType | IndicatorProp::Action | IndicatorProp::Severity => {
                Kind::Enum
            }
            IndicatorProp::ExpirationTime | IndicatorProp::CreationTimeDateTimeUtc => {
                Kind::DateTime
            }
            _ => Kind::Str,
        }
    }

    fn filterable(name: &str) -> Result<Self, ODataError> {
        find(name, &INDICATOR_PROPS)
    }

    fn enum_member(self, s: &str) -> Option<(u32, String)> {
        match self {
            IndicatorProp::IndicatorType => {
                member(IndicatorType::KNOWN, IndicatorType::parse(s), |e| {
                    e.as_str()
                })
            }
            IndicatorProp::Action => {
                member(IndicatorAction::KNOWN, IndicatorAction::parse(s), |e| {
                    e.as_str()
                })
            }
            IndicatorProp::Severity => {
                member(IndicatorSeverity::KNOWN, IndicatorSeverity::parse(s), |e| {
                    e.as_str()
                })
            }
            _ => None,
        }
    }

    fn is_collection(self) -> bool {
        self == IndicatorProp::RbacGroupNames
    }
}
