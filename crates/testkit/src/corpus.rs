//! The hostile-string corpus (`corpus.json` beside this crate) for every test that needs attacker
//! data: the sanitiser's own, the UI's render tests and the end-to-end harness.
//! Load it with `mde_testkit::corpus::corpus()`.

use mde_text::Flags;
use serde::Deserialize;

const CORPUS_JSON: &str = include_str!("../corpus.json");

/// One hostile string and what it attacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostileString {
    /// Short unique name (`osc52-bel`).
    pub name: String,
    /// What it attacks, in words.
    pub attacks: String,
    /// The string itself (built from prefix, repeated part and suffix for long ones).
    pub value: String,
    /// The JSON string-literal body it came from, for entries that test the parser (lone
    /// surrogates): splice it between quotes into an alert document. `value` is then the
    /// decoded string, or this text verbatim when JSON cannot decode it.
    pub json: Option<String>,
    /// The flags `sanitize_line(value)` must report, exactly.
    pub flags: Flags,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    attacks: String,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    json: Option<String>,
    #[serde(default)]
    repeat: Option<usize>,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    suffix: String,
    flags: Vec<String>,
}

/// Why the corpus file could not be read (a broken test asset, reported not panicked).
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// Not the expected JSON.
    #[error("corpus is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// An unknown flag name.
    #[error("corpus entry {entry}: unknown flag {flag}")]
    UnknownFlag {
        /// Entry name.
        entry: String,
        /// The flag.
        flag: String,
    },
}

/// Every hostile string, in file order.
pub fn corpus() -> Vec<HostileString> {
    // The file is compiled in and checked by this crate's tests, so a failure here is a bug in
    // the asset; an empty corpus would make tests pass vacuously, hence the panic.
    try_corpus().unwrap_or_else(|e| panic!("crates/testkit/corpus.json: {e}"))
}

/// Every hostile string, or why the file is unreadable.
pub fn try_corpus() -> Result<Vec<HostileString>, CorpusError> {
    let entries: Vec<Entry> = serde_json::from_str(CORPUS_JSON)?;
    entries.into_iter().map(build).collect()
}

fn build(e: Entry) -> Result<HostileString, CorpusError> {
    let mut flags = Flags::default();
    for f in &e.flags {
        let slot = match f.as_str() {
            "control" => &mut flags.control,
            "bidi" => &mut flags.bidi,
            "invisible" => &mut flags.invisible,
            "mixed_script" => &mut flags.mixed_script,
            "newline" => &mut flags.newline,
            "stacked_marks" => &mut flags.stacked_marks,
            _ => {
                return Err(CorpusError::UnknownFlag {
                    entry: e.name,
                    flag: f.clone(),
                });
            }
        };
        *slot = true;
    }
    let core = match (&e.value, &e.json) {
        (Some(v), _) => v.clone(),
        (None, Some(j)) => {
            serde_json::from_str::<String>(&format!("\"{j}\"")).unwrap_or_else(|_| j.clone())
        }
        (None, None) => String::new(),
    };
    let body = core.repeat(e.repeat.unwrap_or(1));
    Ok(HostileString {
        name: e.name,
        attacks: e.attacks,
        value: format!("{}{body}{}", e.prefix, e.suffix),
        json: e.json,
        flags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_at_least_sixty_distinct_entries() {
        let c = try_corpus().expect("corpus loads");
        assert!(c.len() >= 60, "{}", c.len());
        let mut names: Vec<_> = c.iter().map(|h| h.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), c.len(), "names are unique");
        let long = c
            .iter()
            .find(|h| h.name == "long-100k")
            .expect("long entry");
        assert_eq!(long.value.len(), 100_000);
        let lone = c
            .iter()
            .find(|h| h.name == "lone-high-surrogate")
            .expect("surrogate entry");
        assert_eq!(lone.value, "abc\\ud800def");
        let esc = c
            .iter()
            .find(|h| h.name == "json-esc")
            .expect("json escape entry");
        assert_eq!(esc.value, "\x1b]52;c;AAAA\x07");
    }
}
