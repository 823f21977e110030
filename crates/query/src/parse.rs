//! Reading filter text into a `Query`: tokens (quotes, `!`), `field:value,value` terms, and a
//! typed error for anything that does not read. Each value is lower-cased and its searcher
//! built here, once per query, so matching a row allocates nothing.

use super::field::{Compare, FIELDS, Field, field_named};
use memchr::memmem::Finder;

/// One alternative of a term, lower-cased, with the searcher that finds it.
#[derive(Debug, Clone)]
pub struct Value {
    /// The typed text, lower-cased.
    pub text: String,
    /// Finds the text (free text and substring fields) or `\n<tag><text>` (prefix evidence
    /// fields) in an alert's searchable text.
    pub(crate) finder: Option<Finder<'static>>,
    /// The number, for `incident:`.
    pub(crate) number: Option<i64>,
}

impl PartialEq for Value {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Value {}

impl Value {
    fn new(field: Field, text: String) -> Value {
        let finder = match field.record_tag() {
            Some(tag) if field.compare() == Compare::Prefix => {
                let mut needle = vec![b'\n', tag];
                needle.extend_from_slice(text.as_bytes());
                Some(Finder::new(&needle).into_owned())
            }
            Some(_) => Some(Finder::new(text.as_bytes()).into_owned()),
            None if field == Field::Text => Some(Finder::new(text.as_bytes()).into_owned()),
            None => None,
        };
        Value {
            number: text.parse().ok(),
            text,
            finder,
        }
    }
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// What it looks at.
    pub field: Field,
    /// Alternatives (any may match).
    pub values: Vec<Value>,
    /// `!` in front: the term must NOT match.
    pub negate: bool,
}

/// A parsed filter; the empty query matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The terms, all of which must hold.
    pub terms: Vec<Term>,
    /// The analyst's identity, lower-cased, for `assigned:me`.
    pub(crate) me: String,
}

/// Why a filter could not be read; shown under the input, never a panic.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// `foo:bar` with an unknown `foo`.
    #[error("unknown field '{0}' (? lists the fields; quote text that has a colon)")]
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

impl ParseError {
    /// The message for a script or a config file, where `?` opens no help: an unknown field
    /// lists the field names instead (the console's prompt keeps the short form).
    pub fn without_console(&self) -> String {
        match self {
            ParseError::UnknownField(name) => {
                let names: Vec<&str> = FIELDS.iter().map(|d| d.names[0]).collect();
                format!(
                    "unknown field '{name}' (fields: {}; quote text that has a colon)",
                    names.join(" ")
                )
            }
            other => other.to_string(),
        }
    }
}

impl Query {
    /// Parses filter text. `assigned:me` matches nobody until [`Query::for_identity`] names
    /// the analyst.
    pub fn parse(text: &str) -> Result<Query, ParseError> {
        let mut terms = Vec::new();
        for token in tokenize(text)? {
            terms.push(parse_term(&token)?);
        }
        Ok(Query {
            terms,
            me: String::new(),
        })
    }

    /// The query with `me` as the analyst's identity (for `assigned:me`).
    pub fn for_identity(mut self, me: &str) -> Query {
        self.me = me.to_lowercase();
        self
    }

    /// True when the query has no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Both queries at once: every term of each must hold (the identity of `self` stays).
    pub fn and(&self, other: &Query) -> Query {
        let mut q = self.clone();
        q.terms.extend(other.terms.iter().cloned());
        q
    }
}

fn parse_term(token: &Token) -> Result<Term, ParseError> {
    let (negate, body) = (token.negate, token.text.as_str());
    if body.is_empty() {
        return if negate {
            Err(ParseError::DanglingNot)
        } else {
            Ok(Term {
                field: Field::Text,
                values: vec![Value::new(Field::Text, String::new())],
                negate,
            })
        };
    }
    // A token that began with a quote is free text, colons included.
    if let Some((name, value)) = body.split_once(':').filter(|_| !token.quoted) {
        let field = field_named(name).ok_or_else(|| ParseError::UnknownField(name.to_string()))?;
        let texts: Vec<String> = value
            .split(',')
            .map(|v| v.trim().to_lowercase())
            .filter(|v| !v.is_empty())
            .collect();
        if texts.is_empty() {
            return Err(ParseError::EmptyValue(name.to_string()));
        }
        if field == Field::Incident
            && let Some(bad) = texts.iter().find(|v| v.parse::<i64>().is_err())
        {
            return Err(ParseError::BadIncident(bad.clone()));
        }
        return Ok(Term {
            field,
            values: texts.into_iter().map(|t| Value::new(field, t)).collect(),
            negate,
        });
    }
    Ok(Term {
        field: Field::Text,
        values: vec![Value::new(Field::Text, body.to_lowercase())],
        negate,
    })
}

/// One whitespace-separated piece of the filter text.
#[derive(Debug, Default)]
pub(crate) struct Token {
    /// The text without quotes and without a leading `!`.
    pub(crate) text: String,
    /// A leading `!` (outside any quotes).
    pub(crate) negate: bool,
    /// The body began with a quote, so it is free text.
    pub(crate) quoted: bool,
    /// Anything at all was seen (so `""` is a token).
    started: bool,
}

/// Splits on whitespace; `"…"` groups, and the quotes themselves are dropped.
pub(crate) fn tokenize(text: &str) -> Result<Vec<Token>, ParseError> {
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
        return Err(ParseError::UnclosedQuote);
    }
    if cur.started {
        out.push(cur);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_reported_not_panicked() {
        assert_eq!(
            Query::parse("bogus:1"),
            Err(ParseError::UnknownField("bogus".into()))
        );
        assert!(
            ParseError::UnknownField("x".into())
                .to_string()
                .contains("? lists the fields")
        );
        // Outside the console the field names are listed instead.
        let e = ParseError::UnknownField("sevv".into()).without_console();
        assert!(
            e.starts_with("unknown field 'sevv' (fields: sev status assigned device"),
            "{e}"
        );
        assert!(e.contains(" hash ip url ") && !e.contains('?'), "{e}");
        assert_eq!(
            ParseError::UnclosedQuote.without_console(),
            "unclosed quote"
        );
        assert_eq!(
            Query::parse("sev:"),
            Err(ParseError::EmptyValue("sev".into()))
        );
        assert_eq!(
            Query::parse("incident:abc"),
            Err(ParseError::BadIncident("abc".into()))
        );
        assert_eq!(Query::parse("\"open"), Err(ParseError::UnclosedQuote));
        assert_eq!(Query::parse("!"), Err(ParseError::DanglingNot));
        // Quoted text keeps its colon and is free text.
        let q = Query::parse("!\"http://x\"").unwrap();
        assert_eq!(q.terms[0].field, Field::Text);
        assert!(q.terms[0].negate);
        assert_eq!(q.terms[0].values[0].text, "http://x");
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
            "hash:",
            "tech:,",
        ] {
            let _ = Query::parse(s);
        }
    }

    #[test]
    fn values_are_lower_cased_and_split_on_commas() {
        let q = Query::parse("SEV:High,LOW tech:T1059").unwrap();
        let texts: Vec<&str> = q.terms[0].values.iter().map(|v| v.text.as_str()).collect();
        assert_eq!(texts, ["high", "low"]);
        assert_eq!(q.terms[1].field, Field::Technique);
        assert_eq!(q.terms[1].values[0].text, "t1059");
    }
}
