//! Where the served alerts come from at start: the state file if it exists, else `--data`, else
//! the seeded demo generator.

use super::config::EmulatorConfig;
use super::demo_data::{DemoSpec, generate};
use super::errors::EmulatorError;
use super::record::Record;
use mde_model::{Alert, PageReader, ParsedAlert, SkippedAlert, Timestamp};
use serde_json::{Map, Value};
use std::collections::HashSet;
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

/// Reads an API page or bare array; malformed alerts are logged and skipped. The file is read
/// and parsed a piece at a time, each alert's raw text dropped as soon as its unknown fields
/// are kept: holding the whole text and every raw copy at once took a 477 MB page of 100,000
/// alerts to 1.6 GB at its peak, and the freed copies left the heap fragmented.
pub fn read_file(path: &Path) -> Result<Vec<Record>, EmulatorError> {
    use std::io::Read;
    let io = |source| EmulatorError::File {
        path: path.to_path_buf(),
        source,
    };
    let parse = |source| EmulatorError::Parse {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let known = known_keys();
    let mut reader = PageReader::new();
    let mut records = Vec::new();
    let mut piece = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut piece).map_err(io)?;
        if n == 0 {
            break;
        }
        reader.feed(&piece[..n]).map_err(parse)?;
        let (alerts, skipped) = reader.take();
        warn_skipped(&skipped);
        records.extend(alerts.into_iter().map(|p| record(p, &known)));
    }
    let page = reader.finish().map_err(parse)?;
    warn_skipped(&page.skipped);
    records.extend(page.alerts.into_iter().map(|p| record(p, &known)));
    Ok(records)
}

fn warn_skipped(skipped: &[SkippedAlert]) {
    for s in skipped {
        tracing::warn!(index = s.index, id = ?s.id, reason = %s.reason, "skipping malformed alert");
    }
}

/// The stored record of a parsed alert: the fields this build does not model kept verbatim.
fn record(p: ParsedAlert, known: &HashSet<String>) -> Record {
    let extra =
        match has_unknown_members(&p.raw, known).then(|| serde_json::from_str::<Value>(&p.raw)) {
            Some(Ok(Value::Object(m))) => m
                .into_iter()
                .filter(|(k, _)| !known.contains(k))
                .collect::<Map<String, Value>>(),
            _ => Map::new(),
        };
    Record::with_extra(p.alert, extra)
}

fn known_keys() -> HashSet<String> {
    match serde_json::to_value(Alert::new("x", "x")) {
        Ok(Value::Object(m)) => m.keys().cloned().collect(),
        _ => HashSet::new(),
    }
}

/// True when the alert's JSON has a top-level member this build does not model, or cannot be
/// read as an object. Most alerts have none, and their text is then not parsed a second time
/// into a `Value` (that was a fifth of loading a 100k export).
fn has_unknown_members(raw: &str, known: &HashSet<String>) -> bool {
    use serde::de::{DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess, Visitor};
    use std::fmt;

    /// Reads an object's keys, answering whether one is unknown.
    struct Members<'a>(&'a HashSet<String>);
    /// Reads one key, answering whether it is unknown.
    struct Key<'a>(&'a HashSet<String>);

    impl<'de> Visitor<'de> for Members<'_> {
        type Value = bool;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an alert object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<bool, A::Error> {
            let mut unknown = false;
            while let Some(u) = m.next_key_seed(Key(self.0))? {
                unknown |= u;
                m.next_value::<IgnoredAny>()?;
            }
            Ok(unknown)
        }
    }
    impl<'de> DeserializeSeed<'de> for Key<'_> {
        type Value = bool;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
            d.deserialize_str(self)
        }
    }
    impl<'de> Visitor<'de> for Key<'_> {
        type Value = bool;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a member name")
        }
        fn visit_str<E: Error>(self, k: &str) -> Result<bool, E> {
            Ok(!self.0.contains(k))
        }
    }
    let mut de = serde_json::Deserializer::from_str(raw);
    de.deserialize_map(Members(known)).unwrap_or(true)
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
        assert_eq!(recs[0].alert().id, "x1");
        assert_eq!(recs[0].extra["futureField"], serde_json::json!([1]));
        assert_eq!(recs[0].extra.len(), 1, "only the unknown member is extra");
        let page = dir.path().join("page.json");
        std::fs::write(&page, r#"{"@odata.context":"x","value":[{"id":"p1"}]}"#).unwrap();
        let read = read_file(&page).unwrap();
        assert_eq!(read[0].alert().id, "p1");
        assert!(read[0].extra.is_empty(), "known members only: no extra");
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

    #[test]
    fn only_top_level_members_this_build_does_not_model_count_as_unknown() {
        let known = known_keys();
        let cases = [
            (r#"{"id":"a","title":"t"}"#, false),
            (r#"{"id":"a","ti\u0074le":"t"}"#, false),
            (r#"{"id":"a","evidence":[{"newThing":1}]}"#, false),
            (r#"{"id":"a","newThing":{"id":1}}"#, true),
            (r#"["not an object"]"#, true),
            ("{\"id\":", true),
        ];
        for (raw, unknown) in cases {
            assert_eq!(has_unknown_members(raw, &known), unknown, "{raw}");
        }
    }
}
