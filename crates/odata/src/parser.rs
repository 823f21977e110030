//! The one `$filter` grammar: a recursive-descent parser over the lexer's tokens that checks
//! every property and literal the way the service does and yields the typed [`Filter`].
//! Precedence, lowest first: `or`, `and`, `not`, then comparisons and `in (...)`; parentheses
//! group. Keywords and operators are matched in any case, property names too.

use super::error::ODataError;
use super::filter::{CmpOp, Filter};
use super::lexer::{Token, TokenKind, tokenize};
use super::literal::Literal;
use super::prop::{Kind, Prop, Property};
use super::typing::typed;
use std::marker::PhantomData;

/// Parses a decoded `$filter` value over the alerts' properties; enum members come back in
/// their canonical spelling.
pub fn parse(src: &str) -> Result<Filter, ODataError> {
    parse_as::<Prop>(src)
}

/// Parses a decoded `$filter` value over the property set `P` (another entity's, e.g. Graph's).
pub fn parse_as<P: Property>(src: &str) -> Result<Filter<P>, ODataError> {
    let tokens = tokenize(src)?;
    if tokens.is_empty() {
        return Err(ODataError("The $filter expression is empty.".into()));
    }
    let mut p = Parser {
        tokens,
        i: 0,
        src,
        props: PhantomData,
    };
    let e = p.or()?;
    match p.peek() {
        None => typed(e),
        Some(t) => Err(p.err_at(t.pos, "unexpected token after the end of the expression")),
    }
}

struct Parser<'s, P> {
    tokens: Vec<Token>,
    i: usize,
    src: &'s str,
    props: PhantomData<P>,
}

impl<P: Property> Parser<'_, P> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.i)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.i).cloned();
        self.i += 1;
        t
    }

    fn err_at(&self, pos: usize, what: &str) -> ODataError {
        ODataError(format!(
            "Syntax error at position {pos} in '{}': {what}.",
            self.src
        ))
    }

    fn err_end(&self, what: &str) -> ODataError {
        ODataError(format!(
            "Syntax error: the filter '{}' ended early; {what}.",
            self.src
        ))
    }

    fn keyword(&self, kw: &str) -> bool {
        matches!(self.peek(), Some(Token { kind: TokenKind::Name(n), .. }) if n.eq_ignore_ascii_case(kw))
    }

    fn or(&mut self) -> Result<Filter<P>, ODataError> {
        let mut left = self.and()?;
        while self.keyword("or") {
            self.i += 1;
            left = left.or(self.and()?);
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Filter<P>, ODataError> {
        let mut left = self.unary()?;
        while self.keyword("and") {
            self.i += 1;
            left = left.and(self.unary()?);
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Filter<P>, ODataError> {
        if self.keyword("not") {
            self.i += 1;
            return Ok(self.unary()?.not());
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Filter<P>, ODataError> {
        match self.next() {
            Some(Token {
                kind: TokenKind::Open,
                pos,
            }) => {
                let e = self.or()?;
                match self.next() {
                    Some(Token {
                        kind: TokenKind::Close,
                        ..
                    }) => Ok(e),
                    Some(t) => Err(self.err_at(t.pos, "expected ')'")),
                    None => {
                        Err(self
                            .err_end(&format!("the '(' at position {pos} is not closed with ')'")))
                    }
                }
            }
            Some(Token {
                kind: TokenKind::Name(name),
                pos,
            }) => self.comparison(&name, pos),
            Some(t) => Err(self.err_at(t.pos, "expected a property name")),
            None => Err(self.err_end("expected a property name")),
        }
    }

    fn comparison(&mut self, name: &str, pos: usize) -> Result<Filter<P>, ODataError> {
        if matches!(
            self.peek(),
            Some(Token {
                kind: TokenKind::Open,
                ..
            })
        ) {
            return Err(self.err_at(pos, &format!("unknown function '{name}'")));
        }
        let prop = P::filterable(name)?;
        let op_tok = self
            .next()
            .ok_or_else(|| self.err_end(&format!("expected an operator after '{name}'")))?;
        let op = match &op_tok.kind {
            TokenKind::Name(n) => match n.to_ascii_lowercase().as_str() {
                "eq" => CmpOp::Eq,
                "ne" => CmpOp::Ne,
                "gt" => CmpOp::Gt,
                "ge" => CmpOp::Ge,
                "lt" => CmpOp::Lt,
                "le" => CmpOp::Le,
                "in" => return self.in_list(prop, name),
                _ => {
                    return Err(self.err_at(op_tok.pos, &format!("unknown operator '{n}'")));
                }
            },
            _ => return Err(self.err_at(op_tok.pos, "expected an operator")),
        };
        let lit = self.literal(prop, name)?;
        Ok(Filter::Cmp(prop, op, lit))
    }

    fn in_list(&mut self, prop: P, name: &str) -> Result<Filter<P>, ODataError> {
        match self.next() {
            Some(Token {
                kind: TokenKind::Open,
                ..
            }) => {}
            Some(t) => return Err(self.err_at(t.pos, "expected '(' after 'in'")),
            None => return Err(self.err_end("expected '(' after 'in'")),
        }
        let mut items = vec![self.literal(prop, name)?];
        loop {
            match self.next() {
                Some(Token {
                    kind: TokenKind::Comma,
                    ..
                }) => items.push(self.literal(prop, name)?),
                Some(Token {
                    kind: TokenKind::Close,
                    ..
                }) => return Ok(Filter::In(prop, items)),
                Some(t) => return Err(self.err_at(t.pos, "expected ',' or ')' in the 'in' list")),
                None => return Err(self.err_end("the 'in' list is not closed")),
            }
        }
    }

    /// One literal as written; its type is checked once the whole expression has parsed, so a
    /// syntax error anywhere is reported before a type error.
    fn literal(&mut self, prop: P, name: &str) -> Result<Literal, ODataError> {
        let t = self
            .next()
            .ok_or_else(|| self.err_end(&format!("expected a value to compare '{name}' with")))?;
        match t.kind {
            TokenKind::Name(n) if n.eq_ignore_ascii_case("null") => Ok(Literal::Null),
            // OData's qualified enum literal: microsoft.windowsDefenderATP.api.AlertStatus'New'.
            TokenKind::Name(n)
                if prop.kind() == Kind::Enum
                    && n.contains('.')
                    && matches!(self.peek(), Some(Token { kind: TokenKind::Str(_), pos }) if *pos == t.pos + n.chars().count()) =>
            {
                match self.next().map(|t| t.kind) {
                    Some(TokenKind::Str(s)) => Ok(Literal::Str(s)),
                    _ => Err(self.err_at(t.pos, "expected a quoted enum member")),
                }
            }
            TokenKind::DateTime(ts) => Ok(Literal::DateTime(ts)),
            TokenKind::Int(i) => Ok(Literal::Int(i)),
            TokenKind::Str(s) => Ok(Literal::Str(s)),
            TokenKind::Name(n) => Err(self.err_at(
                t.pos,
                &format!("'{n}' is not a value; quote strings as '...'"),
            )),
            _ => Err(self.err_at(t.pos, "expected a value")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CLI's `--filter` reading: the grammar's error as text.
    fn parse_filter(s: &str) -> Result<Filter, String> {
        parse(s).map_err(|e| e.0)
    }

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
