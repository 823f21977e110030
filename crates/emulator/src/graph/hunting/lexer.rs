//! KQL tokens: names, string literals ("…", '…', @"…"), integers, reals, timespans (`1h`,
//! `30m`, `100ms`), the raw text inside `datetime(…)`, operators and punctuation. Anything else
//! is a syntax error at its position.

use super::error::KqlError;

/// One token and where it starts (character offset).
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What it is.
    pub kind: Tok,
    /// Character offset.
    pub pos: usize,
}

/// Token kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A name or keyword (KQL is case-sensitive).
    Name(String),
    /// A negated operator name: `!in`, `!has`, `!contains`, `!between`, …
    NotName(String),
    /// A string literal, decoded.
    Str(String),
    /// An integer.
    Int(i64),
    /// A real.
    Real(f64),
    /// A timespan, in 100 ns ticks.
    Span(i64),
    /// The text inside `datetime(…)`.
    DateTime(String),
    /// `|`
    Pipe,
    /// `,`
    Comma,
    /// `;`
    Semi,
    /// `(`
    Open,
    /// `)`
    Close,
    /// `..`
    DotDot,
    /// `=`
    Assign,
    /// `==`, `!=`, `=~`, `!~`, `<`, `<=`, `>`, `>=`
    Cmp(&'static str),
    /// `+`
    Plus,
    /// `-`
    Minus,
}

/// Ticks per unit of the timespan suffixes KQL accepts.
fn unit_ticks(unit: &str) -> Option<i64> {
    Some(match unit {
        "d" | "day" | "days" => 864_000_000_000,
        "h" | "hr" | "hrs" | "hour" | "hours" => 36_000_000_000,
        "m" | "min" | "minute" | "minutes" => 600_000_000,
        "s" | "sec" | "second" | "seconds" => 10_000_000,
        "ms" | "milli" | "millis" | "millisecond" | "milliseconds" => 10_000,
        "microsecond" | "microseconds" => 10,
        "tick" | "ticks" => 1,
        _ => return None,
    })
}

/// Splits a query into tokens.
pub fn tokenize(src: &str) -> Result<Vec<Token>, KqlError> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let two = |j: usize| chars.get(j).copied();
        let kind = match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '/' if two(i + 1) == Some('/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '|' => {
                i += 1;
                Tok::Pipe
            }
            ',' => {
                i += 1;
                Tok::Comma
            }
            ';' => {
                i += 1;
                Tok::Semi
            }
            '(' => {
                i += 1;
                Tok::Open
            }
            ')' => {
                i += 1;
                Tok::Close
            }
            '+' => {
                i += 1;
                Tok::Plus
            }
            '-' => {
                i += 1;
                Tok::Minus
            }
            '.' if two(i + 1) == Some('.') => {
                i += 2;
                Tok::DotDot
            }
            '=' => match two(i + 1) {
                Some('=') => {
                    i += 2;
                    Tok::Cmp("==")
                }
                Some('~') => {
                    i += 2;
                    Tok::Cmp("=~")
                }
                _ => {
                    i += 1;
                    Tok::Assign
                }
            },
            '!' => match two(i + 1) {
                Some('=') => {
                    i += 2;
                    Tok::Cmp("!=")
                }
                Some('~') => {
                    i += 2;
                    Tok::Cmp("!~")
                }
                Some(n) if n.is_ascii_alphabetic() => {
                    i += 1;
                    let s = i;
                    while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                        i += 1;
                    }
                    let mut name: String = chars[s..i].iter().collect();
                    if name == "in" && chars.get(i) == Some(&'~') {
                        i += 1;
                        name.push('~');
                    }
                    Tok::NotName(name)
                }
                _ => return Err(KqlError::syntax(start, "unexpected '!'")),
            },
            '<' => {
                if two(i + 1) == Some('=') {
                    i += 2;
                    Tok::Cmp("<=")
                } else {
                    i += 1;
                    Tok::Cmp("<")
                }
            }
            '>' => {
                if two(i + 1) == Some('=') {
                    i += 2;
                    Tok::Cmp(">=")
                } else {
                    i += 1;
                    Tok::Cmp(">")
                }
            }
            '"' | '\'' => {
                let (s, next) = quoted(&chars, i)?;
                i = next;
                Tok::Str(s)
            }
            '@' if matches!(two(i + 1), Some('"') | Some('\'')) => {
                let (s, next) = verbatim(&chars, i + 1)?;
                i = next;
                Tok::Str(s)
            }
            c if c.is_ascii_digit() => {
                let (tok, next) = number(&chars, i)?;
                i = next;
                tok
            }
            c if c.is_alphabetic() || c == '_' => {
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let mut name: String = chars[start..i].iter().collect();
                if name == "in" && chars.get(i) == Some(&'~') {
                    i += 1;
                    name.push('~');
                }
                // `datetime(…)` holds a literal that is not a KQL token (2024-01-01T10:00:00Z).
                let mut j = i;
                while j < chars.len() && chars[j].is_whitespace() {
                    j += 1;
                }
                if name == "datetime" && chars.get(j) == Some(&'(') {
                    let close = chars[j..]
                        .iter()
                        .position(|c| *c == ')')
                        .map(|p| j + p)
                        .ok_or_else(|| KqlError::syntax(start, "datetime( is not closed"))?;
                    i = close + 1;
                    Tok::DateTime(chars[j + 1..close].iter().collect())
                } else {
                    Tok::Name(name)
                }
            }
            other => {
                return Err(KqlError::syntax(
                    start,
                    format!("unexpected character '{}'", other.escape_default()),
                ));
            }
        };
        out.push(Token { kind, pos: start });
    }
    Ok(out)
}

/// A number: integer, real, or a timespan when a unit follows (`1h`, `1.5d`, `100ms`).
fn number(chars: &[char], start: usize) -> Result<(Tok, usize), KqlError> {
    let mut i = start;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    let mut real = false;
    if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
        real = true;
        i += 1;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
    }
    let text: String = chars[start..i].iter().collect();
    let u = i;
    while i < chars.len() && chars[i].is_ascii_alphabetic() {
        i += 1;
    }
    let unit: String = chars[u..i].iter().collect();
    if i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
        return Err(KqlError::syntax(
            start,
            format!("malformed number '{text}{unit}'"),
        ));
    }
    if unit.is_empty() {
        return if real {
            text.parse::<f64>()
                .map(|r| (Tok::Real(r), i))
                .map_err(|_| KqlError::syntax(start, format!("malformed number '{text}'")))
        } else {
            text.parse::<i64>()
                .map(|n| (Tok::Int(n), i))
                .map_err(|_| KqlError::syntax(start, format!("integer '{text}' out of range")))
        };
    }
    let ticks = unit_ticks(&unit)
        .ok_or_else(|| KqlError::syntax(u, format!("unknown timespan unit '{unit}'")))?;
    let value: f64 = text
        .parse()
        .map_err(|_| KqlError::syntax(start, format!("malformed timespan '{text}{unit}'")))?;
    let total = value * ticks as f64;
    if !total.is_finite() || total.abs() > 9.0e18 {
        return Err(KqlError::syntax(start, "timespan out of range"));
    }
    Ok((Tok::Span(total as i64), i))
}

/// A "…" or '…' string with backslash escapes.
fn quoted(chars: &[char], open: usize) -> Result<(String, usize), KqlError> {
    let q = chars[open];
    let mut s = String::new();
    let mut i = open + 1;
    loop {
        match chars.get(i) {
            None | Some('\n') => return Err(KqlError::syntax(open, "unterminated string literal")),
            Some('\\') => {
                let e = chars
                    .get(i + 1)
                    .ok_or_else(|| KqlError::syntax(open, "unterminated string literal"))?;
                s.push(match e {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '0' => '\0',
                    '\\' | '"' | '\'' => *e,
                    other => {
                        return Err(KqlError::syntax(
                            i,
                            format!("unknown escape '\\{}'", other.escape_default()),
                        ));
                    }
                });
                i += 2;
            }
            Some(c) if *c == q => return Ok((s, i + 1)),
            Some(c) => {
                s.push(*c);
                i += 1;
            }
        }
    }
}

/// A verbatim @"…" string: no escapes, a doubled quote is one quote.
fn verbatim(chars: &[char], open: usize) -> Result<(String, usize), KqlError> {
    let q = chars[open];
    let mut s = String::new();
    let mut i = open + 1;
    loop {
        match chars.get(i) {
            None => return Err(KqlError::syntax(open, "unterminated string literal")),
            Some(c) if *c == q && chars.get(i + 1) == Some(&q) => {
                s.push(q);
                i += 2;
            }
            Some(c) if *c == q => return Ok((s, i + 1)),
            Some(c) => {
                s.push(*c);
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<Tok> {
        tokenize(s).unwrap().into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn every_token_kind() {
        assert_eq!(
            kinds(
                r#"T | where A == "x\"y" and B !in ('a') // comment
                 | take 5"#
            ),
            vec![
                Tok::Name("T".into()),
                Tok::Pipe,
                Tok::Name("where".into()),
                Tok::Name("A".into()),
                Tok::Cmp("=="),
                Tok::Str("x\"y".into()),
                Tok::Name("and".into()),
                Tok::Name("B".into()),
                Tok::NotName("in".into()),
                Tok::Open,
                Tok::Str("a".into()),
                Tok::Close,
                Tok::Pipe,
                Tok::Name("take".into()),
                Tok::Int(5),
            ]
        );
        assert_eq!(
            kinds("datetime(2024-01-01T10:00:00.5Z) - 1s .. 1.5h 100ms 7d"),
            vec![
                Tok::DateTime("2024-01-01T10:00:00.5Z".into()),
                Tok::Minus,
                Tok::Span(10_000_000),
                Tok::DotDot,
                Tok::Span(54_000_000_000),
                Tok::Span(1_000_000),
                Tok::Span(6_048_000_000_000),
            ]
        );
        assert_eq!(
            kinds(r#"@"C:\Temp" =~ != !~ <= >= < > = 2.5"#),
            vec![
                Tok::Str(r"C:\Temp".into()),
                Tok::Cmp("=~"),
                Tok::Cmp("!="),
                Tok::Cmp("!~"),
                Tok::Cmp("<="),
                Tok::Cmp(">="),
                Tok::Cmp("<"),
                Tok::Cmp(">"),
                Tok::Assign,
                Tok::Real(2.5),
            ]
        );
    }

    #[test]
    fn bad_input_is_a_positioned_syntax_error() {
        let err = |s: &str| match tokenize(s).unwrap_err() {
            KqlError::Syntax { pos, what } => (pos, what),
            other => panic!("{other:?}"),
        };
        assert_eq!(err("T | where A == \"open").0, 15);
        assert!(err("T # x").1.contains("'#'"));
        assert!(err("T | take 5y").1.contains("'y'"));
        assert!(err("x \"\\q\"").1.contains("escape"));
        assert!(err("datetime(2024").1.contains("not closed"));
        assert!(err("T | take 12abc").1.contains("unit"));
        assert!(err("T | where !").1.contains("'!'"));
        assert!(err("T | take 99999999999999999999").1.contains("range"));
    }
}
