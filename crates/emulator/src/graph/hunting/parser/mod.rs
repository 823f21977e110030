//! The KQL subset's parser: recursive descent over the lexer's tokens, into the typed AST.
//! Everything outside the subset — other operators (`summarize`, `extend`, `join`, …), other
//! functions, tabular `let` — is a syntax error naming what was found, never guessed at.
//! Here the query and its operators; the expressions are `expr.rs`.

use super::ast::{Expr, Op, Query, Source};
use super::error::KqlError;
use super::lexer::{Tok, Token, tokenize};

/// The operators the subset runs, for error messages.
const OPERATORS: &str = "where, project, order by, sort by, take, limit";

/// Parses a whole query.
pub fn parse(src: &str) -> Result<Query, KqlError> {
    let tokens = tokenize(src)?;
    let end = src.chars().count();
    let mut p = Parser { tokens, i: 0, end };
    let q = p.query()?;
    match p.peek() {
        None => Ok(q),
        Some(t) => Err(KqlError::syntax(
            t.pos,
            format!("unexpected {}", describe(&t.kind)),
        )),
    }
}

struct Parser {
    tokens: Vec<Token>,
    i: usize,
    end: usize,
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Name(n) => format!("'{n}'"),
        Tok::NotName(n) => format!("'!{n}'"),
        Tok::Str(_) => "a string".into(),
        Tok::Int(n) => format!("'{n}'"),
        Tok::Real(r) => format!("'{r}'"),
        Tok::Span(_) => "a timespan".into(),
        Tok::DateTime(_) => "a datetime".into(),
        Tok::Pipe => "'|'".into(),
        Tok::Comma => "','".into(),
        Tok::Semi => "';'".into(),
        Tok::Open => "'('".into(),
        Tok::Close => "')'".into(),
        Tok::DotDot => "'..'".into(),
        Tok::Assign => "'='".into(),
        Tok::Cmp(c) => format!("'{c}'"),
        Tok::Plus => "'+'".into(),
        Tok::Minus => "'-'".into(),
    }
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.i)
    }

    fn peek_kind(&self) -> Option<&Tok> {
        self.peek().map(|t| &t.kind)
    }

    fn pos(&self) -> usize {
        self.peek().map_or(self.end, |t| t.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.i).cloned();
        self.i += 1;
        t
    }

    fn err_here(&self, what: &str) -> KqlError {
        match self.peek() {
            Some(t) => KqlError::syntax(
                t.pos,
                format!("expected {what}, found {}", describe(&t.kind)),
            ),
            None => KqlError::syntax(
                self.end,
                format!("expected {what}, found the end of the query"),
            ),
        }
    }

    fn is_name(&self, kw: &str) -> bool {
        matches!(self.peek_kind(), Some(Tok::Name(n)) if n == kw)
    }

    fn expect(&mut self, want: &Tok, what: &str) -> Result<(), KqlError> {
        if self.peek_kind() == Some(want) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.err_here(what))
        }
    }

    fn name(&mut self, what: &str) -> Result<(String, usize), KqlError> {
        match self.peek().cloned() {
            Some(Token {
                kind: Tok::Name(n),
                pos,
            }) => {
                self.i += 1;
                Ok((n, pos))
            }
            _ => Err(self.err_here(what)),
        }
    }

    fn query(&mut self) -> Result<Query, KqlError> {
        let mut lets = Vec::new();
        while self.is_name("let") {
            self.i += 1;
            let (name, _) = self.name("a name after 'let'")?;
            self.expect(&Tok::Assign, "'=' after the let name")?;
            // A tabular let (`let x = T | …`) is outside the subset.
            let e = self.expr()?;
            if self.peek_kind() == Some(&Tok::Pipe) {
                return Err(KqlError::syntax(
                    self.pos(),
                    "only scalar let statements are supported",
                ));
            }
            self.expect(&Tok::Semi, "';' after the let statement")?;
            lets.push((name, e));
        }
        let source = self.source()?;
        let mut ops = Vec::new();
        while self.peek_kind() == Some(&Tok::Pipe) {
            self.i += 1;
            ops.push(self.operator()?);
        }
        Ok(Query { lets, source, ops })
    }

    fn source(&mut self) -> Result<Source, KqlError> {
        if self.is_name("union") {
            self.i += 1;
            let mut with_source = None;
            if self.is_name("withsource") {
                self.i += 1;
                self.expect(&Tok::Assign, "'=' after withsource")?;
                with_source = Some(self.name("a column name after withsource=")?.0);
            }
            let mut tables = vec![self.name("a table name")?];
            while self.peek_kind() == Some(&Tok::Comma) {
                self.i += 1;
                tables.push(self.name("a table name")?);
            }
            if tables.len() < 2 {
                return Err(KqlError::syntax(
                    self.pos(),
                    "union needs at least two tables",
                ));
            }
            return Ok(Source::Union {
                with_source,
                tables,
            });
        }
        let (t, pos) = self.name("a table name")?;
        Ok(Source::Table(t, pos))
    }

    fn operator(&mut self) -> Result<Op, KqlError> {
        let (op, pos) = self.name("an operator after '|'")?;
        match op.as_str() {
            "where" | "filter" => Ok(Op::Where(self.expr()?)),
            "project" => {
                let mut cols = Vec::new();
                loop {
                    let (name, npos) = self.name("a column name")?;
                    if self.peek_kind() == Some(&Tok::Assign) {
                        self.i += 1;
                        cols.push((name, self.expr()?));
                    } else {
                        cols.push((name.clone(), Expr::Name(name, npos)));
                    }
                    if self.peek_kind() != Some(&Tok::Comma) {
                        break;
                    }
                    self.i += 1;
                }
                Ok(Op::Project(cols))
            }
            "order" | "sort" => {
                if !self.is_name("by") {
                    return Err(self.err_here("'by'"));
                }
                self.i += 1;
                let mut keys = Vec::new();
                loop {
                    let (col, cpos) = self.name("a column to sort by")?;
                    let desc = if self.is_name("asc") {
                        self.i += 1;
                        false
                    } else if self.is_name("desc") {
                        self.i += 1;
                        true
                    } else {
                        true
                    };
                    if self.is_name("nulls") {
                        return Err(KqlError::syntax(
                            self.pos(),
                            "'nulls first|last' is not supported",
                        ));
                    }
                    keys.push((col, desc, cpos));
                    if self.peek_kind() != Some(&Tok::Comma) {
                        break;
                    }
                    self.i += 1;
                }
                Ok(Op::Order(keys))
            }
            "take" | "limit" => match self.next() {
                Some(Token {
                    kind: Tok::Int(n), ..
                }) if n >= 0 => Ok(Op::Take(n as u64)),
                _ => {
                    self.i -= 1;
                    Err(self.err_here("a non-negative row count"))
                }
            },
            other => Err(KqlError::syntax(
                pos,
                format!("the operator '{other}' is not supported (supported: {OPERATORS})"),
            )),
        }
    }
}

mod expr;
#[cfg(test)]
mod tests;
