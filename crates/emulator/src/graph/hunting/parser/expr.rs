//! Expressions: `or` over `and` over comparisons over `+`/`-` over primaries (literals,
//! columns, parentheses, the subset's functions), and `datetime(…)`'s text.

use super::{Parser, describe};
use crate::graph::hunting::ast::{CmpOp, Expr, Func, Lit, StrOp};
use crate::graph::hunting::error::KqlError;
use crate::graph::hunting::lexer::{Tok, Token};
use mde_model::Timestamp;

impl Parser {
    pub(super) fn expr(&mut self) -> Result<Expr, KqlError> {
        let mut left = self.and()?;
        while self.is_name("or") {
            self.i += 1;
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, KqlError> {
        let mut left = self.comparison()?;
        while self.is_name("and") {
            self.i += 1;
            left = Expr::And(Box::new(left), Box::new(self.comparison()?));
        }
        Ok(left)
    }

    fn comparison(&mut self) -> Result<Expr, KqlError> {
        let left = self.additive()?;
        let cmp = match self.peek_kind() {
            Some(Tok::Cmp(c)) => Some(match *c {
                "==" => CmpOp::Eq,
                "!=" => CmpOp::Ne,
                "=~" => CmpOp::EqCi,
                "!~" => CmpOp::NeCi,
                "<" => CmpOp::Lt,
                "<=" => CmpOp::Le,
                ">" => CmpOp::Gt,
                _ => CmpOp::Ge,
            }),
            _ => None,
        };
        if let Some(op) = cmp {
            self.i += 1;
            let right = self.additive()?;
            return Ok(Expr::Cmp(op, Box::new(left), Box::new(right)));
        }
        let (word, negated, pos) = match self.peek().cloned() {
            Some(Token {
                kind: Tok::Name(n),
                pos,
            }) => (n, false, pos),
            Some(Token {
                kind: Tok::NotName(n),
                pos,
            }) => (n, true, pos),
            _ => return Ok(left),
        };
        let str_op = match word.as_str() {
            "has" => Some(StrOp::Has),
            "contains" => Some(StrOp::Contains),
            "startswith" => Some(StrOp::StartsWith),
            "endswith" => Some(StrOp::EndsWith),
            _ => None,
        };
        if let Some(op) = str_op {
            self.i += 1;
            let needle = self.additive()?;
            return Ok(Expr::Str {
                op,
                negated,
                hay: Box::new(left),
                needle: Box::new(needle),
            });
        }
        match word.as_str() {
            "in" | "in~" => {
                self.i += 1;
                let ci = word == "in~";
                self.expect(&Tok::Open, "'(' after 'in'")?;
                let mut list = vec![self.expr()?];
                while self.peek_kind() == Some(&Tok::Comma) {
                    self.i += 1;
                    list.push(self.expr()?);
                }
                self.expect(&Tok::Close, "')' closing the 'in' list")?;
                Ok(Expr::In {
                    negated,
                    ci,
                    value: Box::new(left),
                    list,
                })
            }
            "between" => {
                self.i += 1;
                self.expect(&Tok::Open, "'(' after 'between'")?;
                let lo = self.additive()?;
                self.expect(&Tok::DotDot, "'..' between the bounds")?;
                let hi = self.additive()?;
                self.expect(&Tok::Close, "')' closing 'between'")?;
                Ok(Expr::Between {
                    negated,
                    value: Box::new(left),
                    lo: Box::new(lo),
                    hi: Box::new(hi),
                })
            }
            "and" | "or" if !negated => Ok(left),
            other if negated => Err(KqlError::syntax(
                pos,
                format!("unknown operator '!{other}'"),
            )),
            // Another keyword here (`matches`, `like`, `has_cs`, …) is not in the subset.
            other => Err(KqlError::syntax(
                pos,
                format!(
                    "the operator '{other}' is not supported (use ==, !=, =~, !~, <, >, in, between, has, contains, startswith, endswith)"
                ),
            )),
        }
    }

    fn additive(&mut self) -> Result<Expr, KqlError> {
        let mut left = self.primary()?;
        loop {
            match self.peek_kind() {
                Some(Tok::Plus) => {
                    self.i += 1;
                    left = Expr::Add(Box::new(left), Box::new(self.primary()?));
                }
                Some(Tok::Minus) => {
                    self.i += 1;
                    left = Expr::Sub(Box::new(left), Box::new(self.primary()?));
                }
                _ => return Ok(left),
            }
        }
    }

    fn primary(&mut self) -> Result<Expr, KqlError> {
        let Some(t) = self.next() else {
            return Err(KqlError::syntax(
                self.end,
                "expected a value, found the end of the query",
            ));
        };
        Ok(match t.kind {
            Tok::Str(s) => Expr::Lit(Lit::Str(s)),
            Tok::Int(n) => Expr::Lit(Lit::Long(n)),
            Tok::Real(r) => Expr::Lit(Lit::Real(r)),
            Tok::Span(s) => Expr::Lit(Lit::Span(s)),
            Tok::Minus => match self.next().map(|t| t.kind) {
                Some(Tok::Int(n)) => Expr::Lit(Lit::Long(-n)),
                Some(Tok::Real(r)) => Expr::Lit(Lit::Real(-r)),
                Some(Tok::Span(s)) => Expr::Lit(Lit::Span(-s)),
                _ => return Err(KqlError::syntax(t.pos, "'-' must be followed by a number")),
            },
            Tok::DateTime(raw) => Expr::Lit(Lit::Time(datetime(&raw, t.pos)?)),
            Tok::Open => {
                let e = self.expr()?;
                self.expect(&Tok::Close, "')'")?;
                e
            }
            Tok::Name(n) if n == "true" => Expr::Lit(Lit::Bool(true)),
            Tok::Name(n) if n == "false" => Expr::Lit(Lit::Bool(false)),
            Tok::Name(n) if self.peek_kind() == Some(&Tok::Open) => self.call(&n, t.pos)?,
            Tok::Name(n) => Expr::Name(n, t.pos),
            other => {
                return Err(KqlError::syntax(
                    t.pos,
                    format!("expected a value, found {}", describe(&other)),
                ));
            }
        })
    }

    fn call(&mut self, name: &str, pos: usize) -> Result<Expr, KqlError> {
        let f = match name {
            "ago" => Func::Ago,
            "now" => Func::Now,
            "tolower" => Func::ToLower,
            "toupper" => Func::ToUpper,
            "isempty" => Func::IsEmpty,
            "isnotempty" => Func::IsNotEmpty,
            "isnull" => Func::IsNull,
            "isnotnull" => Func::IsNotNull,
            "not" => {
                self.expect(&Tok::Open, "'('")?;
                let e = self.expr()?;
                self.expect(&Tok::Close, "')' closing not(")?;
                return Ok(Expr::Not(Box::new(e)));
            }
            other => {
                return Err(KqlError::syntax(
                    pos,
                    format!(
                        "the function '{other}' is not supported (supported: ago, now, datetime, not, tolower, toupper, isempty, isnotempty, isnull, isnotnull)"
                    ),
                ));
            }
        };
        self.expect(&Tok::Open, "'('")?;
        let mut args = Vec::new();
        if self.peek_kind() != Some(&Tok::Close) {
            args.push(self.expr()?);
            while self.peek_kind() == Some(&Tok::Comma) {
                self.i += 1;
                args.push(self.expr()?);
            }
        }
        self.expect(&Tok::Close, "')' closing the call")?;
        let want = usize::from(f != Func::Now);
        if args.len() != want {
            return Err(KqlError::syntax(
                pos,
                format!("{name}() takes {want} argument(s), found {}", args.len()),
            ));
        }
        Ok(Expr::Call(f, args, pos))
    }
}

/// The text of `datetime(…)`: an ISO 8601 time (quoted or not; a bare date is midnight UTC).
fn datetime(raw: &str, pos: usize) -> Result<Timestamp, KqlError> {
    let t = raw.trim().trim_matches(|c| c == '"' || c == '\'');
    let parsed = if t.len() == 10 {
        Timestamp::parse(&format!("{t}T00:00:00Z"))
    } else {
        Timestamp::parse(t)
    };
    parsed.map_err(|_| {
        KqlError::syntax(
            pos,
            format!(
                "'{}' is not a valid datetime",
                t.chars().take(40).collect::<String>()
            ),
        )
    })
}
