//! The properties `GET /api/machineactions` documents as filterable.

use super::error::ODataError;
use super::prop::Kind;
use super::property::{Property, find, member};
use mde_model::device::{ActionStatus, ActionType};

/// A filterable MachineAction property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionProp {
    /// `id` (string).
    Id,
    /// `status` (enum).
    Status,
    /// `machineId` (string).
    MachineId,
    /// `type` (enum).
    Type,
    /// `requestor` (string).
    Requestor,
    /// `creationDateTimeUtc` (datetime).
    CreationDateTimeUtc,
}

/// Every machine-action property, in the documentation's order.
pub const ACTION_PROPS: [ActionProp; 6] = [
    ActionProp::Id,
    ActionProp::Status,
    ActionProp::MachineId,
    ActionProp::Type,
    ActionProp::Requestor,
    ActionProp::CreationDateTimeUtc,
];

impl Property for ActionProp {
    const ENTITY: &'static str = "microsoft.windowsDefenderATP.api.MachineAction";

    fn wire_name(self) -> &'static str {
        match self {
            ActionProp::Id => "id",
            ActionProp::Status => "status",
            ActionProp::MachineId => "machineId",
            ActionProp::Type => "type",
            ActionProp::Requestor => "requestor",
            ActionProp::CreationDateTimeUtc => "creationDateTimeUtc",
        }
    }

    fn kind(self) -> Kind {
        match self {
            ActionProp::Status | ActionProp::Type => Kind::Enum,
            ActionProp::CreationDateTimeUtc => Kind::DateTime,
            _ => Kind::Str,
        }
    }

    fn filterable(name: &str) -> Result<Self, ODataError> {
        find(name, &ACTION_PROPS)
    }

    fn enum_member(self, s: &str) -> Option<(u32, String)> {
        match self {
            ActionProp::Status => {
                member(ActionStatus::KNOWN, ActionStatus::parse(s), |e| e.as_str())
            }
            ActionProp::Type => member(ActionType::KNOWN, ActionType::parse(s), |e| e.as_str()),
            _ => None,
        }
    }
}
