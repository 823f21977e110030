//! A stored alert's JSON as a list answer sends it, lz4-compressed (scale issue). Writing each
//! alert's top-level fields with serde at every list answer was half the emulator's serving
//! CPU in a profile of a 100k sync, most of it escaping the strings; the emulator shares the
//! machine with the console it measures, so its serving cost showed in the console's numbers.
//! Kept whole, a list answer is one decompression per alert.
//!
//! The evidence is the last member, so the same bytes also give the alert without it (cut at
//! `evidence_at`) and the evidence alone. Blocks are compressed against a dictionary made of
//! the schema (every field name, every entity type), as each alert is too short to repeat its
//! own names: the whole alert then takes about what its evidence alone took before.

use mde_model::{Alert, EntityType, Evidence};
use std::sync::OnceLock;

/// One alert's JSON, compressed.
#[derive(Debug, Clone)]
pub struct Packed {
    /// lz4 block with its length first.
    bytes: Box<[u8]>,
    /// Where the evidence's array starts in the JSON (after `"evidence":`).
    evidence_at: u32,
}

/// The schema's JSON: an alert with one empty evidence item of each entity type.
fn dictionary() -> &'static [u8] {
    static DICT: OnceLock<Vec<u8>> = OnceLock::new();
    DICT.get_or_init(|| {
        let mut a = Alert::new("", "");
        a.evidence = EntityType::KNOWN
            .iter()
            .cloned()
            .map(Evidence::empty)
            .collect();
        // The types serialise infallibly; an empty dictionary only compresses less.
        serde_json::to_vec(&a).unwrap_or_default()
    })
}

impl Packed {
    /// Packs `head` (the alert's JSON without its evidence member, its closing brace left off)
    /// followed by `evidence` (a JSON array).
    pub fn new(mut head: Vec<u8>, evidence: &[u8]) -> Option<Packed> {
        if head.len() > 1 {
            head.push(b',');
        }
        head.extend_from_slice(b"\"evidence\":");
        let evidence_at = u32::try_from(head.len()).ok()?;
        head.extend_from_slice(evidence);
        head.push(b'}');
        let bytes = lz4_flex::block::compress_prepend_size_with_dict(&head, dictionary());
        Some(Packed {
            bytes: bytes.into_boxed_slice(),
            evidence_at,
        })
    }

    /// Appends the whole alert's JSON to `out`; false, with nothing appended, if the block is
    /// unreadable (it cannot be, for bytes [`Packed::new`] made).
    pub fn write(&self, out: &mut Vec<u8>) -> bool {
        let start = out.len();
        let unpacked = lz4_flex::block::uncompressed_size(&self.bytes).and_then(|(len, body)| {
            out.resize(start + len, 0);
            lz4_flex::block::decompress_into_with_dict(body, &mut out[start..], dictionary())
        });
        match unpacked {
            Ok(n) if n > self.evidence_at as usize => {
                out.truncate(start + n);
                true
            }
            _ => {
                out.truncate(start);
                false
            }
        }
    }

    /// Appends the alert's JSON with its evidence emptied (`"evidence":[]`).
    pub fn write_without_evidence(&self, out: &mut Vec<u8>) -> bool {
        let start = out.len();
        if !self.write(out) {
            return false;
        }
        out.truncate(start + self.evidence_at as usize);
        out.extend_from_slice(b"[]}");
        true
    }

    /// Appends the evidence's JSON (an array).
    pub fn write_evidence(&self, out: &mut Vec<u8>) -> bool {
        let start = out.len();
        if !self.write(out) {
            return false;
        }
        // Drop the alert's other members before the array and its closing brace after it.
        out.pop();
        out.drain(start..start + self.evidence_at as usize);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parts_come_back_as_they_went_in() {
        let p = Packed::new(br#"{"id":"a","title":"t""#.to_vec(), br#"[{"x":1}]"#).unwrap();
        let mut out = b"[".to_vec();
        assert!(p.write(&mut out));
        assert_eq!(out, br#"[{"id":"a","title":"t","evidence":[{"x":1}]}"#);
        out.truncate(1);
        assert!(p.write_without_evidence(&mut out));
        assert_eq!(out, br#"[{"id":"a","title":"t","evidence":[]}"#);
        out.truncate(1);
        assert!(p.write_evidence(&mut out));
        assert_eq!(out, br#"[[{"x":1}]"#);
        let empty = Packed::new(b"{".to_vec(), b"[]").unwrap();
        out.clear();
        assert!(empty.write(&mut out));
        assert_eq!(out, br#"{"evidence":[]}"#);
    }

    #[test]
    fn the_dictionary_makes_alerts_smaller() {
        let spec = crate::demo_data::DemoSpec::new(
            3,
            mde_model::Timestamp::parse("2026-03-01T00:00:00Z").unwrap(),
        );
        let (mut with, mut without) = (0, 0);
        for a in crate::demo_data::generate(&spec).iter().take(200) {
            let json = serde_json::to_vec(a).unwrap();
            with += lz4_flex::block::compress_prepend_size_with_dict(&json, dictionary()).len();
            without += lz4_flex::block::compress_prepend_size(&json).len();
        }
        assert!(
            with * 10 < without * 9,
            "{with} bytes with it, {without} without"
        );
    }
}
