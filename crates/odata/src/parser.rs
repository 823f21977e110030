//! The one `$filter` grammar: a recursive-descent parser over the lexer's tokens that checks
//! every property and literal the way the service does and yields the typed [`Filter`].
//! Precedence, lowest first: `or`, `and`, `not`, then comparisons and `in (...)`; parentheses
//! group. Keywords and operators are matched in any case, property names too. A collection
//! property is filtered with a lambda, `machineTags/any(t: t eq 'x')` (or `any()`: not empty).

use super::error::ODataError;
use super::filter::{CmpOp, Filter};
use super::lexer::{Token, TokenKind, tokenize};
use super::literal::Literal;
use super::prop::{Kind, Prop};
use super::property::Property;
use super::typing::typed;
use std::marker::PhantomData;

/// Parses a decoded `$filter` value over the alert properties; enum members come back in their
/// canonical spelling.
pub fn parse(src: &str) -> Result<Filter, ODataError> {
    parse_as::<Prop>(src)
}

/// Parses a decoded `$filter` value over the properties `P` of another entity.
pub fn parse_as<P: Property>(src: &str) -> Result<Filter<P>, ODataError> {
    let tokens = tokenize(src)?;
    if tokens.is_empty() {
        return Err(ODataError("The $filter expression is empty.".into()));
    }
    let mut p = Parser {
        tokens,
        i: 0,
        src,
        props: PhantomData::<P>,
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
            if let Some((base, func)) = name.rsplit_once('/')
                && func.eq_ignore_ascii_case("any")
            {
                return self.lambda(base, pos);
            }
            return Err(self.err_at(pos, &format!("unknown function '{name}'")));
        }
        let prop = P::filterable(name)?;
        if prop.is_collection() {
            return Err(ODataError(format!(
                "'{name}' is a collection: filter it with {name}/any(x: x eq '...')."
            )));
        }
        let op_tok = self
            .next()
            .ok_or_else(|| self.err_end(&format!("expected an operator after '{name}'")))?;
        if let TokenKind::Name(n) = &op_tok.kind
            && n.eq_ignore_ascii_case("in")
        {
            return self.in_list(prop, name);
        }
        let op = self.operator(&op_tok)?;
        let lit = self.literal(prop, name)?;
        Ok(Filter::Cmp(prop, op, lit))
    }

    fn operator(&self, t: &Token) -> Result<CmpOp, ODataError> {
        match &t.kind {
            TokenKind::Name(n) => match n.to_ascii_lowercase().as_str() {
                "eq" => Ok(CmpOp::Eq),
                "ne" => Ok(CmpOp::Ne),
                "gt" => Ok(CmpOp::Gt),
                "ge" => Ok(CmpOp::Ge),
                "lt" => Ok(CmpOp::Lt),
                "le" => Ok(CmpOp::Le),
                _ => Err(self.err_at(t.pos, &format!("unknown operator '{n}'"))),
            },
            _ => Err(self.err_at(t.pos, "expected an operator")),
        }
    }

    /// `base/any()` or `base/any(x: x op literal)`; the `(` is next.
    fn lambda(&mut self, base: &str, pos: usize) -> Result<Filter<P>, ODataError> {
        let prop = P::filterable(base)?;
        if !prop.is_collection() {
            return Err(self.err_at(
                pos,
                &format!("'{base}' is not a collection; any() applies to collections only"),
            ));
        }
        self.i += 1;
        let var = match self.next() {
            Some(Token {
                kind: TokenKind::Close,
                ..
            }) => return Ok(Filter::Any(prop, None)),
            Some(Token {
                kind: TokenKind::Name(v),
                ..
            }) => v,
            Some(t) => {
                return Err(self.err_at(
                    t.pos,
                    "expected a lambda variable, as in any(x: x eq '...')",
                ));
            }
            None => return Err(self.err_end("the any( is not closed")),
        };
        match self.next() {
            Some(Token {
                kind: TokenKind::Colon,
                ..
            }) => {}
            Some(t) => return Err(self.err_at(t.pos, &format!("expected ':' after '{var}'"))),
            None => return Err(self.err_end(&format!("expected ':' after '{var}'"))),
        }
        match self.next() {
            Some(Token {
                kind: TokenKind::Name(v),
                ..
            }) if v == var => {}
            Some(t) => {
                return Err(self.err_at(
                    t.pos,
                    &format!("the lambda may only compare its variable '{var}'"),
                ));
            }
            None => return Err(self.err_end(&format!("expected '{var}' after ':'"))),
        }
        let op_tok = self
            .next()
            .ok_or_else(|| self.err_end(&format!("expected an operator after '{var}'")))?;
        let op = self.operator(&op_tok)?;
        let lit = self.literal(prop, base)?;
        match self.next() {
            Some(Token {
                kind: TokenKind::Close,
                ..
            }) => Ok(Filter::Any(prop, Some((op, lit)))),
            Some(t) => Err(self.err_at(t.pos, "expected ')' to close any(...)")),
            None => Err(self.err_end("the any( is not closed")),
        }
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
    fn other_entities_have_their_own_properties_and_lambdas() {
        use crate::{ActionProp, MachineProp};
        let f = parse_as::<MachineProp>(
            "computerDnsName eq 'ws-01.contoso.com' and machineTags/any(tag: tag eq 'VIP') and riskScore ge 'medium'",
        )
        .unwrap();
        assert_eq!(
            f.to_string(),
            "computerDnsName eq 'ws-01.contoso.com' and machineTags/any(x: x eq 'VIP') and riskScore ge 'Medium'"
        );
        assert_eq!(
            parse_as::<MachineProp>("machineTags/ANY()").unwrap(),
            Filter::Any(MachineProp::MachineTags, None)
        );
        let a = parse_as::<ActionProp>(
            "machineId eq 'abc' and type eq 'Isolate' and status in ('Pending','InProgress')",
        )
        .unwrap();
        assert!(a.to_string().contains("status in ('Pending','InProgress')"));
        // An alert property is not a machine property, and the other way round.
        assert!(
            parse_as::<MachineProp>("severity eq 'High'")
                .unwrap_err()
                .0
                .contains("computerDnsName")
        );
        assert!(parse("computerDnsName eq 'x'").is_err());
        let e = |s: &str| parse_as::<MachineProp>(s).unwrap_err().0;
        assert!(
            e("machineTags eq 'x'").contains("any("),
            "{}",
            e("machineTags eq 'x'")
        );
        assert!(e("id/any(x: x eq 'a')").contains("not a collection"));
        assert!(e("machineTags/any(x: y eq 'a')").contains("'x'"));
        assert!(e("machineTags/any(x x eq 'a')").contains("':'"));
        assert!(e("machineTags/any(x: x eq 'a'").contains("not closed"));
        assert!(e("machineTags/any(x: x eq 5)").contains("Edm.Int64"));
        assert!(e("riskScore eq 'Severe'").contains("'Severe'"));
        assert!(e("machineTags/all(x: x eq 'a')").contains("unknown function"));
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
