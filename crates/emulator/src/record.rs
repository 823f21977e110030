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
