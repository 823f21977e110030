//! The enums of the Machine, MachineAction and Indicator entities, as tolerant as the alert ones:
//! case-insensitive names, documented alternative spellings as aliases, unknown values kept.

use crate::enums::open_enum;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

open_enum! {
    /// `healthStatus` of a machine.
    HealthStatus {
        Active = "Active",
        Inactive = "Inactive",
        ImpairedCommunication = "ImpairedCommunication",
        NoSensorData = "NoSensorData",
        NoSensorDataImpairedCommunication = "NoSensorDataImpairedCommunication",
        Unknown = "Unknown",
    }
}

open_enum! {
    /// `riskScore` of a machine, lowest first (the order `riskScore gt 'Low'` compares by).
    RiskScore {
        None = "None",
        Informational = "Informational",
        Low = "Low",
        Medium = "Medium",
        High = "High",
    }
}

open_enum! {
    /// `exposureLevel` of a machine, lowest first.
    ExposureLevel {
        None = "None",
        Low = "Low",
        Medium = "Medium",
        High = "High",
    }
}

open_enum! {
    /// `deviceValue` of a machine.
    DeviceValue {
        Low = "Low",
        Normal = "Normal",
        High = "High",
    }
}

open_enum! {
    /// `onboardingStatus`: the docs write `onboarded`, the wire `Onboarded` (names match in any case).
    OnboardingStatus {
        Onboarded = "Onboarded",
        CanBeOnboarded = "CanBeOnboarded",
        Unsupported = "Unsupported",
        InsufficientInfo = "InsufficientInfo",
    }
}

open_enum! {
    /// `type` of a MachineAction.
    ActionType {
        Isolate = "Isolate",
        Unisolate = "Unisolate",
        RunAntiVirusScan = "RunAntiVirusScan",
        RestrictCodeExecution = "RestrictCodeExecution",
        UnrestrictCodeExecution = "UnrestrictCodeExecution",
        CollectInvestigationPackage = "CollectInvestigationPackage",
        StopAndQuarantineFile = "StopAndQuarantineFile",
        Offboard = "Offboard",
        LiveResponse = "LiveResponse",
    }
}

open_enum! {
    /// `status` of a MachineAction, in lifecycle order.
    ActionStatus {
        Pending = "Pending",
        InProgress = "InProgress",
        Succeeded = "Succeeded",
        Failed = "Failed",
        TimeOut = "TimeOut" | "Timeout",
        Cancelled = "Cancelled" | "Canceled",
    }
}

impl ActionStatus {
    /// True for the four final states. An unknown status is not final: it is polled (with backoff)
    /// until it turns into one this build knows or the action is too old to matter.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            ActionStatus::Succeeded
                | ActionStatus::Failed
                | ActionStatus::TimeOut
                | ActionStatus::Cancelled
        )
    }
}

open_enum! {
    /// `IsolationType` of an isolate request; an older doc revision spelled the last one `Unmanaged`.
    IsolationType {
        Full = "Full",
        Selective = "Selective",
        UnManagedDevice = "UnManagedDevice" | "Unmanaged",
    }
}

open_enum! {
    /// `ScanType` of an antivirus scan.
    ScanType {
        Quick = "Quick",
        Full = "Full",
    }
}

open_enum! {
    /// `indicatorType` of an indicator.
    IndicatorType {
        FileSha1 = "FileSha1",
        FileSha256 = "FileSha256",
        FileMd5 = "FileMd5",
        CertificateThumbprint = "CertificateThumbprint",
        IpAddress = "IpAddress",
        DomainName = "DomainName",
        Url = "Url",
    }
}

impl IndicatorType {
    /// True for the file hash types (the ones `BlockAndRemediate` applies to).
    pub fn is_file(&self) -> bool {
        matches!(
            self,
            IndicatorType::FileSha1 | IndicatorType::FileSha256 | IndicatorType::FileMd5
        )
    }
}

open_enum! {
    /// `action` of an indicator. `Alert` and `AlertAndBlock` were retired in January 2022 but
    /// every documentation example still uses them: they are read, never sent.
    IndicatorAction {
        Allowed = "Allowed" | "Allow",
        Audit = "Audit",
        Warn = "Warn",
        Block = "Block",
        BlockAndRemediate = "BlockAndRemediate",
        Alert = "Alert",
        AlertAndBlock = "AlertAndBlock",
    }
}

impl IndicatorAction {
    /// The values the service accepts on new indicators today.
    pub const CURRENT: &'static [IndicatorAction] = &[
        IndicatorAction::Allowed,
        IndicatorAction::Audit,
        IndicatorAction::Warn,
        IndicatorAction::Block,
        IndicatorAction::BlockAndRemediate,
    ];

    /// True for the retired values (`Alert`, `AlertAndBlock`).
    pub fn is_retired(&self) -> bool {
        matches!(
            self,
            IndicatorAction::Alert | IndicatorAction::AlertAndBlock
        )
    }
}

open_enum! {
    /// `severity` of an indicator (the alert it raises).
    IndicatorSeverity {
        Informational = "Informational",
        Low = "Low",
        Medium = "Medium",
        High = "High",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_spellings_and_unknown_values() {
        assert_eq!(
            OnboardingStatus::parse("onboarded"),
            OnboardingStatus::Onboarded
        );
        assert_eq!(OnboardingStatus::Onboarded.as_str(), "Onboarded");
        assert_eq!(
            IsolationType::parse("Unmanaged"),
            IsolationType::UnManagedDevice
        );
        assert_eq!(ActionStatus::parse("Timeout"), ActionStatus::TimeOut);
        assert_eq!(
            ActionType::parse("ReleaseFromIsolation"),
            ActionType::Unrecognized("ReleaseFromIsolation".into())
        );
        assert!(!ActionStatus::parse("Queued").is_terminal());
        assert!(ActionStatus::Cancelled.is_terminal() && !ActionStatus::InProgress.is_terminal());
        assert!(IndicatorAction::AlertAndBlock.is_retired());
        assert!(
            !IndicatorAction::CURRENT
                .iter()
                .any(IndicatorAction::is_retired)
        );
        let r: RiskScore = serde_json::from_str("\"high\"").unwrap();
        assert_eq!(r, RiskScore::High);
        assert_eq!(serde_json::to_string(&RiskScore::None).unwrap(), "\"None\"");
    }
}
