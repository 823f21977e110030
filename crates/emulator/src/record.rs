//! One stored alert: the typed alert plus the fields this build does not model, served back
//! verbatim. Its evidence is held packed: the JSON the service sends for it, compressed (lz4).
//! Typed, each item is a struct of 25 mostly empty fields plus its strings, the largest part of
//! the heap in a massif profile of the emulator holding 10,000 alerts; packed, it is one
//! allocation per alert (100,000 alerts: 137 MB). Kept as JSON, a list answer copies it out
//! instead of decoding and re-encoding it (scale issue: that was a fifth of a 100k sync's CPU).
//! It is unpacked into types where it is read (the related entities, hunting, the Graph
//! projection, the device index).

use mde_model::{Alert, Evidence};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// One stored alert: the typed alert plus any fields this build does not model (from `--data`).
#[derive(Debug, Clone)]
pub struct Record {
    /// The alert. Once stored, its `evidence` is empty: the evidence is in `packed`.
    pub alert: Alert,
    /// Unknown top-level fields, served back verbatim.
    pub extra: Map<String, Value>,
    /// The evidence's JSON, lz4-compressed with its length first (`None`: none, or not
    /// packed yet).
    packed: Option<Box<[u8]>>,
}

impl Record {
    /// A record without unknown fields.
    pub fn new(alert: Alert) -> Self {
        Record::with_extra(alert, Map::new())
    }

    /// A record with the unknown fields it was read with.
    pub fn with_extra(alert: Alert, extra: Map<String, Value>) -> Self {
        let mut r = Record {
            alert,
            extra,
            packed: None,
        };
        r.pack();
        r
    }

    /// Moves the alert's evidence into the packed form and gives back the spare capacity of
    /// its other lists. Every way into the store calls it, so a record that was changed in
    /// place with its evidence unpacked is packed again there.
    pub fn pack(&mut self) {
        let a = &mut self.alert;
        if !a.evidence.is_empty() {
            match serde_json::to_vec(&a.evidence) {
                Ok(json) => {
                    let bytes = lz4_flex::compress_prepend_size(&json);
                    self.packed = Some(bytes.into_boxed_slice());
                    a.evidence = Vec::new();
                }
                // Cannot happen for these types; keeping the typed evidence loses nothing.
                Err(e) => tracing::warn!(id = %a.id, error = %e, "evidence kept unpacked"),
            }
        }
        a.comments.shrink_to_fit();
        a.mitre_techniques.shrink_to_fit();
        a.logged_on_users.shrink_to_fit();
        a.domains.shrink_to_fit();
    }

    /// The evidence, unpacked.
    pub fn evidence(&self) -> Cow<'_, [Evidence]> {
        let mut json = Vec::new();
        if !self.evidence_json(&mut json) {
            return Cow::Borrowed(&self.alert.evidence);
        }
        Cow::Owned(serde_json::from_slice(&json).unwrap_or_else(|e| {
            tracing::warn!(id = %self.alert.id, error = %e, "packed evidence unreadable");
            Vec::new()
        }))
    }

    /// True when the evidence is packed (and [`Record::evidence_json`] gives it).
    pub fn is_packed(&self) -> bool {
        self.packed.is_some() && self.alert.evidence.is_empty()
    }

    /// Appends the packed evidence's JSON (an array) to `out`, as it was packed; false, with
    /// nothing appended, when the evidence is not packed (it is then in `alert.evidence`).
    pub fn evidence_json(&self, out: &mut Vec<u8>) -> bool {
        let Some(bytes) = self.packed.as_ref().filter(|_| self.is_packed()) else {
            return false;
        };
        let start = out.len();
        let unpacked = lz4_flex::block::uncompressed_size(bytes).and_then(|(len, body)| {
            out.resize(start + len, 0);
            lz4_flex::block::decompress_into(body, &mut out[start..])
        });
        match unpacked {
            Ok(n) => {
                out.truncate(start + n);
                true
            }
            // Cannot happen for bytes this record packed; an empty list loses only the evidence.
            Err(e) => {
                tracing::warn!(id = %self.alert.id, error = %e, "packed evidence unreadable");
                out.truncate(start);
                out.extend_from_slice(b"[]");
                true
            }
        }
    }

    /// The whole alert, evidence included.
    pub fn expanded(&self) -> Cow<'_, Alert> {
        if !self.is_packed() {
            return Cow::Borrowed(&self.alert);
        }
        let mut a = self.alert.clone();
        a.evidence = self.evidence().into_owned();
        Cow::Owned(a)
    }

    /// The alert as the API sends it (unknown fields appended after the known ones).
    pub fn to_json(&self) -> Map<String, Value> {
        let mut m = match serde_json::to_value(self.expanded().as_ref()) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::Timestamp;

    #[test]
    fn packed_evidence_comes_back_as_it_went_in() {
        let spec =
            crate::demo_data::DemoSpec::new(7, Timestamp::parse("2026-03-01T00:00:00Z").unwrap());
        let alerts = crate::demo_data::generate(&spec);
        assert!(alerts.iter().any(|a| a.evidence.len() > 3));
        for a in alerts.into_iter().take(300) {
            let r = Record::new(a.clone());
            assert!(r.alert.evidence.is_empty(), "stored packed");
            assert_eq!(r.evidence().as_ref(), a.evidence.as_slice(), "{}", a.id);
            let mut json = b"x".to_vec();
            assert_eq!(r.evidence_json(&mut json), !a.evidence.is_empty());
            if !a.evidence.is_empty() {
                assert_eq!(
                    json[1..],
                    serde_json::to_vec(&a.evidence).unwrap(),
                    "{}",
                    a.id
                );
            }
            assert_eq!(r.expanded().as_ref(), &a);
            assert_eq!(
                serde_json::to_value(r.expanded().as_ref()).unwrap(),
                serde_json::to_value(&a).unwrap()
            );
        }
    }

    #[test]
    fn a_record_changed_in_place_is_packed_again() {
        let mut a = Alert::new("x", "t");
        a.evidence = vec![Evidence::empty(mde_model::EntityType::File)];
        let mut r = Record::new(a.clone());
        let mut more = r.expanded().into_owned();
        more.evidence
            .push(Evidence::empty(mde_model::EntityType::Ip));
        r.alert = more;
        assert_eq!(
            r.evidence().len(),
            2,
            "the unpacked evidence wins until packed"
        );
        r.pack();
        assert!(r.alert.evidence.is_empty());
        assert_eq!(r.evidence().len(), 2);
    }
}
