//! Recursive-descent parser for `$filter`, producing a typed expression tree. Precedence, lowest
//! first: `or`, `and`, `not`, then comparisons and `in (...)`; parentheses group.

use super::ODataError;
use super::lexer::{Token, TokenKind, tokenize};
use super::properties::{Kind, Prop};
use crate::model::Timestamp;

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `eq`.
    Eq,
    /// `ne`.
    Ne,
    /// `gt`.
    Gt,
    /// `ge`.
    Ge,
    /// `lt`.
    Lt,
    /// `le`.
    Le,
}

/// A literal already checked against its property's type.
#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    /// `null`.
    Null,
    /// A date-time.
    Time(Timestamp),
    /// An integer.
    Int(i64),
    /// A string.
    Str(String),
    /// An enum member (metadata value, canonical name).
    Enum(u32, String),
}

/// A filter expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// Both.
    And(Box<Expr>, Box<Expr>),
    /// Either.
    Or(Box<Expr>, Box<Expr>),
    /// Negation.
    Not(Box<Expr>),
    /// `prop op literal`.
    Cmp(Prop, Op, Lit),
    /// `prop in (a, b, ...)`.
    In(Prop, Vec<Lit>),
}

/// Parses a decoded `$filter` value.
pub fn parse(src: &str) -> Result<Expr, ODataError> {
    let tokens = tokenize(src)?;
    if tokens.is_empty() {
        return Err(ODataError("The $filter expression is empty.".into()));
    }
    let mut p = Parser { tokens, i: 0, src };
    let e = p.or()?;
    match p.peek() {
        None => Ok(e),
        Some(t) => Err(p.err_at(t.pos, "unexpected token after the end of the expression")),
    }
}

struct Parser<'s> {
    tokens: Vec<Token>,
    i: usize,
    src: &'s str,
}

impl Parser<'_> {
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
        matches!(self.peek(), Some(Token { kind: TokenKind::Name(n), .. }) if n == kw)
    }

    fn or(&mut self) -> Result<Expr, ODataError> {
        let mut left = self.and()?;
        while self.keyword("or") {
            self.i += 1;
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, ODataError> {
        let mut left = self.unary()?;
        while self.keyword("and") {
            self.i += 1;
            left = Expr::And(Box::new(left), Box::new(self.unary()?));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, ODataError> {
        if self.keyword("not") {
            self.i += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, ODataError> {
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
                    None => Err(self.err_end(&format!("the '(' at position {pos} is not closed"))),
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

    fn comparison(&mut self, name: &str, pos: usize) -> Result<Expr, ODataError> {
        if matches!(
            self.peek(),
            Some(Token {
                kind: TokenKind::Open,
                ..
            })
        ) {
            return Err(self.err_at(pos, &format!("unknown function '{name}'")));
        }
        let (prop, kind) = Prop::filterable(name)?;
        let op_tok = self
            .next()
            .ok_or_else(|| self.err_end(&format!("expected an operator after '{name}'")))?;
        let op = match &op_tok.kind {
            TokenKind::Name(n) => match n.as_str() {
                "eq" => Op::Eq,
                "ne" => Op::Ne,
                "gt" => Op::Gt,
                "ge" => Op::Ge,
                "lt" => Op::Lt,
                "le" => Op::Le,
                "in" => return self.in_list(prop, kind, name),
                other => {
                    return Err(self.err_at(op_tok.pos, &format!("unknown operator '{other}'")));
                }
            },
            _ => return Err(self.err_at(op_tok.pos, "expected an operator")),
        };
        let lit = self.literal(prop, kind, name)?;
        Ok(Expr::Cmp(prop, op, lit))
    }

    fn in_list(&mut self, prop: Prop, kind: Kind, name: &str) -> Result<Expr, ODataError> {
        match self.next() {
            Some(Token {
                kind: TokenKind::Open,
                ..
            }) => {}
            Some(t) => return Err(self.err_at(t.pos, "expected '(' after 'in'")),
            None => return Err(self.err_end("expected '(' after 'in'")),
        }
        let mut items = vec![self.literal(prop, kind, name)?];
        loop {
            match self.next() {
                Some(Token {
                    kind: TokenKind::Comma,
                    ..
                }) => items.push(self.literal(prop, kind, name)?),
                Some(Token {
                    kind: TokenKind::Close,
                    ..
                }) => return Ok(Expr::In(prop, items)),
                Some(t) => return Err(self.err_at(t.pos, "expected ',' or ')' in the 'in' list")),
                None => return Err(self.err_end("the 'in' list is not closed")),
            }
        }
    }

    fn literal(&mut self, prop: Prop, kind: Kind, name: &str) -> Result<Lit, ODataError> {
        let t = self
            .next()
            .ok_or_else(|| self.err_end(&format!("expected a value to compare '{name}' with")))?;
        let mismatch = |given: &str| {
            ODataError(format!(
                "A binary operator with incompatible types was detected. Found operand types '{}' and '{given}' for property '{name}'.",
                edm(kind)
            ))
        };
        match (t.kind, kind) {
            (TokenKind::Name(n), _) if n == "null" => Ok(Lit::Null),
            // OData's qualified enum literal: microsoft.windowsDefenderATP.api.AlertStatus'New'.
            (TokenKind::Name(n), Kind::Enum)
                if n.contains('.')
                    && matches!(self.peek(), Some(Token { kind: TokenKind::Str(_), pos }) if *pos == t.pos + n.chars().count()) =>
            {
                match self.next().map(|t| t.kind) {
                    Some(TokenKind::Str(s)) => prop
                        .enum_member(&s)
                        .map(|(v, n)| Lit::Enum(v, n))
                        .ok_or_else(|| {
                            ODataError(format!(
                                "The string '{s}' is not a valid enumeration type constant for property '{name}'."
                            ))
                        }),
                    _ => Err(self.err_at(t.pos, "expected a quoted enum member")),
                }
            }
            (TokenKind::DateTime(ts), Kind::DateTime) => Ok(Lit::Time(ts)),
            (TokenKind::Int(i), Kind::Int) => Ok(Lit::Int(i)),
            (TokenKind::Str(s), Kind::Str) => Ok(Lit::Str(s)),
            (TokenKind::Str(s), Kind::Enum) => prop
                .enum_member(&s)
                .map(|(v, n)| Lit::Enum(v, n))
                .ok_or_else(|| {
                    ODataError(format!(
                        "The string '{s}' is not a valid enumeration type constant for property '{name}'."
                    ))
                }),
            (TokenKind::Str(_), _) => Err(mismatch("Edm.String")),
            (TokenKind::Int(_), _) => Err(mismatch("Edm.Int64")),
            (TokenKind::DateTime(_), _) => Err(mismatch("Edm.DateTimeOffset")),
            (TokenKind::Name(n), _) => Err(self.err_at(
                t.pos,
                &format!("'{n}' is not a value; quote strings as '...'"),
            )),
            (_, _) => Err(self.err_at(t.pos, "expected a value")),
        }
    }
}

fn edm(kind: Kind) -> &'static str {
    match kind {
        Kind::DateTime => "Edm.DateTimeOffset",
        Kind::Int => "Edm.Int64",
        Kind::Str => "Edm.String",
        Kind::Enum => "Enum",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_string_survives_quoting(s in "\\PC*") {
            let quoted = format!("id eq '{}'", s.replace('\'', "''"));
            prop_assert_eq!(
                parse(&quoted),
                Ok(Expr::Cmp(Prop::Id, Op::Eq, Lit::Str(s.clone())))
            );
        }

        #[test]
        fn arbitrary_input_never_panics(s in "\\PC{0,60}") {
            let _ = parse(&s);
        }
    }

    #[test]
    fn qualified_enum_literals_are_accepted() {
        assert_eq!(
            parse("status eq microsoft.windowsDefenderATP.api.AlertStatus'InProgress'"),
            Ok(Expr::Cmp(
                Prop::Status,
                Op::Eq,
                Lit::Enum(4, "InProgress".into())
            ))
        );
        assert!(parse("status eq microsoft.windowsDefenderATP.api.AlertStatus 'New'").is_err());
        assert!(parse("id eq ns.Type'x'").is_err());
    }

    #[test]
    fn precedence_is_not_then_and_then_or() {
        let e = parse("not id eq 'a' or id eq 'b' and id eq 'c'").unwrap();
        let lit = |s: &str| Expr::Cmp(Prop::Id, Op::Eq, Lit::Str(s.into()));
        assert_eq!(
            e,
            Expr::Or(
                Box::new(Expr::Not(Box::new(lit("a")))),
                Box::new(Expr::And(Box::new(lit("b")), Box::new(lit("c"))))
            )
        );
    }
}
