//! The alert enums, tolerant the way the service demands: names match case-insensitively, the
//! documentation's older spellings are accepted as aliases, and an unknown value is kept as
//! `Unrecognized(String)` instead of failing the whole alert.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Declares an open enum: known variants with their wire names and accepted aliases, plus `Unrecognized`.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $( $variant:ident = $wire:literal $(| $alias:literal)* ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( #[doc = $wire] $variant, )+
            /// A value this build does not know, kept verbatim.
            Unrecognized(String),
        }

        impl $name {
            /// Every known variant, in declaration order.
            pub const KNOWN: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The name sent on the wire (the service metadata's spelling).
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Unrecognized(s) => s.as_str(),
                }
            }

            /// Parses a wire value: case-insensitive, aliases accepted, unknown kept.
            pub fn parse(s: &str) -> Self {
                $(
                    if s.eq_ignore_ascii_case($wire) $(|| s.eq_ignore_ascii_case($alias))* {
                        return $name::$variant;
                    }
                )+
                $name::Unrecognized(s.to_string())
            }

            /// True when the value is one this build knows.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unrecognized(_))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                // Read in place: no `String` per value unless it is one this build does not know.
                crate::lenient::with_str(d, $name::parse)
            }
        }
    };
}

// The device, action and indicator enums (machine_enums.rs) are declared the same way.
// The Graph enums (`graph::enums`) are declared the same way.
pub(crate) use open_enum;

open_enum! {
    /// `AlertSeverity`.
    Severity {
        UnSpecified = "UnSpecified" | "Unspecified" | "Unknown",
        Informational = "Informational",
        Low = "Low",
        Medium = "Medium",
        High = "High",
    }
}

open_enum! {
    /// `AlertStatus`.
    Status {
        Unknown = "Unknown",
        Unspecified = "Unspecified",
        New = "New",
        InProgress = "InProgress" | "In progress",
        Resolved = "Resolved",
        Hidden = "Hidden",
    }
}

open_enum! {
    /// `AlertClassification`.
    Classification {
        Unknown = "Unknown",
        FalsePositive = "FalsePositive",
        TruePositive = "TruePositive",
        InformationalExpectedActivity = "InformationalExpectedActivity" | "Informational, expected activity" | "BenignPositive",
    }
}

open_enum! {
    /// `AlertDetermination`: both documented families are accepted, the metadata's names are sent.
    Determination {
        NotAvailable = "NotAvailable",
        Apt = "Apt",
        Malware = "Malware",
        SecurityPersonnel = "SecurityPersonnel",
        SecurityTesting = "SecurityTesting",
        UnwantedSoftware = "UnwantedSoftware",
        Other = "Other",
        MultiStagedAttack = "MultiStagedAttack",
        CompromisedAccount = "CompromisedAccount" | "CompromisedUser",
        Phishing = "Phishing",
        MaliciousUserActivity = "MaliciousUserActivity",
        NotMalicious = "NotMalicious" | "Clean",
        NoEnoughDataToValidate = "NoEnoughDataToValidate" | "InsufficientData" | "NotEnoughDataToValidate",
        ConfirmedActivity = "ConfirmedActivity" | "ConfirmedUserActivity",
        LineOfBusinessApplication = "LineOfBusinessApplication",
    }
}

open_enum! {
    /// `InvestigationState`.
    InvestigationState {
        Unknown = "Unknown",
        Terminated = "Terminated",
        SuccessfullyRemediated = "SuccessfullyRemediated",
        Benign = "Benign",
        Failed = "Failed",
        PartiallyRemediated = "PartiallyRemediated",
        Running = "Running",
        PendingApproval = "PendingApproval",
        PendingResource = "PendingResource",
        PartiallyInvestigated = "PartiallyInvestigated",
        TerminatedByUser = "TerminatedByUser",
        TerminatedBySystem = "TerminatedBySystem",
        Queued = "Queued",
        InnerFailure = "InnerFailure",
        PreexistingAlert = "PreexistingAlert",
        UnsupportedOs = "UnsupportedOs",
        UnsupportedAlertType = "UnsupportedAlertType",
        SuppressedAlert = "SuppressedAlert",
        Disabled = "Disabled",
    }
}

open_enum! {
    /// Evidence `EntityType`.
    EntityType {
        Url = "Url",
        User = "User",
        File = "File",
        Machine = "Machine",
        Ip = "Ip",
        Process = "Process",
        Mailbox = "Mailbox",
        MailCluster = "MailCluster",
        MailMessage = "MailMessage",
        SecurityGroup = "SecurityGroup",
        RegistryKey = "RegistryKey",
        Registry = "Registry" | "RegistryValue",
        CommandLine = "CommandLine",
        CloudApplication = "CloudApplication",
        OAuthApplication = "OAuthApplication",
    }
}

open_enum! {
    /// Evidence `detectionStatus`.
    DetectionStatus {
        Detected = "Detected",
        Blocked = "Blocked",
        Prevented = "Prevented",
    }
}

impl Severity {
    /// Rank for sorting: High first.
    pub fn rank(&self) -> u8 {
        match self {
            Severity::High => 4,
            Severity::Medium => 3,
            Severity::Low => 2,
            Severity::Informational => 1,
            _ => 0,
        }
    }
}

impl Status {
    /// The statuses an analyst can set through the API.
    pub const SETTABLE: &'static [Status] = &[Status::New, Status::InProgress, Status::Resolved];
}

impl Classification {
    /// The classifications an analyst can set, in the portal's order.
    pub const SETTABLE: &'static [Classification] = &[
        Classification::TruePositive,
        Classification::InformationalExpectedActivity,
        Classification::FalsePositive,
    ];

    /// The determinations valid for this classification (the portal's matrix).
    pub fn determinations(&self) -> &'static [Determination] {
        use Determination as D;
        match self {
            Classification::TruePositive => &[
                D::MultiStagedAttack,
                D::MaliciousUserActivity,
                D::CompromisedAccount,
                D::Malware,
                D::Phishing,
                D::UnwantedSoftware,
                D::Other,
            ],
            Classification::InformationalExpectedActivity => &[
                D::SecurityTesting,
                D::LineOfBusinessApplication,
                D::ConfirmedActivity,
                D::Other,
            ],
            Classification::FalsePositive => {
                &[D::NotMalicious, D::NoEnoughDataToValidate, D::Other]
            }
            _ => &[],
        }
    }

    /// Human label as the portal shows it.
    pub fn label(&self) -> &str {
        match self {
            Classification::TruePositive => "True positive",
            Classification::InformationalExpectedActivity => "Informational, expected activity",
            Classification::FalsePositive => "False positive",
            Classification::Unknown => "Unknown",
            Classification::Unrecognized(s) => s,
        }
    }
}

impl Determination {
    /// Human label as the portal shows it.
    pub fn label(&self) -> &str {
        use Determination as D;
        match self {
            D::NotAvailable => "Not available",
            D::Apt => "APT",
            D::Malware => "Malware",
            D::SecurityPersonnel => "Security personnel",
            D::SecurityTesting => "Security testing",
            D::UnwantedSoftware => "Unwanted software",
            D::Other => "Other",
            D::MultiStagedAttack => "Multistage attack",
            D::CompromisedAccount => "Compromised account",
            D::Phishing => "Phishing",
            D::MaliciousUserActivity => "Malicious user activity",
            D::NotMalicious => "Not malicious",
            D::NoEnoughDataToValidate => "Not enough data to validate",
            D::ConfirmedActivity => "Confirmed activity",
            D::LineOfBusinessApplication => "Line-of-business application",
            D::Unrecognized(s) => s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_map_to_metadata_names() {
        for (alias, want) in [
            ("CompromisedUser", "CompromisedAccount"),
            ("Clean", "NotMalicious"),
            ("InsufficientData", "NoEnoughDataToValidate"),
            ("ConfirmedUserActivity", "ConfirmedActivity"),
            ("notEnoughDataToValidate", "NoEnoughDataToValidate"),
        ] {
            assert_eq!(Determination::parse(alias).as_str(), want);
        }
    }

    #[test]
    fn unknown_values_are_kept() {
        let s: Severity = serde_json::from_str("\"Catastrophic\"").unwrap();
        assert_eq!(s, Severity::Unrecognized("Catastrophic".into()));
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"Catastrophic\"");
        assert_eq!(Status::parse("inProgress"), Status::InProgress);
    }

    #[test]
    fn determination_matrix_follows_the_portal() {
        assert!(
            Classification::FalsePositive
                .determinations()
                .contains(&Determination::NotMalicious)
        );
        assert!(
            !Classification::FalsePositive
                .determinations()
                .contains(&Determination::Malware)
        );
    }
}
