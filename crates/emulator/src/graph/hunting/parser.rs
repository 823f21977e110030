//! The KQL subset's parser: recursive descent over the lexer's tokens, into the typed AST.
//! Everything outside the subset — other operators (`summarize`, `extend`, `join`, …), other
//! functions, tabular `let` — is a syntax error naming what was found, never guessed at.

use super::ast::{CmpOp, Expr, Func, Lit, Op, Query, Source, StrOp};
use super::error::KqlError;
use super::lexer::{Tok, Token, tokenize};
use mde_model::Timestamp;

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

    fn expr(&mut self) -> Result<Expr, KqlError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_templates_parse() {
        for q in [
            r#"let dev = "0123456789abcdef0123456789abcdef01234567";
               let t0 = datetime(2024-01-01T10:00:00Z); let t1 = datetime(2024-01-01T10:05:00Z);
               DeviceProcessEvents
               | where DeviceId == dev and Timestamp between ((t0 - 1h) .. (t1 + 1h))
               | project Timestamp, ProcessId, ProcessCreationTime, FileName, InitiatingProcessId
               | order by Timestamp asc
               | take 5000"#,
            r#"DeviceProcessEvents
               | where DeviceId == "x" and InitiatingProcessId == 4520
                     and InitiatingProcessCreationTime between (datetime(2024-01-01T10:00:00Z) - 1s .. datetime(2024-01-01T10:00:00Z) + 1s)
               | project Timestamp, ProcessId, FileName"#,
            r#"union withsource=Table DeviceNetworkEvents, DeviceFileEvents
               | where DeviceId == "x" and InitiatingProcessId == 4520
               | project Timestamp, Table, ActionType, RemoteIP"#,
            r#"AlertEvidence | where AlertId == "da1" | project Timestamp, EntityType"#,
            r#"DeviceProcessEvents | where InitiatingProcessFileName =~ "powershell.exe" | project Timestamp, FileName, InitiatingProcessFileName | order by Timestamp desc | limit 2"#,
            r#"AlertInfo | where Timestamp > ago(7d) and Severity in ("High", "Medium") and not(Title has "test") | sort by Timestamp"#,
        ] {
            parse(q).unwrap_or_else(|e| panic!("{}\n{q}", e.message(q)));
        }
    }

    #[test]
    fn precedence_and_shapes() {
        let q = parse("T | where A == 1 or B == 2 and C != 3").unwrap();
        let Op::Where(Expr::Or(_, right)) = &q.ops[0] else {
            panic!("{q:?}")
        };
        assert!(matches!(**right, Expr::And(..)));
        let q = parse("T | order by A, B asc | project X = A, B").unwrap();
        assert_eq!(
            q.ops[0],
            Op::Order(vec![("A".into(), true, 13), ("B".into(), false, 16)])
        );
        let Op::Project(cols) = &q.ops[1] else {
            panic!()
        };
        assert_eq!(cols[0].0, "X");
        assert_eq!(cols[1], ("B".into(), Expr::Name("B".into(), 39)));
    }

    #[test]
    fn everything_outside_the_subset_is_a_syntax_error() {
        for (q, needle) in [
            ("T | summarize count() by A", "'summarize' is not supported"),
            ("T | extend X = 1", "'extend'"),
            ("T | join (U) on A", "'join'"),
            ("T | where A matches regex \"x\"", "'matches'"),
            ("T | where strlen(A) > 3", "'strlen'"),
            ("let x = T | take 1; x", "scalar let"),
            ("T | where", "found the end"),
            ("T | where A == ", "end of the query"),
            ("T | take -1", "non-negative"),
            ("T | take x", "non-negative"),
            ("T | order A", "'by'"),
            ("T | where A between (1 2)", "'..'"),
            ("T | where A in (1, 2", "')'"),
            ("T T", "unexpected 'T'"),
            ("union T", "at least two"),
            ("T | where A !like 1", "'!like'"),
            ("T | where datetime(yesterday) > A", "datetime"),
            ("T | where ago(1h, 2h) < A", "argument"),
            ("T | order by A nulls last", "nulls"),
            ("", "table name"),
        ] {
            match parse(q) {
                Err(e @ KqlError::Syntax { .. }) => {
                    let m = e.message(q);
                    assert!(
                        m.contains(needle) && m.contains("Fix syntax errors in your query"),
                        "{q}: {m}"
                    );
                }
                other => panic!("{q}: {other:?}"),
            }
        }
    }
}
