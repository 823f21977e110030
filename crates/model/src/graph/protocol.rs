//! The console↔sync types of the Graph features: incident writes (in the same outbox as alert
//! writes), incident details, hunting answers and their failures, the hunting quota.

use super::enums::IncidentStatus;
use super::hunt::HuntQuery;
use super::hunting::HuntingResult;
use super::incident::Incident;
use crate::enums::{Classification, Determination};
use crate::protocol::TriageWrite;
use crate::row::AlertRow;
use crate::time::Timestamp;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A change to one incident: any subset of its writable fields plus a comment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IncidentChange {
    /// New status (`active`, `inProgress`, `resolved`, `redirected`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<IncidentStatus>,
    /// New owner (UPN).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_to: Option<String>,
    /// New classification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<Classification>,
    /// New determination.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub determination: Option<Determination>,
    /// The whole new set of custom tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_tags: Option<Vec<String>>,
    /// The comment stored with a resolution (`resolvingComment`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolving_comment: Option<String>,
    /// A comment to append (`POST …/comments`; sent exactly once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl IncidentChange {
    /// True when nothing would change.
    pub fn is_empty(&self) -> bool {
        self.fields_empty() && self.comment.is_none()
    }

    /// True when only a comment (or nothing) is set: no PATCH is needed.
    pub fn fields_empty(&self) -> bool {
        self.status.is_none()
            && self.assigned_to.is_none()
            && self.classification.is_none()
            && self.determination.is_none()
            && self.custom_tags.is_none()
            && self.resolving_comment.is_none()
    }
}

/// A write to one incident the analyst asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentWrite {
    /// The incident.
    pub incident_id: String,
    /// The change.
    pub change: IncidentChange,
    /// `lastUpdateDateTime` of the incident as the analyst saw it, for the conflict check.
    #[serde(default)]
    pub seen_last_update: Option<Timestamp>,
}

/// What an outbox entry writes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// One or more alerts.
    Alerts,
    /// One incident.
    Incident,
}

impl Subject {
    /// The name stored with the entry and shown by the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Alerts => "alerts",
            Subject::Incident => "incident",
        }
    }
}

/// One outbox entry's write. Alert writes keep the shape rows had before incidents existed
/// (no `subject` key), so old rows read as alert writes and old builds read new alert rows;
/// incident writes carry `"subject": "incident"`.
#[derive(Debug, Clone, PartialEq)]
pub enum OutboxWrite {
    /// A triage write to alerts.
    Alerts(TriageWrite),
    /// A write to one incident.
    Incident(IncidentWrite),
}

impl OutboxWrite {
    /// What it writes to.
    pub fn subject(&self) -> Subject {
        match self {
            OutboxWrite::Alerts(_) => Subject::Alerts,
            OutboxWrite::Incident(_) => Subject::Incident,
        }
    }

    /// The ids it writes to (alert ids, or the one incident id).
    pub fn ids(&self) -> Vec<String> {
        match self {
            OutboxWrite::Alerts(w) => w.alert_ids.clone(),
            OutboxWrite::Incident(w) => vec![w.incident_id.clone()],
        }
    }

    /// The comment it carries, if any.
    pub fn comment(&self) -> Option<&str> {
        match self {
            OutboxWrite::Alerts(w) => w.change.comment.as_deref(),
            OutboxWrite::Incident(w) => w.change.comment.as_deref(),
        }
    }

    /// The alert write, when it is one.
    pub fn as_alerts(&self) -> Option<&TriageWrite> {
        match self {
            OutboxWrite::Alerts(w) => Some(w),
            OutboxWrite::Incident(_) => None,
        }
    }
}

impl From<TriageWrite> for OutboxWrite {
    fn from(w: TriageWrite) -> Self {
        OutboxWrite::Alerts(w)
    }
}

impl From<IncidentWrite> for OutboxWrite {
    fn from(w: IncidentWrite) -> Self {
        OutboxWrite::Incident(w)
    }
}

#[derive(Serialize, Deserialize)]
struct TaggedIncident {
    subject: String,
    #[serde(flatten)]
    write: IncidentWrite,
}

impl Serialize for OutboxWrite {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            OutboxWrite::Alerts(w) => w.serialize(s),
            OutboxWrite::Incident(w) => TaggedIncident {
                subject: Subject::Incident.as_str().to_string(),
                write: w.clone(),
            }
            .serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for OutboxWrite {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let v = serde_json::Value::deserialize(d)?;
        match v.get("subject").and_then(|s| s.as_str()) {
            None | Some("alerts") => serde_json::from_value(v)
                .map(OutboxWrite::Alerts)
                .map_err(D::Error::custom),
            Some("incident") => serde_json::from_value::<TaggedIncident>(v)
                .map(|t| OutboxWrite::Incident(t.write))
                .map_err(D::Error::custom),
            Some(other) => Err(D::Error::custom(format!(
                "outbox write for an unknown subject {other:?}"
            ))),
        }
    }
}

/// An incident in full for its detail view.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentDetail {
    /// The incident with its alerts expanded.
    pub incident: Incident,
    /// Its JSON as received (or as cached).
    pub raw: String,
    /// Its alerts as list rows (from the cache when held there, else from the incident).
    pub alerts: Vec<AlertRow>,
}

/// A hunting answer for the console.
#[derive(Debug, Clone, PartialEq)]
pub struct HuntAnswer {
    /// The query it answers.
    pub query: HuntQuery,
    /// The rows.
    pub result: HuntingResult,
    /// When the service ran it.
    pub ran_at: Timestamp,
    /// True when it came from the store rather than a new run.
    pub cached: bool,
}

/// Why a hunting query gave no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HuntFailure {
    /// No Graph sign-in is configured for this profile.
    #[error(
        "hunting needs the Graph API (ThreatHunting.Read.All), which this profile does not use"
    )]
    NotConfigured,
    /// The data is older than hunting keeps.
    #[error("no hunting data: older than the 30 days hunting keeps")]
    TooOld,
    /// The hunting quota is spent; try again after this many seconds.
    #[error("hunting quota spent; try again in {retry_after_secs} s")]
    Throttled {
        /// Seconds until a call is allowed.
        retry_after_secs: u64,
    },
    /// The service refused the query (400, 403): retrying cannot help.
    #[error("hunting query refused: {0}")]
    Refused(String),
    /// The service could not be reached or failed; a retry may work.
    #[error("hunting failed: {0}")]
    Unavailable(String),
}

/// Hunting calls made in the current window, for the status bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HuntQuota {
    /// Calls made in the window.
    pub used: u32,
    /// Calls allowed per window (the service allows at least 45 a minute).
    pub limit: u32,
    /// Seconds until the oldest call leaves the window (0 when none are counted).
    pub resets_in_secs: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enums::Status;
    use crate::protocol::TriageChange;

    #[test]
    fn old_rows_read_as_alert_writes_and_incident_writes_are_tagged() {
        let legacy = r#"{"alert_ids":["da1"],"change":{"status":"Resolved","assigned_to":null,"classification":null,"determination":null,"comment":"x"},"seen_last_update":[["da1",null]]}"#;
        let w: OutboxWrite = serde_json::from_str(legacy).unwrap();
        let OutboxWrite::Alerts(t) = &w else {
            panic!("{w:?}")
        };
        assert_eq!(t.change.status, Some(Status::Resolved));
        assert_eq!(w.ids(), ["da1"]);
        // An alert write is written exactly as before, so an older build still reads it.
        let again = serde_json::to_string(&w).unwrap();
        assert!(!again.contains("subject"), "{again}");
        let _: TriageWrite = serde_json::from_str(&again).unwrap();
        let inc = OutboxWrite::Incident(IncidentWrite {
            incident_id: "1101".into(),
            change: IncidentChange {
                status: Some(IncidentStatus::Resolved),
                classification: Some(Classification::TruePositive),
                comment: Some("closed".into()),
                ..Default::default()
            },
            seen_last_update: None,
        });
        let json = serde_json::to_string(&inc).unwrap();
        assert!(json.contains(r#""subject":"incident""#), "{json}");
        assert_eq!(serde_json::from_str::<OutboxWrite>(&json).unwrap(), inc);
        assert_eq!(inc.subject(), Subject::Incident);
        assert_eq!(inc.comment(), Some("closed"));
        assert!(serde_json::from_str::<OutboxWrite>(r#"{"subject":"device"}"#).is_err());
        let _unused = TriageChange::default();
    }
}
