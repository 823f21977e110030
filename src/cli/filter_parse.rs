//! Reads the `--filter` an analyst types into the client's typed `Filter`, so a typo is a usage
//! error here rather than a 400 from the service, and only documented properties can be named.
//! Grammar: `or` of `and` of [`not`] (`( … )` | `prop op literal` | `prop in (literal, …)`).

use crate::api::odata::CmpOp;
use crate::api::{Filter, Literal, Prop};
use crate::model::Timestamp;

const PROPS: [Prop; 11] = [
    Prop::AlertCreationTime,
    Prop::LastUpdateTime,
    Prop::LastEventTime,
    Prop::IncidentId,
    Prop::InvestigationId,
    Prop::Id,
    Prop::AssignedTo,
    Prop::DetectionSource,
    Prop::Status,
    Prop::Severity,
    Prop::Category,
];

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Str(String),
    Open,
    Close,
    Comma,
}

/// Parses an OData `$filter` expression over the documented alert properties.
pub fn parse_filter(input: &str) -> Result<Filter, String> {
    let tokens = lex(input)?;
    let mut p = Parser { tokens, pos: 0 };
    let f = p.or()?;
    match p.tokens.get(p.pos) {
        None => Ok(f),
        Some(t) => Err(format!("unexpected {} after the expression", show(t))),
    }
}

fn lex(input: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' | ')' | ',' => {
                chars.next();
                out.push(match c {
                    '(' => Token::Open,
                    ')' => Token::Close,
                    _ => Token::Comma,
                });
            }
            '\'' => {
                chars.next();
                let mut s = String::new();
                loop {
                    match chars.next() {
                        Some('\'') if chars.peek() == Some(&'\'') => {
                            chars.next();
                            s.push('\'');
                        }
                        Some('\'') => break,
                        Some(c) => s.push(c),
                        None => return Err("unterminated string literal".into()),
                    }
                }
                out.push(Token::Str(s));
            }
            _ => {
                let mut w = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() || matches!(c, '(' | ')' | ',' | '\'') {
                        break;
                    }
                    w.push(c);
                    chars.next();
                }
                out.push(Token::Word(w));
            }
        }
    }
    Ok(out)
}

fn show(t: &Token) -> String {
    match t {
        Token::Word(w) => format!("{w:?}"),
        Token::Str(s) => format!("'{s}'"),
        Token::Open => "'('".into(),
        Token::Close => "')'".into(),
        Token::Comma => "','".into(),
    }
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek_word(&self, kw: &str) -> bool {
        matches!(self.tokens.get(self.pos), Some(Token::Word(w)) if w.eq_ignore_ascii_case(kw))
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn expect(&mut self, want: Token) -> Result<(), String> {
        match self.next() {
            Some(t) if t == want => Ok(()),
            Some(t) => Err(format!("expected {}, found {}", show(&want), show(&t))),
            None => Err(format!("expected {}, found the end", show(&want))),
        }
    }

    fn or(&mut self) -> Result<Filter, String> {
        let mut f = self.and()?;
        while self.peek_word("or") {
            self.pos += 1;
            f = f.or(self.and()?);
        }
        Ok(f)
    }

    fn and(&mut self) -> Result<Filter, String> {
        let mut f = self.unary()?;
        while self.peek_word("and") {
            self.pos += 1;
            f = f.and(self.unary()?);
        }
        Ok(f)
    }

    fn unary(&mut self) -> Result<Filter, String> {
        if self.peek_word("not") {
            self.pos += 1;
            return Ok(self.unary()?.not());
        }
        if self.tokens.get(self.pos) == Some(&Token::Open) {
            self.pos += 1;
            let f = self.or()?;
            self.expect(Token::Close)?;
            return Ok(f);
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Filter, String> {
        let prop = match self.next() {
            Some(Token::Word(w)) => prop(&w)?,
            Some(t) => return Err(format!("expected a property, found {}", show(&t))),
            None => return Err("expected a property, found the end".into()),
        };
        let op = match self.next() {
            Some(Token::Word(w)) => w.to_ascii_lowercase(),
            Some(t) => return Err(format!("expected an operator, found {}", show(&t))),
            None => return Err("expected an operator, found the end".into()),
        };
        let cmp = match op.as_str() {
            "eq" => CmpOp::Eq,
            "ne" => CmpOp::Ne,
            "gt" => CmpOp::Gt,
            "ge" => CmpOp::Ge,
            "lt" => CmpOp::Lt,
            "le" => CmpOp::Le,
            "in" => {
                self.expect(Token::Open)?;
                let mut values = vec![self.literal()?];
                while self.tokens.get(self.pos) == Some(&Token::Comma) {
                    self.pos += 1;
                    values.push(self.literal()?);
                }
                self.expect(Token::Close)?;
                return Ok(Filter::In(prop, values));
            }
            other => return Err(format!("unknown operator {other:?} (eq ne gt ge lt le in)")),
        };
        Ok(Filter::Cmp(prop, cmp, self.literal()?))
    }

    fn literal(&mut self) -> Result<Literal, String> {
        match self.next() {
            Some(Token::Str(s)) => Ok(Literal::Str(s)),
            Some(Token::Word(w)) if w.eq_ignore_ascii_case("null") => Ok(Literal::Null),
            Some(Token::Word(w)) => {
                if let Ok(n) = w.parse::<i64>() {
                    Ok(Literal::Int(n))
                } else if let Ok(t) = Timestamp::parse(&w) {
                    Ok(Literal::DateTime(t))
                } else {
                    Err(format!("{w:?} is not a value (quote strings: 'text')"))
                }
            }
            Some(t) => Err(format!("expected a value, found {}", show(&t))),
            None => Err("expected a value, found the end".into()),
        }
    }
}

fn prop(name: &str) -> Result<Prop, String> {
    PROPS
        .iter()
        .copied()
        .find(|p| p.wire_name().eq_ignore_ascii_case(name))
        .ok_or_else(|| {
            let known: Vec<_> = PROPS.iter().map(|p| p.wire_name()).collect();
            format!(
                "{name:?} is not a filterable property (known: {})",
                known.join(", ")
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(s: &str) -> String {
        parse_filter(s)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
            .to_string()
    }

    #[test]
    fn documented_shapes_round_trip() {
        assert_eq!(round("severity eq 'High'"), "severity eq 'High'");
        assert_eq!(
            round("Severity EQ 'High' and (status eq 'New' or status eq 'InProgress')"),
            "severity eq 'High' and (status eq 'New' or status eq 'InProgress')"
        );
        assert_eq!(
            round("alertCreationTime gt 2024-01-02T03:04:05Z"),
            "alertCreationTime gt 2024-01-02T03:04:05Z"
        );
        assert_eq!(
            round("status in ('New','InProgress')"),
            "status in ('New','InProgress')"
        );
        assert_eq!(
            round("not (assignedTo eq null)"),
            "not (assignedTo eq null)"
        );
        assert_eq!(round("incidentId eq 42"), "incidentId eq 42");
    }

    #[test]
    fn quotes_stay_inside_one_literal() {
        let f = parse_filter("assignedTo eq 'x'' or severity eq ''Low'").unwrap();
        assert_eq!(
            f,
            Filter::Cmp(
                Prop::AssignedTo,
                CmpOp::Eq,
                Literal::Str("x' or severity eq 'Low".into())
            )
        );
    }

    #[test]
    fn mistakes_are_named() {
        let e = parse_filter("sevrity eq 'High'").unwrap_err();
        assert!(e.contains("sevrity") && e.contains("severity"), "{e}");
        assert!(
            parse_filter("severity eq High")
                .unwrap_err()
                .contains("quote")
        );
        assert!(
            parse_filter("severity like 'H'")
                .unwrap_err()
                .contains("operator")
        );
        assert!(
            parse_filter("severity eq 'High")
                .unwrap_err()
                .contains("unterminated")
        );
        assert!(
            parse_filter("(severity eq 'High'")
                .unwrap_err()
                .contains("')'")
        );
        assert!(
            parse_filter("severity eq 'a' 'b'")
                .unwrap_err()
                .contains("after")
        );
        assert!(parse_filter("").is_err());
    }
}
