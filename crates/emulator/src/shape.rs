//! A list item as the service sends it — evidence emptied unless expanded, `$select` applied —
//! serialised straight from the typed alert without building a `serde_json::Value` per alert
//! (a 10,000-alert page is then one pass of serde). [`Shaped::write_json`] copies the packed
//! evidence's JSON in as it is stored instead of decoding and encoding it again.

use super::record::Record;
use serde::ser::{Impossible, SerializeStruct};
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

    /// Appends the alert's JSON to `out`. The same value as serialising it, except that packed
    /// evidence is copied in as stored, after the other fields (where the service puts it).
    pub fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        let spliced = self.rec.extra.is_empty() && self.expand && self.keeps("evidence");
        if !(spliced && self.rec.is_packed()) {
            return serde_json::to_writer(&mut *out, self);
        }
        let start = out.len();
        self.serialize_with(&mut serde_json::Serializer::new(&mut *out), true)?;
        // `{…}` without its evidence: reopen it and add the evidence as the last member.
        out.pop();
        if out.len() > start + 1 {
            out.push(b',');
        }
        out.extend_from_slice(b"\"evidence\":");
        self.rec.evidence_json(out);
        out.push(b'}');
        Ok(())
    }

    /// Serialises the alert; `no_evidence` leaves the evidence member out altogether.
    fn serialize_with<S: Serializer>(&self, s: S, no_evidence: bool) -> Result<S::Ok, S::Error> {
        self.rec.alert.serialize(Filter {
            inner: s,
            shape: *self,
            no_evidence,
        })
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
        self.serialize_with(s, false)
    }
}

/// A serializer that passes the alert's top-level struct through, dropping or emptying fields.
struct Filter<'a, S> {
    inner: S,
    shape: Shaped<'a>,
    no_evidence: bool,
}

struct FilterStruct<'a, T> {
    inner: T,
    shape: Shaped<'a>,
    no_evidence: bool,
}

impl<T: SerializeStruct> SerializeStruct for FilterStruct<'_, T> {
    type Ok = T::Ok;
    type Error = T::Error;

    fn serialize_field<V: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), T::Error> {
        if !self.shape.keeps(key) {
            return Ok(());
        }
        if key == "evidence" {
            return if self.no_evidence {
                Ok(())
            } else if self.shape.expand {
                self.inner
                    .serialize_field(key, self.shape.rec.evidence().as_ref())
            } else {
                self.inner.serialize_field(key, &[] as &[Value])
            };
        }
        self.inner.serialize_field(key, value)
    }

    fn end(self) -> Result<T::Ok, T::Error> {
        self.inner.end()
    }
}

fn not_a_struct<E: serde::ser::Error>() -> E {
    E::custom("an alert serialises as a struct")
}

macro_rules! refuse {
    ($($name:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $name(self, $(_: $arg),*) -> Result<Self::Ok, Self::Error> { Err(not_a_struct()) })*
    };
}

impl<'a, S: Serializer> Serializer for Filter<'a, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Impossible<S::Ok, S::Error>;
    type SerializeTuple = Impossible<S::Ok, S::Error>;
    type SerializeTupleStruct = Impossible<S::Ok, S::Error>;
    type SerializeTupleVariant = Impossible<S::Ok, S::Error>;
    type SerializeMap = Impossible<S::Ok, S::Error>;
    type SerializeStruct = FilterStruct<'a, S::SerializeStruct>;
    type SerializeStructVariant = Impossible<S::Ok, S::Error>;

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        Ok(FilterStruct {
            inner: self.inner.serialize_struct(name, len)?,
            shape: self.shape,
            no_evidence: self.no_evidence,
        })
    }

    refuse!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<S::Ok, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        Err(not_a_struct())
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
        evidence_only.alert.evidence = vec![Evidence::empty(EntityType::Ip)];
        evidence_only.pack();
        let unpacked = Record::new(Alert::new("a2", "t"));
        let with_extra = Record::with_extra(
            rec().alert.clone(),
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
            (&unpacked, true, None),
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
