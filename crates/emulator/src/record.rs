//! One stored alert: the typed alert plus the fields this build does not model, served back
//! verbatim. Its JSON is held packed (see `packed`): typed, each evidence item is a struct of 25
//! mostly empty fields plus its strings, the largest part of the heap in a massif profile of
//! the emulator holding 10,000 alerts; packed, it is one allocation per alert, and a list answer
//! copies it out instead of serialising it. The evidence is unpacked into types where it is
//! read (the related entities, hunting, the Graph projection, the device index).

use super::fields::Fields;
use super::packed::Packed;
use mde_model::{Alert, Evidence};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// One stored alert: the typed alert plus any fields this build does not model (from `--data`).
#[derive(Debug, Clone)]
pub struct Record {
    /// The alert. Its `evidence` is empty when packed: the evidence is in `packed`. Boxed, as
    /// it is 720 bytes: the store's tree nodes and the loader's list then hold pointers (the
    /// loader's list, grown by doubling and held beside the tree, was the emulator's peak).
    alert: Box<Alert>,
    /// Unknown top-level fields, served back verbatim.
    pub extra: Map<String, Value>,
    /// The alert's JSON as served, with its evidence; `None` only if it could not be packed,
    /// and then the alert keeps its evidence typed (`pack` keeps the two exclusive).
    packed: Option<Packed>,
}

impl Record {
    /// A record without unknown fields.
    pub fn new(alert: Alert) -> Self {
        Record::with_extra(alert, Map::new())
    }

    /// A record with the unknown fields it was read with.
    pub fn with_extra(alert: Alert, extra: Map<String, Value>) -> Self {
        let mut r = Record {
            alert: Box::new(alert),
            extra,
            packed: None,
        };
        r.pack();
        r
    }

    /// The alert; its `evidence` is empty (read it with [`Record::evidence`]).
    pub fn alert(&self) -> &Alert {
        &self.alert
    }

    /// Changes the alert and packs it again. `f` sees the alert without its evidence; evidence
    /// it sets replaces the stored evidence.
    pub fn edit<R>(&mut self, f: impl FnOnce(&mut Alert) -> R) -> R {
        let r = f(&mut self.alert);
        self.pack();
        r
    }

    /// Packs the alert's JSON, with the typed evidence when there is some (it replaces what
    /// was packed), else with the packed evidence, and gives back the spare capacity of its
    /// other lists.
    fn pack(&mut self) {
        let a = &mut self.alert;
        let mut evidence = Vec::new();
        if !a.evidence.is_empty() {
            // Cannot fail for these types; keeping the typed evidence loses nothing.
            if let Err(e) = serde_json::to_writer(&mut evidence, &a.evidence) {
                tracing::warn!(id = %a.id, error = %e, "evidence kept unpacked");
                self.packed = None;
                return;
            }
        } else if !self
            .packed
            .as_ref()
            .is_some_and(|p| p.write_evidence(&mut evidence))
        {
            evidence.extend_from_slice(b"[]");
        }
        let fields = Fields {
            alert: a,
            select: None,
            evidence: None,
        };
        let packed = serde_json::to_vec(&fields).ok().and_then(|mut head| {
            head.pop(); // its `}`: the evidence goes after the other members
            Packed::new(head, &evidence)
        });
        match packed {
            Some(p) => {
                self.packed = Some(p);
                a.evidence = Vec::new();
            }
            // Cannot happen for these types; the alert is kept typed rather than served stale.
            None => {
                if a.evidence.is_empty() {
                    a.evidence = serde_json::from_slice(&evidence).unwrap_or_default();
                }
                self.packed = None;
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
        if !self
            .packed
            .as_ref()
            .is_some_and(|p| p.write_evidence(&mut json))
        {
            return Cow::Borrowed(&self.alert.evidence);
        }
        Cow::Owned(serde_json::from_slice(&json).unwrap_or_else(|e| {
            tracing::warn!(id = %self.alert.id, error = %e, "packed evidence unreadable");
            Vec::new()
        }))
    }

    /// Appends the alert's JSON as stored (known fields only; the evidence emptied unless
    /// `with_evidence`) to `out`; false, with nothing appended, when it is not packed.
    pub fn write_json(&self, out: &mut Vec<u8>, with_evidence: bool) -> bool {
        self.packed.as_ref().is_some_and(|p| {
            if with_evidence {
                p.write(out)
            } else {
                p.write_without_evidence(out)
            }
        })
    }

    /// The whole alert, evidence included.
    pub fn expanded(&self) -> Cow<'_, Alert> {
        if self.packed.is_none() {
            return Cow::Borrowed(&self.alert);
        }
        let mut a = (*self.alert).clone();
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
    fn packed_alerts_come_back_as_they_went_in() {
        let spec =
            crate::demo_data::DemoSpec::new(7, Timestamp::parse("2026-03-01T00:00:00Z").unwrap());
        let alerts = crate::demo_data::generate(&spec);
        assert!(alerts.iter().any(|a| a.evidence.len() > 3));
        let bare = Alert::new("bare", "no evidence");
        for a in alerts.into_iter().take(300).chain([bare]) {
            let r = Record::new(a.clone());
            assert!(r.alert().evidence.is_empty(), "stored packed");
            assert_eq!(r.evidence().as_ref(), a.evidence.as_slice(), "{}", a.id);
            assert_eq!(r.expanded().as_ref(), &a);
            let mut json = b"x".to_vec();
            assert!(r.write_json(&mut json, true));
            let whole: Value = serde_json::from_slice(&json[1..]).unwrap();
            assert_eq!(whole, serde_json::to_value(&a).unwrap(), "{}", a.id);
            json.truncate(1);
            assert!(r.write_json(&mut json, false));
            let mut bare = a.clone();
            bare.evidence.clear();
            let without: Value = serde_json::from_slice(&json[1..]).unwrap();
            assert_eq!(without, serde_json::to_value(&bare).unwrap(), "{}", a.id);
        }
    }

    #[test]
    fn an_edit_is_packed_and_keeps_the_evidence_it_does_not_set() {
        let mut a = Alert::new("x", "t");
        a.evidence = vec![Evidence::empty(mde_model::EntityType::File)];
        let mut r = Record::new(a);
        r.edit(|a| a.title = "changed".into());
        assert_eq!(r.evidence().len(), 1, "the packed evidence is kept");
        let mut json = Vec::new();
        assert!(r.write_json(&mut json, true));
        let v: Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(v["title"], "changed", "the stored JSON is the edited alert");
        let mut more = r.evidence().into_owned();
        more.push(Evidence::empty(mde_model::EntityType::Ip));
        r.edit(|a| a.evidence = more);
        assert!(r.alert().evidence.is_empty());
        assert_eq!(r.evidence().len(), 2, "evidence set in an edit replaces it");
        assert_eq!(r.expanded().title, "changed");
    }
}
