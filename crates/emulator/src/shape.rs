//! A list item as the service sends it: evidence emptied unless expanded, `$select` applied.
//! [`Shaped::write_json`] copies the alert's stored JSON out as it is (see `packed`); the other
//! shapes are serialised from the typed alert.

use super::fields::Fields;
use super::record::Record;
use serde::{Serialize, Serializer};
use serde_json::Value;

/// One alert shaped for a list answer.
#[derive(Debug, Clone, Copy)]
pub struct Shaped<'a> {
    /// The stored alert.
    pub rec: &'a Record,
    /// `$expand=evidence`.
    pub expand: bool,
    /// `$select`ed names, or None for all.
    pub select: Option<&'a [String]>,
}

impl Shaped<'_> {
    fn keeps(&self, key: &str) -> bool {
        self.select
            .is_none_or(|cols| cols.iter().any(|c| c == key) || (self.expand && key == "evidence"))
    }

    /// Appends the alert's JSON to `out`. The same value as serialising it; without `$select`
    /// or unknown fields, the stored JSON (evidence last, where the service puts it).
    pub fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        if self.select.is_none()
            && self.rec.extra.is_empty()
            && self.rec.write_json(out, self.expand)
        {
            return Ok(());
        }
        serde_json::to_writer(&mut *out, self)
    }
}

impl Serialize for Shaped<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if !self.rec.extra.is_empty() {
            // Unknown fields have dynamic names: take the slower map path for these alerts.
            let mut m = self.rec.to_json();
            if !self.expand {
                m.insert("evidence".into(), Value::Array(Vec::new()));
            }
            m.retain(|k, _| self.keeps(k));
            return m.serialize(s);
        }
        let evidence = if self.expand {
            self.rec.evidence()
        } else {
            Default::default()
        };
        Fields {
            alert: self.rec.alert(),
            select: self.select,
            evidence: self.keeps("evidence").then_some(evidence.as_ref()),
        }
        .serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::{Alert, EntityType, Evidence};

    fn rec() -> Record {
        let mut a = Alert::new("a1", "t");
        a.evidence.push(Evidence::empty(EntityType::File));
        Record::new(a)
    }

    #[test]
    fn matches_the_value_path() {
        let r = rec();
        for (expand, select) in [
            (false, None),
            (true, None),
            (false, Some(vec!["id".to_string(), "evidence".to_string()])),
            (true, Some(vec!["title".to_string()])),
        ] {
            let fast = serde_json::to_value(Shaped {
                rec: &r,
                expand,
                select: select.as_deref(),
            })
            .unwrap();
            let mut slow = r.to_json();
            if !expand {
                slow.insert("evidence".into(), Value::Array(vec![]));
            }
            if let Some(cols) = &select {
                slow.retain(|k, _| cols.contains(k) || (expand && k == "evidence"));
            }
            assert_eq!(
                fast,
                Value::Object(slow),
                "expand={expand} select={select:?}"
            );
        }
        let mut evidence_only = rec();
        evidence_only.edit(|a| a.evidence = vec![Evidence::empty(EntityType::Ip)]);
        let no_evidence = Record::new(Alert::new("a2", "t"));
        let with_extra = Record::with_extra(
            rec().alert().clone(),
            serde_json::from_str(r#"{"x":1}"#).unwrap(),
        );
        let cols = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        for (r, expand, select) in [
            (&r, true, None),
            (&r, false, None),
            (&r, true, Some(cols(&["title"]))),
            (&r, true, Some(cols(&["evidence"]))),
            (&r, false, Some(cols(&["evidence"]))),
            (&evidence_only, true, Some(cols(&["nothing"]))),
            (&no_evidence, true, None),
            (&no_evidence, false, None),
            (&with_extra, true, None),
        ] {
            let shaped = Shaped {
                rec: r,
                expand,
                select: select.as_deref(),
            };
            let mut out = b"[".to_vec();
            shaped.write_json(&mut out).unwrap();
            let written: Value = serde_json::from_slice(&out[1..]).unwrap();
            assert_eq!(
                written,
                serde_json::to_value(shaped).unwrap(),
                "expand={expand} select={select:?}: {}",
                String::from_utf8_lossy(&out)
            );
            assert!(out.starts_with(b"["), "what was in the buffer stays");
        }
        let mut with_extra = rec();
        with_extra.extra = serde_json::from_str(r#"{"x":1}"#).unwrap();
        let v = serde_json::to_value(Shaped {
            rec: &with_extra,
            expand: false,
            select: None,
        })
        .unwrap();
        assert_eq!(v["x"], 1);
        assert_eq!(v["evidence"], serde_json::json!([]));
    }
}
