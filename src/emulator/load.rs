//! Where the served alerts come from at start: the state file if it exists, else `--data`, else
//! the seeded demo generator.

use super::config::EmulatorConfig;
use super::demo_data::{DemoSpec, generate};
use super::errors::EmulatorError;
use super::store::Record;
use crate::model::{Alert, Timestamp, parse_page};
use serde_json::{Map, Value};
use std::path::Path;

/// The records to start with, and whether they came from the state file.
pub fn initial_records(
    config: &EmulatorConfig,
    now: Timestamp,
) -> Result<(Vec<Record>, bool), EmulatorError> {
    if let Some(state) = &config.state_file
        && state.exists()
    {
        return Ok((read_file(state)?, true));
    }
    if let Some(data) = &config.data_file {
        return Ok((read_file(data)?, false));
    }
    let spec = DemoSpec {
        alerts: config.alerts,
        seed: config.seed,
        end: now,
    };
    Ok((
        generate(&spec).into_iter().map(Record::new).collect(),
        false,
    ))
}

/// Reads an API page or bare array; malformed alerts are logged and skipped.
pub fn read_file(path: &Path) -> Result<Vec<Record>, EmulatorError> {
    let text = std::fs::read_to_string(path).map_err(|source| EmulatorError::File {
        path: path.to_path_buf(),
        source,
    })?;
    let page = parse_page(&text).map_err(|source| EmulatorError::Parse {
        path: path.to_path_buf(),
        source,
    })?;
    for s in &page.skipped {
        tracing::warn!(index = s.index, id = ?s.id, reason = %s.reason, "skipping malformed alert");
    }
    let known = known_keys();
    Ok(page
        .alerts
        .into_iter()
        .map(|p| {
            let extra = match serde_json::from_str::<Value>(&p.raw) {
                Ok(Value::Object(m)) => m
                    .into_iter()
                    .filter(|(k, _)| !known.contains(k))
                    .collect::<Map<String, Value>>(),
                _ => Map::new(),
            };
            Record {
                alert: p.alert,
                extra,
            }
        })
        .collect())
}

fn known_keys() -> Vec<String> {
    match serde_json::to_value(Alert::new("x", "x")) {
        Ok(Value::Object(m)) => m.keys().cloned().collect(),
        _ => Vec::new(),
    }
}
