//! The searchable text of an alert, built once when the alert arrives so the list can filter on
//! evidence without holding (or parsing) it: the title and the other short fields, the
//! description, the MITRE technique ids and every evidence value analysts search (file names
//! and paths, SHA-1/SHA-256, IPs, URLs and domains, command lines, registry keys, accounts).
//!
//! The text is a run of records, each `\n`, one tag byte (a control character, so no typed
//! needle can span two records) and the value lower-cased, grouped by tag; where each tag's
//! records lie is kept beside the text, so a field search reads only its records and a prefix
//! search of one kind is a substring search for `\n<tag><needle>` in them. The entity a
//! detection named (its detection status Detected, Blocked or Prevented) comes first, in its
//! original case under [`tag::DETECTED`], so the list can offer it for copying; free text
//! searches everything after it. Values are capped (a command line keeps its first 256
//! bytes), so the text stays a few hundred bytes per alert.

use crate::alert::Alert;
use crate::enums::{DetectionStatus, EntityType};
use crate::evidence::Evidence;
use std::sync::Arc;

mod builder;

use builder::Builder;

/// The tag bytes of the records.
pub mod tag {
    /// Title, id, device, user, category, detection source, threat names.
    pub const TEXT: u8 = 0x01;
    /// The description.
    pub const DESCRIPTION: u8 = 0x02;
    /// A MITRE ATT&CK technique id.
    pub const TECHNIQUE: u8 = 0x03;
    /// A file name or path (processes' images and their parents' included).
    pub const FILE: u8 = 0x04;
    /// A SHA-1 or SHA-256.
    pub const HASH: u8 = 0x05;
    /// An IP address.
    pub const IP: u8 = 0x06;
    /// A URL or a domain.
    pub const URL: u8 = 0x07;
    /// A process command line.
    pub const COMMAND: u8 = 0x08;
    /// A registry key, value name or value.
    pub const REGISTRY: u8 = 0x0b;
    /// An account: name, `DOMAIN\name`, UPN.
    pub const ACCOUNT: u8 = 0x0c;
    /// The detected entity, original case, `<kind byte>:<value>`; never searched.
    pub const DETECTED: u8 = 0x0e;
}

/// Longest value kept per record (a 100,000-character command line keeps its start).
const MAX_VALUE: usize = 256;
/// Longest description kept.
const MAX_DESCRIPTION: usize = 512;
/// Longest whole text per alert (it must stay below `u16::MAX` for the spans).
const MAX_TEXT: usize = 4 * 1024;
/// Tags are below this.
const TAGS: usize = 16;

/// The searchable text of one alert (cheap to clone), with where each tag's records lie.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchText {
    text: Arc<str>,
    /// Per tag, the byte range of its records (`0..0` for none).
    spans: [(u16, u16); TAGS],
}

impl SearchText {
    /// The text of an alert.
    pub fn of<S: AsRef<str>>(alert: &Alert<Evidence<S>>) -> SearchText {
        let mut b = Builder::default();
        b.detected(alert);
        b.add(tag::TEXT, &alert.title);
        b.add(tag::TEXT, &alert.id);
        for v in [
            &alert.computer_dns_name,
            &alert.category,
            &alert.detection_source,
            &alert.threat_family_name,
            &alert.threat_name,
            &alert.rbac_group_name,
        ]
        .into_iter()
        .flatten()
        {
            b.add(tag::TEXT, v);
        }
        if let Some(u) = alert.user_display() {
            b.add(tag::TEXT, &u);
            b.add(tag::ACCOUNT, &u);
        }
        for t in &alert.mitre_techniques {
            b.add(tag::TECHNIQUE, t);
        }
        for d in &alert.domains {
            if let Some(s) = d.as_str() {
                b.add(tag::URL, s);
            }
        }
        for e in &alert.evidence {
            b.evidence(e);
        }
        if let Some(d) = &alert.description {
            b.add_capped(tag::DESCRIPTION, d, MAX_DESCRIPTION);
        }
        b.finish()
    }

    /// A text read back from storage (as [`SearchText::as_str`] gave it).
    pub fn from_stored(text: &str) -> SearchText {
        let mut spans = [(0u16, 0u16); TAGS];
        let mut at = 0usize;
        for rec in text.split('\n') {
            let start = at.saturating_sub(1);
            at += rec.len() + 1;
            let Some(&t) = rec.as_bytes().first() else {
                continue;
            };
            if let Some(span) = spans.get_mut(usize::from(t)) {
                let (s, e) = (to_u16(start), to_u16(at - 1));
                *span = if span.1 == 0 {
                    (s, e)
                } else {
                    (span.0.min(s), e)
                };
            }
        }
        SearchText {
            text: Arc::from(text),
            spans,
        }
    }

    /// The whole text, for storage and matching.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The records of one tag (each starting with `\n<tag>`); empty when there are none.
    pub fn span(&self, tag: u8) -> &str {
        let (s, e) = self.spans.get(usize::from(tag)).copied().unwrap_or((0, 0));
        self.text.get(usize::from(s)..usize::from(e)).unwrap_or("")
    }

    /// Everything free text searches: the records after the detected entity's.
    pub fn searchable(&self) -> &str {
        let (_, e) = self.spans[usize::from(tag::DETECTED)];
        self.text.get(usize::from(e)..).unwrap_or("")
    }

    /// True when nothing is known (an alert cached before the text existed).
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The records as (tag, value), in order.
    pub fn records(&self) -> impl Iterator<Item = (u8, &str)> {
        self.text.split('\n').filter_map(|r| {
            let t = *r.as_bytes().first()?;
            Some((t, &r[1..]))
        })
    }

    /// The entity a detection named, if the alert has one.
    pub fn detected(&self) -> Option<DetectedEntity<'_>> {
        let mut out = DetectedEntity::default();
        let mut any = false;
        for (_, v) in self.records().filter(|(t, _)| *t == tag::DETECTED) {
            let Some((kind, value)) = v.split_once(':') else {
                continue;
            };
            any = true;
            match kind {
                "k" => out.kind = value,
                "s" => out.status = value,
                "n" => out.name = Some(value),
                "p" => out.path = Some(value),
                "256" => out.sha256 = Some(value),
                "1" => out.sha1 = Some(value),
                _ => {}
            }
        }
        any.then_some(out)
    }
}

/// What the list knows of the entity a detection named, for copying without opening the alert.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DetectedEntity<'a> {
    /// `File`, `Process`, …
    pub kind: &'a str,
    /// `Detected`, `Blocked` or `Prevented`.
    pub status: &'a str,
    /// File name.
    pub name: Option<&'a str>,
    /// Folder.
    pub path: Option<&'a str>,
    /// SHA-256.
    pub sha256: Option<&'a str>,
    /// SHA-1.
    pub sha1: Option<&'a str>,
}

/// The evidence item a detection named: Blocked or Prevented first, then Detected; files and
/// processes before other kinds. `None` when no evidence carries a detection status.
pub fn detected_evidence<S>(evidence: &[Evidence<S>]) -> Option<&Evidence<S>> {
    let rank = |e: &Evidence<S>| {
        let status = match e.detection_status.as_ref()? {
            DetectionStatus::Blocked | DetectionStatus::Prevented => 0,
            DetectionStatus::Detected => 1,
            DetectionStatus::Unrecognized(_) => return None,
        };
        let kind = match e.entity_type {
            EntityType::File | EntityType::Process => 0,
            _ => 1,
        };
        Some((status, kind))
    };
    evidence
        .iter()
        .enumerate()
        .filter_map(|(i, e)| rank(e).map(|r| (r, i, e)))
        .min_by_key(|(r, i, _)| (*r, *i))
        .map(|(_, _, e)| e)
}

fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests;
