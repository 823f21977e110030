//! One stored alert: the typed alert plus the fields this build does not model, served back
//! verbatim.

use mde_model::Alert;
use serde_json::{Map, Value};

/// One stored alert: the typed alert plus any fields this build does not model (from `--data`).
#[derive(Debug, Clone)]
pub struct Record {
    /// The alert.
    pub alert: Alert,
    /// Unknown top-level fields, served back verbatim.
    pub extra: Map<String, Value>,
}

impl Record {
    /// A record without unknown fields.
    pub fn new(alert: Alert) -> Self {
        Record {
            alert,
            extra: Map::new(),
        }
    }

    /// Gives back the spare capacity of the alert's lists: a list parsed or generated grows by
    /// doubling, and at 100,000 held alerts the unused half of the evidence lists alone was
    /// tens of megabytes.
    pub fn compact(&mut self) {
        let a = &mut self.alert;
        a.evidence.shrink_to_fit();
        a.comments.shrink_to_fit();
        a.mitre_techniques.shrink_to_fit();
        a.logged_on_users.shrink_to_fit();
        a.domains.shrink_to_fit();
    }

    /// The alert as the API sends it (unknown fields appended after the known ones).
    pub fn to_json(&self) -> Map<String, Value> {
        let mut m = match serde_json::to_value(&self.alert) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        };
        for (k, v) in &self.extra {
            if !m.contains_key(k) {
                m.insert(k.clone(), v.clone());
            }
        }
        m
    }
}
