//! Where the served alerts come from at start: the state file if it exists, else `--data`, else
//! the seeded demo generator.

use super::config::EmulatorConfig;
use super::demo_data::{DemoSpec, generate};
use super::errors::EmulatorError;
use super::record::Record;
use mde_model::{Alert, Timestamp, parse_page};
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_arrays_and_pages_load_and_bad_alerts_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let bare = dir.path().join("bare.json");
        std::fs::write(
            &bare,
            r#"[{"id":"x1","title":"a","futureField":[1]},{"title":"no id"}]"#,
        )
        .unwrap();
        let recs = read_file(&bare).unwrap();
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].alert.id, "x1");
        assert_eq!(recs[0].extra["futureField"], serde_json::json!([1]));
        let page = dir.path().join("page.json");
        std::fs::write(&page, r#"{"@odata.context":"x","value":[{"id":"p1"}]}"#).unwrap();
        assert_eq!(read_file(&page).unwrap()[0].alert.id, "p1");
        let broken = dir.path().join("broken.json");
        std::fs::write(&broken, "not json").unwrap();
        assert!(matches!(
            read_file(&broken),
            Err(EmulatorError::Parse { .. })
        ));
        assert!(matches!(
            read_file(&dir.path().join("missing.json")),
            Err(EmulatorError::File { .. })
        ));
    }
}
