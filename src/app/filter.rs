//! The `/` filter language.
//!
//! `sev:high status:new assigned:me device:ws01 user:jdoe cat:.. src:.. incident:123 free text`.
//! Terms are ANDed; `a,b` values within a term are ORed; `!` negates a term; values match as
//! case-insensitive prefixes (free text as a substring); `"…"` quotes spaces and colons.
//! Matching never allocates, so a keystroke filters 100k rows cheaply.

use crate::model::AlertRow;

/// A field a term can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `sev:` / `severity:`.
    Severity,
    /// `status:`.
    Status,
    /// `assigned:` / `owner:` (`me` and `none` are special).
    Assigned,
    /// `device:` / `host:`.
    Device,
    /// `user:`.
    User,
    /// `cat:` / `category:`.
    Category,
    /// `src:` / `source:` (detection source).
    Source,
    /// `incident:` (exact number).
    Incident,
    /// `class:` / `classification:`.
    Classification,
    /// `det:` / `determination:`.
    Determination,
    /// `id:`.
    Id,
    /// `group:` (device group).
    Group,
    /// Free text: title, id, device, user, category, owner, source.
    Text,
}

/// Field names accepted before the colon.
const FIELD_NAMES: &[(&str, Field)] = &[
    ("sev", Field::Severity),
    ("severity", Field::Severity),
    ("status", Field::Status),
    ("st", Field::Status),
    ("assigned", Field::Assigned),
    ("assignee", Field::Assigned),
    ("owner", Field::Assigned),
    ("device", Field::Device),
    ("host", Field::Device),
    ("user", Field::User),
    ("cat", Field::Category),
    ("category", Field::Category),
    ("src", Field::Source),
    ("source", Field::Source),
    ("incident", Field::Incident),
    ("inc", Field::Incident),
    ("class", Field::Classification),
    ("classification", Field::Classification),
    ("det", Field::Determination),
    ("determination", Field::Determination),
    ("id", Field::Id),
    ("group", Field::Group),
];

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// What it looks at.
    pub field: Field,
    /// Lower-cased alternatives (any may match).
    pub values: Vec<String>,
    /// `!` in front: the term must NOT match.
    pub negate: bool,
}

/// A parsed filter; the empty query matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The terms, all of which must hold.
    pub terms: Vec<Term>,
}

/// Why a filter could not be read; shown under the input, never a panic.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    /// `foo:bar` with an unknown `foo`.
    #[error(
        "unknown field '{0}' (try sev status assigned device user cat src incident class det id group, or quote the text)"
    )]
    UnknownField(String),
    /// `sev:` with nothing after it.
    #[error("'{0}:' needs a value")]
    EmptyValue(String),
    /// `incident:abc`.
    #[error("incident must be a number, not '{0}'")]
    BadIncident(String),
    /// A `"` that is never closed.
    #[error("unclosed quote")]
    UnclosedQuote,
    /// A lone `!`.
    #[error("'!' must be followed by a term")]
    DanglingNot,
}

impl Query {
    /// Parses filter text.
    pub fn parse(text: &str) -> Result<Query, FilterError> {
        let mut terms = Vec::new();
        for token in tokenize(text)? {
            terms.push(parse_term(&token)?);
        }
        Ok(Query { terms })
    }

    /// True when the query has no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// True when the row passes every term. `me` is the analyst's identity for `assigned:me`.
    pub fn matches(&self, row: &AlertRow, me: &str) -> bool {
        self.terms.iter().all(|t| t.matches(row, me) != t.negate)
    }
}

impl Term {
    fn matches(&self, row: &AlertRow, me: &str) -> bool {
        self.values
            .iter()
            .any(|v| value_matches(self.field, v, row, me))
    }
}

fn value_matches(field: Field, v: &str, row: &AlertRow, me: &str) -> bool {
    let opt = |s: &Option<String>| s.as_deref().is_some_and(|s| starts_with_ci(s, v));
    match field {
        Field::Severity => starts_with_ci(row.severity.as_str(), v),
        Field::Status => starts_with_ci(row.status.as_str(), v),
        Field::Assigned => match v {
            "me" => row
                .assigned_to
                .as_deref()
                .is_some_and(|a| !me.is_empty() && a.eq_ignore_ascii_case(me)),
            "none" => row
                .assigned_to
                .as_deref()
                .is_none_or(|a| a.trim().is_empty()),
            _ => opt(&row.assigned_to),
        },
        Field::Device => opt(&row.device),
        Field::User => {
            // `user:jdoe` should find `CONTOSO\jdoe`: match the whole value or the part after `\`.
            row.user.as_deref().is_some_and(|u| {
                starts_with_ci(u, v) || u.rsplit('\\').next().is_some_and(|n| starts_with_ci(n, v))
            })
        }
        Field::Category => opt(&row.category),
        Field::Source => opt(&row.detection_source),
        Field::Incident => row.incident_id.is_some_and(|i| v.parse::<i64>() == Ok(i)),
        Field::Classification => row
            .classification
            .as_ref()
            .is_some_and(|c| starts_with_ci(c.as_str(), v)),
        Field::Determination => row
            .determination
            .as_ref()
            .is_some_and(|d| starts_with_ci(d.as_str(), v)),
        Field::Id => starts_with_ci(&row.id, v),
        Field::Group => opt(&row.rbac_group),
        Field::Text => {
            let has = |s: &Option<String>| s.as_deref().is_some_and(|s| contains_ci(s, v));
            contains_ci(&row.title, v)
                || contains_ci(&row.id, v)
                || has(&row.device)
                || has(&row.user)
                || has(&row.category)
                || has(&row.assigned_to)
                || has(&row.detection_source)
        }
    }
}

fn parse_term(token: &Token) -> Result<Term, FilterError> {
    let (negate, body) = (token.negate, token.text.as_str());
    if body.is_empty() {
        return if negate {
            Err(FilterError::DanglingNot)
        } else {
            Ok(Term {
                field: Field::Text,
                values: vec![String::new()],
                negate,
            })
        };
    }
    // A token that began with a quote is free text, colons included.
    if let Some((name, value)) = body.split_once(':').filter(|_| !token.quoted) {
        let name_lower = name.to_lowercase();
        let field = FIELD_NAMES
            .iter()
            .find(|(n, _)| *n == name_lower)
            .map(|(_, f)| *f)
            .ok_or_else(|| FilterError::UnknownField(name.to_string()))?;
        let values: Vec<String> = value
            .split(',')
            .map(|v| v.trim().to_lowercase())
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            return Err(FilterError::EmptyValue(name.to_string()));
        }
        if field == Field::Incident
            && let Some(bad) = values.iter().find(|v| v.parse::<i64>().is_err())
        {
            return Err(FilterError::BadIncident(bad.clone()));
        }
        return Ok(Term {
            field,
            values,
            negate,
        });
    }
    Ok(Term {
        field: Field::Text,
        values: vec![body.to_lowercase()],
        negate,
    })
}

#[derive(Default)]
struct Token {
    text: String,
    /// A leading `!` (outside any quotes).
    negate: bool,
    /// The body began with a quote, so it is free text.
    quoted: bool,
    /// Anything at all was seen (so `""` is a token).
    started: bool,
}

/// Splits on whitespace; `"…"` groups, and the quotes themselves are dropped.
fn tokenize(text: &str) -> Result<Vec<Token>, FilterError> {
    let mut out = Vec::new();
    let mut cur = Token::default();
    let mut in_quote = false;
    for c in text.chars() {
        match c {
            '"' => {
                if !in_quote && cur.text.is_empty() {
                    cur.quoted = true;
                }
                in_quote = !in_quote;
                cur.started = true;
            }
            '!' if !in_quote && !cur.started => {
                cur.negate = true;
                cur.started = true;
            }
            c if c.is_whitespace() && !in_quote => {
                if cur.started {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => {
                cur.text.push(c);
                cur.started = true;
            }
        }
    }
    if in_quote {
        return Err(FilterError::UnclosedQuote);
    }
    if cur.started {
        out.push(cur);
    }
    Ok(out)
}

/// Case-insensitive prefix test; `needle` is already lower-case.
pub fn starts_with_ci(hay: &str, needle: &str) -> bool {
    if hay.is_ascii() && needle.is_ascii() {
        return hay.len() >= needle.len()
            && hay.as_bytes()[..needle.len()].eq_ignore_ascii_case(needle.as_bytes());
    }
    let mut h = hay.chars().flat_map(char::to_lowercase);
    needle.chars().all(|n| h.next() == Some(n))
}

/// Case-insensitive substring test; `needle` is already lower-case.
pub fn contains_ci(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if hay.is_ascii() && needle.is_ascii() {
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        return h.len() >= n.len() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
    }
    hay.char_indices()
        .any(|(i, _)| starts_with_ci(&hay[i..], needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Alert, Severity, Status};

    fn row() -> AlertRow {
        let mut a = Alert::new("da637", "Suspicious PowerShell command line");
        a.severity = Severity::High;
        a.status = Status::InProgress;
        a.computer_dns_name = Some("WS01.contoso.local".into());
        a.related_user = Some(crate::model::RelatedUser {
            user_name: Some("jdoe".into()),
            domain_name: Some("CONTOSO".into()),
        });
        a.assigned_to = Some("Analyst@Contoso.com".into());
        a.category = Some("Execution".into());
        a.detection_source = Some("WindowsDefenderAtp".into());
        a.incident_id = Some(123);
        AlertRow::from_alert(&a)
    }

    fn m(q: &str) -> bool {
        Query::parse(q)
            .unwrap_or_else(|e| panic!("{q}: {e}"))
            .matches(&row(), "analyst@contoso.com")
    }

    #[test]
    fn fields_match_case_insensitive_prefixes() {
        for q in [
            "",
            "sev:high",
            "SEV:H",
            "severity:hi",
            "status:inprog",
            "st:in",
            "assigned:me",
            "owner:analyst",
            "device:ws01",
            "host:WS",
            "user:jdoe",
            "user:contoso\\j",
            "cat:exec",
            "src:windowsdefender",
            "incident:123",
            "inc:5,123",
            "id:da6",
            "powershell",
            "\"command line\"",
            "sev:low,high",
            "!sev:low",
            "!assigned:none",
            "sev:high status:in powershell",
        ] {
            assert!(m(q), "{q} should match");
        }
        for q in [
            "sev:low",
            "status:new",
            "assigned:none",
            "!assigned:me",
            "device:ws02",
            "user:doe",
            "incident:12",
            "class:true",
            "det:malware",
            "mimikatz",
            "!powershell",
            "sev:high mimikatz",
        ] {
            assert!(!m(q), "{q} should not match");
        }
    }

    #[test]
    fn assigned_me_needs_an_identity() {
        let q = Query::parse("assigned:me").unwrap();
        assert!(!q.matches(&row(), ""));
    }

    #[test]
    fn errors_are_reported_not_panicked() {
        assert_eq!(
            Query::parse("bogus:1"),
            Err(FilterError::UnknownField("bogus".into()))
        );
        assert_eq!(
            Query::parse("sev:"),
            Err(FilterError::EmptyValue("sev".into()))
        );
        assert_eq!(
            Query::parse("incident:abc"),
            Err(FilterError::BadIncident("abc".into()))
        );
        assert_eq!(Query::parse("\"open"), Err(FilterError::UnclosedQuote));
        assert_eq!(Query::parse("!"), Err(FilterError::DanglingNot));
        // Quoted text keeps its colon and is free text.
        let q = Query::parse("!\"http://x\"").unwrap();
        assert_eq!(q.terms[0].field, Field::Text);
        assert!(q.terms[0].negate);
        assert_eq!(q.terms[0].values, ["http://x"]);
    }

    #[test]
    fn parsing_arbitrary_text_never_panics() {
        for s in [
            "::",
            "!!x",
            "a:b:c",
            "sev:,,",
            "\"\"",
            "ünïcödé:x",
            "\u{202e}sev:high",
            "!\"",
            "x\"y\"z",
        ] {
            let _ = Query::parse(s);
        }
    }

    #[test]
    fn non_ascii_matching() {
        assert!(contains_ci("Überwachung", "berw"));
        assert!(starts_with_ci("ÉCOLE", "éc"));
        assert!(!starts_with_ci("ab", "abc"));
        assert!(contains_ci("anything", ""));
    }
}
