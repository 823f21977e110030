//! The Graph security API's enums. Graph spells members in camelCase (`inProgress`,
//! `truePositive`); the MDE enums (`Status`, `Severity`, `Classification`, `Determination`) are
//! shared with the MDE model, since their names match case-insensitively, and get their Graph
//! spelling from the `*_name` functions here. Graph-only enums are open like the MDE ones.

use crate::enums::{Classification, Determination, Severity, Status, open_enum};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

open_enum! {
    /// Incident `status`.
    IncidentStatus {
        Active = "active",
        Resolved = "resolved",
        InProgress = "inProgress" | "In progress",
        Redirected = "redirected",
        UnknownFutureValue = "unknownFutureValue",
        AwaitingAction = "awaitingAction",
    }
}

open_enum! {
    /// Alert `serviceSource`: which Defender product raised the alert.
    ServiceSource {
        Unknown = "unknown",
        MicrosoftDefenderForEndpoint = "microsoftDefenderForEndpoint",
        MicrosoftDefenderForIdentity = "microsoftDefenderForIdentity",
        MicrosoftDefenderForCloudApps = "microsoftDefenderForCloudApps",
        MicrosoftDefenderForOffice365 = "microsoftDefenderForOffice365",
        Microsoft365Defender = "microsoft365Defender",
        AzureAdIdentityProtection = "azureAdIdentityProtection",
        MicrosoftAppGovernance = "microsoftAppGovernance",
        DataLossPrevention = "dataLossPrevention",
        UnknownFutureValue = "unknownFutureValue",
        MicrosoftDefenderForCloud = "microsoftDefenderForCloud",
    }
}

open_enum! {
    /// Evidence `verdict`.
    Verdict {
        Unknown = "unknown",
        Suspicious = "suspicious",
        Malicious = "malicious",
        NoThreatsFound = "noThreatsFound",
        UnknownFutureValue = "unknownFutureValue",
    }
}

open_enum! {
    /// Evidence `remediationStatus`.
    RemediationStatus {
        NoAction = "none",
        Remediated = "remediated",
        Prevented = "prevented",
        Blocked = "blocked",
        NotFound = "notFound",
        UnknownFutureValue = "unknownFutureValue",
    }
}

open_enum! {
    /// Evidence `roles`.
    EvidenceRole {
        Unknown = "unknown",
        Contextual = "contextual",
        Scanned = "scanned",
        Source = "source",
        Destination = "destination",
        Created = "created",
        Added = "added",
        Compromised = "compromised",
        Edited = "edited",
        Attacked = "attacked",
        Attacker = "attacker",
        CommandAndControl = "commandAndControl",
        Loaded = "loaded",
        Suspicious = "suspicious",
        PolicyViolator = "policyViolator",
        UnknownFutureValue = "unknownFutureValue",
    }
}

impl IncidentStatus {
    /// The statuses an analyst can set through PATCH.
    pub const SETTABLE: &'static [IncidentStatus] = &[
        IncidentStatus::Active,
        IncidentStatus::InProgress,
        IncidentStatus::Resolved,
        IncidentStatus::Redirected,
    ];

    /// Member value in the service metadata (orders `status gt 'active'`).
    pub fn value(&self) -> u32 {
        match self {
            IncidentStatus::Active => 0,
            IncidentStatus::Resolved => 1,
            IncidentStatus::InProgress => 2,
            IncidentStatus::Redirected => 3,
            IncidentStatus::UnknownFutureValue => 4,
            IncidentStatus::AwaitingAction => 5,
            IncidentStatus::Unrecognized(_) => u32::MAX,
        }
    }

    /// Human label as the portal shows it.
    pub fn label(&self) -> &str {
        match self {
            IncidentStatus::Active => "Active",
            IncidentStatus::Resolved => "Resolved",
            IncidentStatus::InProgress => "In progress",
            IncidentStatus::Redirected => "Redirected",
            IncidentStatus::UnknownFutureValue => "Unknown",
            IncidentStatus::AwaitingAction => "Awaiting action",
            IncidentStatus::Unrecognized(s) => s,
        }
    }
}

impl ServiceSource {
    /// Member value in the service metadata.
    pub fn value(&self) -> u32 {
        ServiceSource::KNOWN
            .iter()
            .position(|k| k == self)
            .map_or(u32::MAX, |i| i as u32)
    }

    /// A short product name for a list column (`MDE`, `MDO`, `MDI`, …).
    pub fn short(&self) -> &str {
        match self {
            ServiceSource::MicrosoftDefenderForEndpoint => "MDE",
            ServiceSource::MicrosoftDefenderForIdentity => "MDI",
            ServiceSource::MicrosoftDefenderForCloudApps => "MDA",
            ServiceSource::MicrosoftDefenderForOffice365 => "MDO",
            ServiceSource::Microsoft365Defender => "XDR",
            ServiceSource::AzureAdIdentityProtection => "AADIP",
            ServiceSource::MicrosoftAppGovernance => "AppG",
            ServiceSource::DataLossPrevention => "DLP",
            ServiceSource::MicrosoftDefenderForCloud => "MDC",
            ServiceSource::Unknown | ServiceSource::UnknownFutureValue => "?",
            ServiceSource::Unrecognized(s) => s,
        }
    }

    /// The product's name as the portal shows it.
    pub fn label(&self) -> &str {
        match self {
            ServiceSource::MicrosoftDefenderForEndpoint => "Microsoft Defender for Endpoint",
            ServiceSource::MicrosoftDefenderForIdentity => "Microsoft Defender for Identity",
            ServiceSource::MicrosoftDefenderForCloudApps => "Microsoft Defender for Cloud Apps",
            ServiceSource::MicrosoftDefenderForOffice365 => "Microsoft Defender for Office 365",
            ServiceSource::Microsoft365Defender => "Microsoft Defender XDR",
            ServiceSource::AzureAdIdentityProtection => "Entra ID Protection",
            ServiceSource::MicrosoftAppGovernance => "App governance",
            ServiceSource::DataLossPrevention => "Data loss prevention",
            ServiceSource::MicrosoftDefenderForCloud => "Microsoft Defender for Cloud",
            ServiceSource::Unknown | ServiceSource::UnknownFutureValue => "Unknown",
            ServiceSource::Unrecognized(s) => s,
        }
    }
}

/// An alert status as Graph spells it.
pub fn status_name(s: &Status) -> &str {
    match s {
        Status::New => "new",
        Status::InProgress => "inProgress",
        Status::Resolved => "resolved",
        Status::Unknown | Status::Unspecified | Status::Hidden => "unknown",
        Status::Unrecognized(s) => s,
    }
}

/// An alert status from Graph's spelling (any case; unknown kept).
pub fn status_from(s: &str) -> Status {
    Status::parse(s)
}

/// A severity as Graph spells it.
pub fn severity_name(s: &Severity) -> &str {
    match s {
        Severity::UnSpecified => "unknown",
        Severity::Informational => "informational",
        Severity::Low => "low",
        Severity::Medium => "medium",
        Severity::High => "high",
        Severity::Unrecognized(s) => s,
    }
}

/// A classification as Graph spells it.
pub fn classification_name(c: &Classification) -> &str {
    match c {
        Classification::Unknown => "unknown",
        Classification::FalsePositive => "falsePositive",
        Classification::TruePositive => "truePositive",
        Classification::InformationalExpectedActivity => "informationalExpectedActivity",
        Classification::Unrecognized(s) => s,
    }
}

/// A determination as Graph spells it (the SDK's names: `notEnoughDataToValidate`, not the MDE
/// API's `NoEnoughDataToValidate`; Graph's `unknown` is the MDE `NotAvailable`).
pub fn determination_name(d: &Determination) -> &str {
    use Determination as D;
    match d {
        D::NotAvailable => "unknown",
        D::Apt => "apt",
        D::Malware => "malware",
        D::SecurityPersonnel => "securityPersonnel",
        D::SecurityTesting => "securityTesting",
        D::UnwantedSoftware => "unwantedSoftware",
        D::Other => "other",
        D::MultiStagedAttack => "multiStagedAttack",
        D::CompromisedAccount => "compromisedAccount",
        D::Phishing => "phishing",
        D::MaliciousUserActivity => "maliciousUserActivity",
        D::NotMalicious => "notMalicious",
        D::NoEnoughDataToValidate => "notEnoughDataToValidate",
        D::ConfirmedActivity => "confirmedActivity",
        D::LineOfBusinessApplication => "lineOfBusinessApplication",
        D::Unrecognized(s) => s,
    }
}

/// A determination from any documented spelling (Graph's `unknown` included).
pub fn determination_from(s: &str) -> Determination {
    if s.eq_ignore_ascii_case("unknown") {
        Determination::NotAvailable
    } else {
        Determination::parse(s)
    }
}

/// The determination's other documented Graph spelling, when the docs dispute the name (the
/// 2022 update page: `compromisedUser`, `clean`, `insufficientData`, `confirmedUserActivity`).
pub fn determination_alternative(d: &Determination) -> Option<&'static str> {
    match d {
        Determination::CompromisedAccount => Some("compromisedUser"),
        Determination::NotMalicious => Some("clean"),
        Determination::NoEnoughDataToValidate => Some("insufficientData"),
        Determination::ConfirmedActivity => Some("confirmedUserActivity"),
        _ => None,
    }
}

/// Member value of a Graph alert status (for `$filter` ordering).
pub fn status_value(s: &Status) -> u32 {
    match s {
        Status::Unknown | Status::Unspecified | Status::Hidden => 0,
        Status::New => 1,
        Status::InProgress => 2,
        Status::Resolved => 3,
        Status::Unrecognized(_) => u32::MAX,
    }
}

/// Member value of a Graph classification.
pub fn classification_value(c: &Classification) -> u32 {
    match c {
        Classification::Unknown => 0,
        Classification::FalsePositive => 1,
        Classification::TruePositive => 2,
        Classification::InformationalExpectedActivity => 3,
        Classification::Unrecognized(_) => u32::MAX,
    }
}

/// Member value of a Graph determination (the SDK's order).
pub fn determination_value(d: &Determination) -> u32 {
    Determination::KNOWN
        .iter()
        .position(|k| k == d)
        .map_or(u32::MAX, |i| i as u32)
}

/// Member value of a Graph severity.
pub fn severity_value(s: &Severity) -> u32 {
    match s {
        Severity::UnSpecified => 0,
        Severity::Informational => 1,
        Severity::Low => 2,
        Severity::Medium => 3,
        Severity::High => 4,
        Severity::Unrecognized(_) => u32::MAX,
    }
}

/// serde helpers that write the MDE enums in Graph's spelling.
pub mod ser {
    use super::*;
    use serde::Serializer;

    /// `status` in Graph's spelling.
    pub fn status<S: Serializer>(v: &Status, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(status_name(v))
    }

    /// `severity` in Graph's spelling.
    pub fn severity<S: Serializer>(v: &Severity, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(severity_name(v))
    }

    /// `classification` (nullable) in Graph's spelling.
    pub fn classification<S: Serializer>(
        v: &Option<Classification>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Some(c) => s.serialize_str(classification_name(c)),
            None => s.serialize_none(),
        }
    }

    /// `determination` (nullable) in Graph's spelling.
    pub fn determination<S: Serializer>(
        v: &Option<Determination>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => s.serialize_str(determination_name(d)),
            None => s.serialize_none(),
        }
    }
}

/// serde helpers that read the MDE enums from Graph, `null` included.
pub mod de {
    use super::*;
    use serde::{Deserialize, Deserializer};

    /// A status; `null` or absent is `unknown`.
    pub fn status<'de, D: Deserializer<'de>>(d: D) -> Result<Status, D::Error> {
        Ok(Option::<Status>::deserialize(d)?.unwrap_or(Status::Unknown))
    }

    /// A severity; `null` or absent is `unknown`.
    pub fn severity<'de, D: Deserializer<'de>>(d: D) -> Result<Severity, D::Error> {
        Ok(Option::<Severity>::deserialize(d)?.unwrap_or(Severity::UnSpecified))
    }

    /// A determination in any documented spelling.
    pub fn determination<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Determination>, D::Error> {
        crate::lenient::with_opt_str(d, determination_from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_spellings_round_trip_through_the_shared_enums() {
        for s in Status::SETTABLE {
            assert_eq!(&status_from(status_name(s)), s);
        }
        assert_eq!(status_name(&Status::parse("inProgress")), "inProgress");
        for sev in Severity::KNOWN {
            assert_eq!(&Severity::parse(severity_name(sev)), sev);
        }
        for c in Classification::KNOWN {
            assert_eq!(&Classification::parse(classification_name(c)), c);
        }
        for d in Determination::KNOWN {
            assert_eq!(&determination_from(determination_name(d)), d, "{d:?}");
        }
        assert_eq!(determination_from("unknown"), Determination::NotAvailable);
        assert_eq!(
            determination_from("insufficientData"),
            Determination::NoEnoughDataToValidate
        );
    }

    #[test]
    fn graph_only_enums_keep_unknown_members() {
        let s: IncidentStatus = serde_json::from_str("\"awaitingAction\"").unwrap();
        assert_eq!(s, IncidentStatus::AwaitingAction);
        let s: IncidentStatus = serde_json::from_str("\"escalated\"").unwrap();
        assert_eq!(s, IncidentStatus::Unrecognized("escalated".into()));
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"escalated\"");
        assert_eq!(
            ServiceSource::parse("MicrosoftDefenderForOffice365").short(),
            "MDO"
        );
        assert_eq!(ServiceSource::MicrosoftDefenderForEndpoint.value(), 1);
    }
}
