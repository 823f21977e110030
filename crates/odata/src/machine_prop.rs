//! The properties `GET /api/machines` documents as filterable.

use super::error::ODataError;
use super::prop::Kind;
use super::property::{Property, find, member};
use mde_model::device::{DeviceValue, ExposureLevel, HealthStatus, OnboardingStatus, RiskScore};

/// A filterable Machine property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MachineProp {
    /// `id` (string).
    Id,
    /// `computerDnsName` (string).
    ComputerDnsName,
    /// `healthStatus` (enum).
    HealthStatus,
    /// `riskScore` (enum).
    RiskScore,
    /// `exposureLevel` (enum).
    ExposureLevel,
    /// `osPlatform` (string).
    OsPlatform,
    /// `onboardingStatus` (enum).
    OnboardingStatus,
    /// `lastSeen` (datetime).
    LastSeen,
    /// `lastIpAddress` (string).
    LastIpAddress,
    /// `machineTags` (collection of strings: `machineTags/any(t: t eq 'x')`).
    MachineTags,
    /// `aadDeviceId` (string).
    AadDeviceId,
    /// `version` (string).
    Version,
    /// `deviceValue` (enum).
    DeviceValue,
    /// `rbacGroupId` (number).
    RbacGroupId,
}

/// Every machine property, in the order errors list them.
pub const MACHINE_PROPS: [MachineProp; 14] = [
    MachineProp::ComputerDnsName,
    MachineProp::Id,
    MachineProp::Version,
    MachineProp::DeviceValue,
    MachineProp::AadDeviceId,
    MachineProp::MachineTags,
    MachineProp::LastSeen,
    MachineProp::ExposureLevel,
    MachineProp::OnboardingStatus,
    MachineProp::LastIpAddress,
    MachineProp::HealthStatus,
    MachineProp::OsPlatform,
    MachineProp::RiskScore,
    MachineProp::RbacGroupId,
];

impl Property for MachineProp {
    const ENTITY: &'static str = "microsoft.windowsDefenderATP.api.Machine";

    fn wire_name(self) -> &'static str {
        match self {
            MachineProp::Id => "id",
            MachineProp::ComputerDnsName => "computerDnsName",
            MachineProp::HealthStatus => "healthStatus",
            MachineProp::RiskScore => "riskScore",
            MachineProp::ExposureLevel => "exposureLevel",
            MachineProp::OsPlatform => "osPlatform",
            MachineProp::OnboardingStatus => "onboardingStatus",
            MachineProp::LastSeen => "lastSeen",
            MachineProp::LastIpAddress => "lastIpAddress",
            MachineProp::MachineTags => "machineTags",
            MachineProp::AadDeviceId => "aadDeviceId",
            MachineProp::Version => "version",
            MachineProp::DeviceValue => "deviceValue",
            MachineProp::RbacGroupId => "rbacGroupId",
        }
    }

    fn kind(self) -> Kind {
        match self {
            MachineProp::HealthStatus
            | MachineProp::RiskScore
            | MachineProp::ExposureLevel
            | MachineProp::OnboardingStatus
            | MachineProp::DeviceValue => Kind::Enum,
            MachineProp::LastSeen => Kind::DateTime,
            MachineProp::RbacGroupId => Kind::Int,
            _ => Kind::Str,
        }
    }

    fn filterable(name: &str) -> Result<Self, ODataError> {
        find(name, &MACHINE_PROPS)
    }

    fn enum_member(self, s: &str) -> Option<(u32, String)> {
        match self {
            MachineProp::HealthStatus => {
                member(HealthStatus::KNOWN, HealthStatus::parse(s), |e| e.as_str())
            }
            MachineProp::RiskScore => member(RiskScore::KNOWN, RiskScore::parse(s), |e| e.as_str()),
            MachineProp::ExposureLevel => {
                member(ExposureLevel::KNOWN, ExposureLevel::parse(s), |e| {
                    e.as_str()
                })
            }
            MachineProp::OnboardingStatus => {
                member(OnboardingStatus::KNOWN, OnboardingStatus::parse(s), |e| {
                    e.as_str()
                })
            }
            MachineProp::DeviceValue => {
                member(DeviceValue::KNOWN, DeviceValue::parse(s), |e| e.as_str())
            }
            _ => None,
        }
    }

    fn is_collection(self) -> bool {
        self == MachineProp::MachineTags
    }
}
