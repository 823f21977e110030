//! What the console may ask advanced hunting: a closed set of queries over validated values. A
//! query is built only from a 40-hex machine id, integer process ids and timestamps (re-formatted
//! when written), never from a string out of an alert, so no alert content can reach KQL.

use crate::alert::Alert;
use crate::enums::EntityType;
use crate::time::Timestamp;
use std::fmt;

/// How far back hunting data reaches.
pub const RETENTION_DAYS: i64 = 30;

/// A value that cannot go into a hunting query.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a valid {what}: {shown}")]
pub struct InvalidValue {
    /// What was expected.
    pub what: &'static str,
    /// The value, cut short (it may be hostile; sanitise before display).
    pub shown: String,
}

fn invalid(what: &'static str, s: &str) -> InvalidValue {
    InvalidValue {
        what,
        shown: s.chars().take(48).collect(),
    }
}

/// An MDE machine id (hunting's `DeviceId`): exactly 40 hex digits, kept in lower case.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct MachineId(String);

impl MachineId {
    /// Validates a machine id.
    pub fn parse(s: &str) -> Result<Self, InvalidValue> {
        if s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
            Ok(MachineId(s.to_ascii_lowercase()))
        } else {
            Err(invalid("machine id (40 hex digits)", s))
        }
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for MachineId {
    type Error = InvalidValue;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        MachineId::parse(&s)
    }
}

impl From<MachineId> for String {
    fn from(m: MachineId) -> String {
        m.0
    }
}

impl fmt::Display for MachineId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A process id (a non-negative integer below 2³²).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct ProcessId(u32);

impl ProcessId {
    /// Validates a process id from the model's integer.
    pub fn new(pid: i64) -> Result<Self, InvalidValue> {
        u32::try_from(pid)
            .map(ProcessId)
            .map_err(|_| invalid("process id", &pid.to_string()))
    }

    /// The id.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Display for ProcessId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// An alert id usable in `AlertEvidence | where AlertId == …`: 1–128 of `[A-Za-z0-9_-]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HuntAlertId(String);

impl HuntAlertId {
    /// Validates an alert id.
    pub fn parse(s: &str) -> Result<Self, InvalidValue> {
        let ok = (1..=128).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if ok {
            Ok(HuntAlertId(s.to_string()))
        } else {
            Err(invalid("alert id", s))
        }
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for HuntAlertId {
    type Error = InvalidValue;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        HuntAlertId::parse(&s)
    }
}

impl From<HuntAlertId> for String {
    fn from(a: HuntAlertId) -> String {
        a.0
    }
}

/// One process: pids are reused, so a process is its pid *and* its creation time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct ProcessKey {
    /// Process id.
    pub pid: ProcessId,
    /// When it started.
    pub created: Timestamp,
}

/// The hunting queries the console can run.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum HuntQuery {
    /// Every process created on a device in a window: the process story (one query; the tree
    /// is built from the rows).
    DeviceProcesses {
        /// The device.
        device: MachineId,
        /// Window start.
        from: Timestamp,
        /// Window end.
        to: Timestamp,
    },
    /// The processes one process started.
    ProcessChildren {
        /// The device.
        device: MachineId,
        /// The parent.
        process: ProcessKey,
    },
    /// The row that created one process (one hop up the ancestry).
    ProcessParent {
        /// The device.
        device: MachineId,
        /// The child.
        process: ProcessKey,
    },
    /// The network connections of one process.
    ProcessNetwork {
        /// The device.
        device: MachineId,
        /// The process.
        process: ProcessKey,
    },
    /// The files one process created or changed.
    ProcessFiles {
        /// The device.
        device: MachineId,
        /// The process.
        process: ProcessKey,
    },
    /// The evidence of one alert as hunting records it (every Defender product).
    AlertEvidence {
        /// The alert.
        alert: HuntAlertId,
    },
}

impl HuntQuery {
    /// A short description for status lines and logs (only validated values in it).
    pub fn describe(&self) -> String {
        match self {
            HuntQuery::DeviceProcesses { device, from, to } => {
                format!("processes on {device} {from} .. {to}")
            }
            HuntQuery::ProcessChildren { device, process } => {
                format!("children of pid {} on {device}", process.pid)
            }
            HuntQuery::ProcessParent { device, process } => {
                format!("parent of pid {} on {device}", process.pid)
            }
            HuntQuery::ProcessNetwork { device, process } => {
                format!("network events of pid {} on {device}", process.pid)
            }
            HuntQuery::ProcessFiles { device, process } => {
                format!("file events of pid {} on {device}", process.pid)
            }
            HuntQuery::AlertEvidence { alert } => format!("evidence of alert {}", alert.as_str()),
        }
    }

    /// The newest time the query looks at, when it has one (for the retention check).
    pub fn newest_time(&self) -> Option<Timestamp> {
        match self {
            HuntQuery::DeviceProcesses { to, .. } => Some(*to),
            HuntQuery::ProcessChildren { process, .. }
            | HuntQuery::ProcessParent { process, .. }
            | HuntQuery::ProcessNetwork { process, .. }
            | HuntQuery::ProcessFiles { process, .. } => Some(process.created),
            HuntQuery::AlertEvidence { .. } => None,
        }
    }
}

/// Why an alert has no process story.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoryUnavailable {
    /// The alert names no device (not an endpoint alert).
    #[error("the alert names no device, so there is no process story")]
    NoDevice,
    /// The device id is not a machine id.
    #[error("{0}")]
    BadDevice(InvalidValue),
    /// The alert has no time to centre the story on.
    #[error("the alert has no event or creation time")]
    NoTime,
    /// The activity is older than hunting keeps.
    #[error(
        "no hunting data: the alert's activity is {days} days old and hunting keeps {RETENTION_DAYS}"
    )]
    TooOld {
        /// Age of the newest activity, in days.
        days: i64,
    },
}

/// The window of the process story: one hour either side of the alert's activity and of its
/// evidence processes' start times.
pub fn story_window(a: &Alert) -> Option<(Timestamp, Timestamp)> {
    let mut times: Vec<Timestamp> = [a.first_event_time, a.last_event_time]
        .into_iter()
        .flatten()
        .collect();
    times.extend(
        a.evidence
            .iter()
            .filter(|e| e.entity_type == EntityType::Process)
            .filter_map(|e| e.process_creation_time),
    );
    if times.is_empty() {
        times.extend(a.alert_creation_time);
    }
    let from = times.iter().min()?;
    let to = times.iter().max()?;
    let hour = chrono::Duration::hours(1);
    Some((
        Timestamp(from.0.checked_sub_signed(hour)?),
        Timestamp(to.0.checked_add_signed(hour)?),
    ))
}

/// The process-story query of an endpoint alert at `now`, or why there is none.
pub fn process_story(a: &Alert, now: Timestamp) -> Result<HuntQuery, StoryUnavailable> {
    let device = a.machine_id.as_deref().ok_or(StoryUnavailable::NoDevice)?;
    let device = MachineId::parse(device).map_err(StoryUnavailable::BadDevice)?;
    let (from, to) = story_window(a).ok_or(StoryUnavailable::NoTime)?;
    let age = now.0.signed_duration_since(to.0).num_days();
    if age >= RETENTION_DAYS {
        return Err(StoryUnavailable::TooOld { days: age });
    }
    Ok(HuntQuery::DeviceProcesses { device, from, to })
}

/// The key of an evidence process, when its pid and start time are valid.
pub fn evidence_process_key(pid: Option<i64>, created: Option<Timestamp>) -> Option<ProcessKey> {
    Some(ProcessKey {
        pid: ProcessId::new(pid?).ok()?,
        created: created?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::Evidence;

    fn ts(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    #[test]
    fn only_well_formed_values_are_accepted() {
        assert!(MachineId::parse(&"a".repeat(40)).is_ok());
        assert_eq!(
            MachineId::parse(&"AB".repeat(20)).unwrap().as_str(),
            "ab".repeat(20)
        );
        for bad in [
            "",
            &"a".repeat(39),
            &"a".repeat(41),
            &format!("{}\"", "a".repeat(39)),
            &format!("{}' or 1==1 //", "a".repeat(28)),
            "ｆ".repeat(40).as_str(),
        ] {
            assert!(MachineId::parse(bad).is_err(), "{bad:?}");
        }
        assert!(ProcessId::new(-1).is_err());
        assert!(ProcessId::new(1 << 40).is_err());
        assert_eq!(ProcessId::new(4520).unwrap().get(), 4520);
        assert!(HuntAlertId::parse("da638_1-2").is_ok());
        assert!(HuntAlertId::parse("da\" | take 1").is_err());
        assert!(HuntAlertId::parse("").is_err());
        // The serde path validates too: a stored query cannot smuggle a value in.
        let bad: Result<MachineId, _> = serde_json::from_str("\"x\\\" or 1==1\"");
        assert!(bad.is_err());
    }

    #[test]
    fn the_story_spans_the_activity_and_refuses_old_alerts() {
        let mut a = Alert::new("da1", "t");
        assert_eq!(
            process_story(&a, ts("2024-01-02T00:00:00Z")),
            Err(StoryUnavailable::NoDevice)
        );
        a.machine_id = Some("not hex".into());
        assert!(matches!(
            process_story(&a, ts("2024-01-02T00:00:00Z")),
            Err(StoryUnavailable::BadDevice(_))
        ));
        a.machine_id = Some("0123456789abcdef0123456789ABCDEF01234567".into());
        assert_eq!(
            process_story(&a, ts("2024-01-02T00:00:00Z")),
            Err(StoryUnavailable::NoTime)
        );
        a.first_event_time = Some(ts("2024-01-01T10:00:00Z"));
        a.last_event_time = Some(ts("2024-01-01T10:05:00Z"));
        let mut p = Evidence::empty(EntityType::Process);
        p.process_creation_time = Some(ts("2024-01-01T09:30:00Z"));
        a.evidence.push(p);
        let q = process_story(&a, ts("2024-01-02T00:00:00Z")).unwrap();
        assert_eq!(
            q,
            HuntQuery::DeviceProcesses {
                device: MachineId::parse("0123456789abcdef0123456789abcdef01234567").unwrap(),
                from: ts("2024-01-01T08:30:00Z"),
                to: ts("2024-01-01T11:05:00Z"),
            }
        );
        assert_eq!(
            process_story(&a, ts("2024-02-15T00:00:00Z")),
            Err(StoryUnavailable::TooOld { days: 44 })
        );
    }
}
