//! Builds an alert's searchable text in one buffer: values folded and capped as they arrive,
//! duplicates kept once, then grouped by tag with each tag's span.

use super::{MAX_TEXT, MAX_VALUE, SearchText, TAGS, detected_evidence, tag, to_u16};
use crate::alert::Alert;
use crate::enums::DetectionStatus;
use crate::evidence::Evidence;
use std::sync::Arc;

/// One record kept by the builder: where its value lies in `Builder::bytes`, and the next
/// record of its tag.
#[derive(Clone, Copy)]
struct Rec {
    start: usize,
    end: usize,
    next: usize,
}

/// The end of a tag's chain of records.
const NONE: usize = usize::MAX;

/// Builds the text in one buffer. Scale issue: storing a page spent most of its time here
/// (perf: 30% of `upsert_alerts`), so every value is folded straight into one byte buffer, the
/// duplicate check compares lengths before bytes, and the grouped text and its spans come out
/// in one pass (no `String` per tag, no re-split of the text to find the spans). Each tag's
/// records are chained, so grouping them and checking for a duplicate walk that tag's records
/// (callgrind: a pass over all records per tag was a third of building the text).
pub(super) struct Builder {
    /// Every kept value, in arrival order (valid UTF-8: whole folded or cleaned values).
    bytes: Vec<u8>,
    recs: Vec<Rec>,
    /// Per tag, its first and last record (`NONE` for none yet).
    first: [usize; TAGS],
    last: [usize; TAGS],
    /// The text's length so far, separators and tags counted.
    len: usize,
    /// One bit per (tag, length) of the values kept so far: a value whose bit is clear cannot
    /// be a duplicate, so most values skip the scan of the records (callgrind: the scan was a
    /// third of adding a value).
    seen: u64,
}

impl Default for Builder {
    /// Sized for a typical alert (about 1.3 kB of text in 40 records), so it seldom grows.
    fn default() -> Self {
        Builder {
            bytes: Vec::with_capacity(2 * 1024),
            recs: Vec::with_capacity(64),
            first: [NONE; TAGS],
            last: [NONE; TAGS],
            len: 0,
            seen: 0,
        }
    }
}

impl Builder {
    /// Adds a value of `tag`, folded and cut to the usual cap; empty or repeated ones are left out.
    pub(super) fn add(&mut self, tag: u8, value: &str) {
        self.add_capped(tag, value, MAX_VALUE);
    }

    /// [`Builder::add`] with its own cap (the description keeps more).
    pub(super) fn add_capped(&mut self, tag: u8, value: &str, cap: usize) {
        let start = self.bytes.len();
        fold_into(trim(value), cap, &mut self.bytes);
        let n = self.bytes.len() - start;
        let bit = 1u64 << ((n * 7 + usize::from(tag)) % 64);
        if n == 0 || self.len + n + 2 > MAX_TEXT || (self.seen & bit != 0 && self.has(tag, start)) {
            self.bytes.truncate(start);
            return;
        }
        self.seen |= bit;
        self.keep(tag, start);
    }

    /// The records of one tag, in the order they were kept.
    fn chain(&self, tag: u8) -> impl Iterator<Item = &Rec> {
        let mut at = self.first[usize::from(tag)];
        std::iter::from_fn(move || {
            let r = self.recs.get(at)?;
            at = r.next;
            Some(r)
        })
    }

    /// The tag already holds the value being added (the bytes from `start` on).
    fn has(&self, tag: u8, start: usize) -> bool {
        let (kept, value) = self.bytes.split_at(start);
        self.chain(tag)
            .any(|r| r.end - r.start == value.len() && kept.get(r.start..r.end) == Some(value))
    }

    /// Keeps the bytes from `start` on as a record of `tag`.
    fn keep(&mut self, tag: u8, start: usize) {
        let end = self.bytes.len();
        self.len += end - start + 2;
        let at = self.recs.len();
        self.recs.push(Rec {
            start,
            end,
            next: NONE,
        });
        let t = usize::from(tag);
        match self.recs.get_mut(self.last[t]) {
            Some(prev) => prev.next = at,
            None => self.first[t] = at,
        }
        self.last[t] = at;
    }

    /// The records grouped by tag, the detected entity first, with each tag's span.
    pub(super) fn finish(self) -> SearchText {
        let mut out = Vec::with_capacity(self.len);
        let mut spans = [(0u16, 0u16); TAGS];
        let order =
            std::iter::once(tag::DETECTED).chain((0..TAGS as u8).filter(|t| *t != tag::DETECTED));
        for t in order {
            let first = out.len();
            for r in self.chain(t) {
                out.push(b'\n');
                out.push(t);
                out.extend_from_slice(&self.bytes[r.start..r.end]);
            }
            if out.len() > first {
                spans[usize::from(t)] = (to_u16(first), to_u16(out.len()));
            }
        }
        // Every piece is a whole UTF-8 value, so this never fails; a lossy copy would if it did.
        let text = String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        SearchText {
            text: Arc::from(text),
            spans,
        }
    }

    /// The values analysts search in one evidence item: files, hashes, IP, URL and host,
    /// command line, registry, accounts.
    pub(super) fn evidence<S: AsRef<str>>(&mut self, e: &Evidence<S>) {
        let files = [
            &e.file_name,
            &e.file_path,
            &e.parent_process_file_name,
            &e.parent_process_file_path,
        ];
        for v in files.into_iter().filter_map(text) {
            self.add(tag::FILE, v);
        }
        for h in [&e.sha1, &e.sha256].into_iter().filter_map(text) {
            self.add(tag::HASH, h);
        }
        if let Some(ip) = text(&e.ip_address) {
            self.add(tag::IP, ip);
        }
        if let Some(u) = text(&e.url) {
            self.add(tag::URL, u);
            if let Some(host) = url_host(u) {
                self.add(tag::URL, host);
            }
        }
        if let Some(c) = text(&e.process_command_line) {
            self.add(tag::COMMAND, c);
        }
        let registry = [
            &e.registry_hive,
            &e.registry_key,
            &e.registry_value_name,
            &e.registry_value,
        ];
        for v in registry.into_iter().filter_map(text) {
            self.add(tag::REGISTRY, v);
        }
        let accounts = [&e.account_name, &e.user_principal_name, &e.user_sid];
        for v in accounts.into_iter().filter_map(text) {
            self.add(tag::ACCOUNT, v);
        }
        if let (Some(d), Some(n)) = (text(&e.domain_name), text(&e.account_name)) {
            self.add(tag::ACCOUNT, &[d, "\\", n].concat());
        }
    }

    /// The detected entity, first and in its original case (cleaned, not folded).
    pub(super) fn detected<S: AsRef<str>>(&mut self, alert: &Alert<Evidence<S>>) {
        let Some(e) = detected_evidence(&alert.evidence) else {
            return;
        };
        let status = e
            .detection_status
            .as_ref()
            .map_or("", DetectionStatus::as_str);
        let name = text(&e.file_name);
        // No command line: cut to fit the list, it would be copied wrong.
        let parts: [(&str, Option<&str>); 6] = [
            ("k", Some(e.entity_type.as_str())),
            ("s", Some(status)),
            ("n", name),
            ("p", text(&e.file_path)),
            ("256", text(&e.sha256)),
            ("1", text(&e.sha1)),
        ];
        for (kind, v) in parts {
            let v = v.unwrap_or("").trim();
            // Only a whole value is kept: one cut to fit would be copied wrong.
            if !v.is_empty() && v.len() <= MAX_VALUE {
                let start = self.bytes.len();
                self.bytes.extend_from_slice(kind.as_bytes());
                self.bytes.push(b':');
                clean_into(v, MAX_VALUE, &mut self.bytes);
                self.keep(tag::DETECTED, start);
            }
        }
    }
}

/// An evidence value as text, whatever holds its string.
fn text<S: AsRef<str>>(v: &Option<S>) -> Option<&str> {
    v.as_ref().map(AsRef::as_ref)
}

/// `str::trim`, with a quicker path for the usual value that starts and ends in ASCII. The
/// vertical tab is Unicode white space but not ASCII white space, so it takes the full path too.
pub(super) fn trim(value: &str) -> &str {
    let t = value.trim_ascii();
    let plain = |b: &u8| b.is_ascii() && *b != 0x0b;
    match (t.as_bytes().first(), t.as_bytes().last()) {
        (Some(a), Some(b)) if !plain(a) || !plain(b) => t.trim(),
        _ => t,
    }
}

/// The host of a URL (`http://evil.test:8080/x` → `evil.test`).
pub(super) fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    (!host.is_empty() && host != url).then_some(host)
}

/// Lower-cased, control characters as spaces, at most `cap` bytes (on a character boundary),
/// appended to `out`.
pub(super) fn fold_into(value: &str, cap: usize, out: &mut Vec<u8>) {
    append(value, cap, true, out);
}

/// [`clean`] appended to `out`.
pub(super) fn clean_into(value: &str, cap: usize, out: &mut Vec<u8>) {
    append(value, cap, false, out);
}

/// `value` cleaned (and lower-cased when `fold`), cut to `cap` bytes, appended to `out`. An
/// ASCII value (nearly all of them) is copied and mapped in place without branches, which the
/// compiler vectorises (callgrind: byte by byte it was 4 instructions a byte); others take
/// `clean` and `str::to_lowercase` (final sigma and all), cut before folding. Inlined into
/// both callers, so each loop is built for its own `fold` (callgrind: 1% more instructions
/// when one loop served both).
#[inline(always)]
fn append(value: &str, cap: usize, fold: bool, out: &mut Vec<u8>) {
    let head = &value.as_bytes()[..value.len().min(cap)];
    if !head.is_ascii() {
        let cleaned = clean(value, cap);
        let text = if fold {
            cleaned.to_lowercase()
        } else {
            cleaned
        };
        out.extend_from_slice(text.as_bytes());
        return;
    }
    let case_bit = if fold { 0x20 } else { 0 };
    let start = out.len();
    out.extend_from_slice(head);
    for b in &mut out[start..] {
        let upper = b.wrapping_sub(b'A') < 26;
        let mapped = *b | ((u8::from(upper) << 5) & case_bit);
        *b = if is_control(*b) { b' ' } else { mapped };
    }
}

/// An ASCII control character (`u8::is_ascii_control`, written as the vectorised loops need).
fn is_control(b: u8) -> bool {
    b < 0x20 || b == 0x7f
}

/// Control characters as spaces, at most `cap` bytes (on a character boundary).
pub(super) fn clean(value: &str, cap: usize) -> String {
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
