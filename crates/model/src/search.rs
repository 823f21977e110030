//! The searchable text of an alert, built once when the alert arrives so the list can filter on
//! evidence without holding (or parsing) it: the title and the other short fields, the
//! description, the MITRE technique ids and every evidence value analysts search (file names
//! and paths, SHA-1/SHA-256, IPs, URLs and domains, command lines, registry keys, accounts).
//!
//! The text is a run of records, each `\n`, one tag byte (a control character, so no typed
//! needle can span two records) and the value lower-cased. A prefix search of one kind is then
//! a substring search for `\n<tag><needle>`. The entity a detection named (its detection status
//! Detected, Blocked or Prevented) is kept too, in its original case under [`tag::DETECTED`],
//! so the list can offer it for copying; searches skip those records.

use crate::alert::Alert;
use crate::enums::{DetectionStatus, EntityType};
use crate::evidence::Evidence;
use std::collections::HashSet;
use std::sync::Arc;

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
const MAX_VALUE: usize = 512;
/// Longest description kept.
const MAX_DESCRIPTION: usize = 1024;
/// Longest whole text per alert.
const MAX_TEXT: usize = 6 * 1024;

/// The searchable text of one alert (cheap to clone).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchText(Arc<str>);

impl SearchText {
    /// The text of an alert.
    pub fn of(alert: &Alert) -> SearchText {
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
        SearchText(Arc::from(b.out))
    }

    /// A text read back from storage (as [`SearchText::as_str`] gave it).
    pub fn from_stored(text: &str) -> SearchText {
        SearchText(Arc::from(text))
    }

    /// The whole text, for storage and matching.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when nothing is known (an alert cached before the text existed).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The records as (tag, value), in order.
    pub fn records(&self) -> impl Iterator<Item = (u8, &str)> {
        self.0.split('\n').filter_map(|r| {
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
                "c" => out.command_line = Some(value),
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
    /// Command line (its start, for a process).
    pub command_line: Option<&'a str>,
}

/// The evidence item a detection named: Blocked or Prevented first, then Detected; files and
/// processes before other kinds. `None` when no evidence carries a detection status.
pub fn detected_evidence(evidence: &[Evidence]) -> Option<&Evidence> {
    let rank = |e: &Evidence| {
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

#[derive(Default)]
struct Builder {
    out: String,
    seen: HashSet<(u8, String)>,
}

impl Builder {
    fn add(&mut self, tag: u8, value: &str) {
        self.add_capped(tag, value, MAX_VALUE);
    }

    fn add_capped(&mut self, tag: u8, value: &str, cap: usize) {
        let folded = fold(value.trim(), cap);
        if folded.is_empty() || self.out.len() + folded.len() + 2 > MAX_TEXT {
            return;
        }
        if self.seen.insert((tag, folded.clone())) {
            self.push(tag, &folded);
        }
    }

    fn push(&mut self, tag: u8, value: &str) {
        self.out.push('\n');
        self.out.push(char::from(tag));
        self.out.push_str(value);
    }

    fn evidence(&mut self, e: &Evidence) {
        for v in [&e.file_name, &e.file_path, &e.parent_process_file_name]
            .into_iter()
            .flatten()
        {
            self.add(tag::FILE, v);
        }
        if let Some(p) = &e.parent_process_file_path {
            self.add(tag::FILE, p);
        }
        if let (Some(dir), Some(name)) = (&e.file_path, &e.file_name) {
            let sep = if dir.contains('/') { '/' } else { '\\' };
            self.add(
                tag::FILE,
                &format!("{}{sep}{name}", dir.trim_end_matches(['\\', '/'])),
            );
        }
        for h in [&e.sha1, &e.sha256].into_iter().flatten() {
            self.add(tag::HASH, h);
        }
        if let Some(ip) = &e.ip_address {
            self.add(tag::IP, ip);
        }
        if let Some(u) = &e.url {
            self.add(tag::URL, u);
            if let Some(host) = url_host(u) {
                self.add(tag::URL, host);
            }
        }
        if let Some(c) = &e.process_command_line {
            self.add(tag::COMMAND, c);
        }
        for v in [
            &e.registry_hive,
            &e.registry_key,
            &e.registry_value_name,
            &e.registry_value,
        ]
        .into_iter()
        .flatten()
        {
            self.add(tag::REGISTRY, v);
        }
        if let (Some(hive), Some(key)) = (&e.registry_hive, &e.registry_key) {
            self.add(tag::REGISTRY, &format!("{hive}\\{key}"));
        }
        for v in [&e.account_name, &e.user_principal_name, &e.user_sid]
            .into_iter()
            .flatten()
        {
            self.add(tag::ACCOUNT, v);
        }
        if let (Some(d), Some(n)) = (&e.domain_name, &e.account_name) {
            self.add(tag::ACCOUNT, &format!("{d}\\{n}"));
        }
    }

    /// The detected entity, first and in its original case (cleaned, not folded).
    fn detected(&mut self, alert: &Alert) {
        let Some(e) = detected_evidence(&alert.evidence) else {
            return;
        };
        let status = e
            .detection_status
            .as_ref()
            .map_or("", DetectionStatus::as_str);
        let name = e.file_name.as_deref();
        let parts: [(&str, Option<&str>); 7] = [
            ("k", Some(e.entity_type.as_str())),
            ("s", Some(status)),
            ("n", name),
            ("p", e.file_path.as_deref()),
            ("256", e.sha256.as_deref()),
            ("1", e.sha1.as_deref()),
            ("c", e.process_command_line.as_deref()),
        ];
        for (kind, v) in parts {
            if let Some(v) = v.map(|v| clean(v.trim(), MAX_VALUE)).filter(|v| !v.is_empty()) {
                self.push(tag::DETECTED, &format!("{kind}:{v}"));
            }
        }
    }
}

/// The host of a URL (`http://evil.test:8080/x` → `evil.test`).
fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    (!host.is_empty() && host != url).then_some(host)
}

/// Lower-cased, control characters as spaces, at most `cap` bytes (on a character boundary).
fn fold(value: &str, cap: usize) -> String {
    clean(value, cap).to_lowercase()
}

/// Control characters as spaces, at most `cap` bytes (on a character boundary).
fn clean(value: &str, cap: usize) -> String {
    let mut out = String::with_capacity(value.len().min(cap));
    for c in value.chars() {
        let c = if c.is_control() { ' ' } else { c };
        if out.len() + c.len_utf8() > cap {
            break;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alert() -> Alert {
        let mut a = Alert::new("da1", "Mimikatz Credential Theft");
        a.computer_dns_name = Some("WS-ENG-194.contoso.local".into());
        a.mitre_techniques = vec!["T1003.001".into()];
        a.description = Some("Dumped\u{1b}[2J LSASS memory".into());
        let mut f = Evidence::empty(EntityType::File);
        f.file_name = Some("Mimikatz.EXE".into());
        f.file_path = Some("C:\\Users\\jdoe\\Downloads".into());
        f.sha256 = Some("ABCDEF".repeat(10) + "0123");
        f.detection_status = Some(DetectionStatus::Blocked);
        let mut p = Evidence::empty(EntityType::Process);
        p.file_name = Some("powershell.exe".into());
        p.process_command_line = Some("powershell -enc SQBFAFgA".into());
        p.detection_status = Some(DetectionStatus::Detected);
        let mut u = Evidence::empty(EntityType::Url);
        u.url = Some("http://Evil.Example:8080/stage2".into());
        let mut ip = Evidence::empty(EntityType::Ip);
        ip.ip_address = Some("203.0.113.7".into());
        a.evidence = vec![p, f, u, ip];
        a
    }

    #[test]
    fn records_are_tagged_and_folded() {
        let t = SearchText::of(&alert());
        let has = |tag: u8, v: &str| t.records().any(|(g, x)| g == tag && x == v);
        assert!(has(tag::TEXT, "mimikatz credential theft"));
        assert!(has(tag::TEXT, "ws-eng-194.contoso.local"));
        assert!(has(tag::TECHNIQUE, "t1003.001"));
        assert!(has(tag::FILE, "mimikatz.exe"));
        assert!(has(tag::FILE, "c:\\users\\jdoe\\downloads\\mimikatz.exe"));
        assert!(has(tag::HASH, &("abcdef".repeat(10) + "0123")));
        assert!(has(tag::IP, "203.0.113.7"));
        assert!(has(tag::URL, "evil.example"));
        assert!(has(tag::COMMAND, "powershell -enc sqbfafga"));
        assert!(has(tag::DESCRIPTION, "dumped [2j lsass memory"));
        // The control characters of the data are gone; only the tags and separators remain.
        assert!(
            t.as_str()
                .chars()
                .all(|c| !c.is_control() || c == '\n' || (c as u32) < 0x10)
        );
    }

    #[test]
    fn the_blocked_file_is_the_detected_entity_in_its_own_case() {
        let t = SearchText::of(&alert());
        let d = t.detected().expect("a detected entity");
        assert_eq!(d.kind, "File");
        assert_eq!(d.status, "Blocked");
        assert_eq!(d.name, Some("Mimikatz.EXE"));
        assert_eq!(d.sha256, Some(&*("ABCDEF".repeat(10) + "0123")));
        assert!(SearchText::of(&Alert::new("x", "y")).detected().is_none());
    }

    #[test]
    fn long_values_are_capped_and_duplicates_kept_once() {
        let mut a = alert();
        let mut p = Evidence::empty(EntityType::Process);
        p.process_command_line = Some("x".repeat(100_000));
        a.evidence.push(p.clone());
        a.evidence.push(p);
        let t = SearchText::of(&a);
        assert!(t.as_str().len() <= MAX_TEXT);
        let long = t
            .records()
            .filter(|(g, v)| *g == tag::COMMAND && v.starts_with("xxx"))
            .count();
        assert_eq!(long, 1);
    }

    #[test]
    fn url_hosts() {
        assert_eq!(url_host("https://a.b/c"), Some("a.b"));
        assert_eq!(url_host("http://u:p@h.test:81/x?q"), Some("h.test"));
        assert_eq!(url_host("evil.test"), None);
    }
}
