//! Splits a decoded `$filter` into tokens: names, quoted strings (`''` is one quote), integers,
//! unquoted date-times, parentheses and commas.

use super::error::ODataError;
use mde_model::Timestamp;

/// One token, with the character offset where it starts (for error messages).
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Character position in the filter text.
    pub pos: usize,
}

/// Token kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum TokenKind {
    /// A property name, keyword or operator (`status`, `eq`, `and`, `null`).
    Name(String),
    /// `'text'`.
    Str(String),
    /// `42`, `-7`.
    Int(i64),
    /// `2019-11-22T00:00:00Z` or `2019-11-22`.
    DateTime(Timestamp),
    /// `(`.
    Open,
    /// `)`.
    Close,
    /// `,`.
    Comma,
    /// `:` (in a lambda: `machineTags/any(t: t eq 'x')`).
    Colon,
}

/// Tokenises a filter expression.
pub fn tokenize(src: &str) -> Result<Vec<Token>, ODataError> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let kind = match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '(' => {
                i += 1;
                TokenKind::Open
            }
            ')' => {
                i += 1;
                TokenKind::Close
            }
            ',' => {
                i += 1;
                TokenKind::Comma
            }
            ':' => {
                i += 1;
                TokenKind::Colon
            }
            '\'' => {
                let (s, next) = string(&chars, i)?;
                i = next;
                TokenKind::Str(s)
            }
            c if c.is_ascii_digit()
                || (c == '-' && chars.get(i + 1).is_some_and(char::is_ascii_digit)) =>
            {
                while i < chars.len() && is_literal_char(chars[i]) {
                    i += 1;
                }
                number_or_datetime(&chars[start..i].iter().collect::<String>(), start)?
            }
            c if c.is_alphabetic() || c == '_' || c == '$' => {
                while i < chars.len()
                    && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '.' | '/' | '$'))
                {
                    i += 1;
                }
                TokenKind::Name(chars[start..i].iter().collect())
            }
            other => {
                return Err(ODataError(format!(
                    "Syntax error: character '{other}' is not valid at position {start} in '{src}'."
                )));
            }
        };
        out.push(Token { kind, pos: start });
    }
    Ok(out)
}

fn is_literal_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '.' | '+')
}

fn string(chars: &[char], open: usize) -> Result<(String, usize), ODataError> {
    let mut s = String::new();
    let mut i = open + 1;
    loop {
        match chars.get(i) {
            None => {
                return Err(ODataError(format!(
                    "There is an unterminated string literal at position {open} in the filter."
                )));
            }
            Some('\'') if chars.get(i + 1) == Some(&'\'') => {
                s.push('\'');
                i += 2;
            }
            Some('\'') => return Ok((s, i + 1)),
            Some(c) => {
                s.push(*c);
                i += 1;
            }
        }
    }
}

fn number_or_datetime(text: &str, pos: usize) -> Result<TokenKind, ODataError> {
    let looks_like_date = text.len() >= 10 && text.as_bytes().get(4) == Some(&b'-');
    if looks_like_date {
        let parsed = if text.len() == 10 {
            Timestamp::parse(&format!("{text}T00:00:00Z"))
        } else {
            Timestamp::parse(text)
        };
        return parsed.map(TokenKind::DateTime).map_err(|_| {
            ODataError(format!(
                "'{text}' at position {pos} is not a valid Edm.DateTimeOffset literal."
            ))
        });
    }
    text.parse::<i64>().map(TokenKind::Int).map_err(|_| {
        ODataError(format!(
            "'{text}' at position {pos} is not a valid number or date-time literal."
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<TokenKind> {
        tokenize(s).unwrap().into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn quotes_double_to_escape() {
        assert_eq!(
            kinds("assignedTo eq 'O''Brien'"),
            vec![
                TokenKind::Name("assignedTo".into()),
                TokenKind::Name("eq".into()),
                TokenKind::Str("O'Brien".into())
            ]
        );
        assert_eq!(kinds("''''"), vec![TokenKind::Str("'".into())]);
    }

    #[test]
    fn datetimes_numbers_and_punctuation() {
        let k = kinds("(lastUpdateTime ge 2019-11-22T00:00:00.5Z,-3 2020-01-02)");
        assert_eq!(k[0], TokenKind::Open);
        assert_eq!(
            k[3],
            TokenKind::DateTime(Timestamp::parse("2019-11-22T00:00:00.5Z").unwrap())
        );
        assert_eq!(k[4], TokenKind::Comma);
        assert_eq!(k[5], TokenKind::Int(-3));
        assert_eq!(
            k[6],
            TokenKind::DateTime(Timestamp::parse("2020-01-02T00:00:00Z").unwrap())
        );
        assert_eq!(k[7], TokenKind::Close);
    }

    #[test]
    fn bad_input_is_named() {
        assert!(
            tokenize("id eq 'open")
                .unwrap_err()
                .0
                .contains("unterminated")
        );
        assert!(tokenize("id eq #").unwrap_err().0.contains("'#'"));
        assert!(
            tokenize("t gt 2019-13-45T00:00:00Z")
                .unwrap_err()
                .0
                .contains("2019-13-45")
        );
    }
}
