//! Reading filter text into a `Query`: tokens (quotes, `!`), `field:value,value` terms, and a
//! typed error for anything that does not read.

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
