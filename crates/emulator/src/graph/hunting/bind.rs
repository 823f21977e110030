//! Name resolution and type checking: every column and `let` name is resolved against the
//! schema at its place in the pipeline, every operator's operand types checked, before a single
//! row is read. What does not resolve is KQL's semantic error, never a silent empty answer.

use super::ast::{CmpOp, Expr, Func, Lit, StrOp};
use super::error::KqlError;
use super::value::{Ty, Val};
use mde_model::Timestamp;
use mde_model::graph::Column;
use std::collections::HashMap;

/// An expression ready to evaluate: names resolved to column indices or constants.
#[derive(Debug, Clone, PartialEq)]
pub enum Bound {
    /// A constant.
    Const(Val),
    /// A column of the current row.
    Col(usize),
    /// Negation.
    Not(Box<Bound>),
    /// Both.
    And(Box<Bound>, Box<Bound>),
    /// Either.
    Or(Box<Bound>, Box<Bound>),
    /// A comparison.
    Cmp(CmpOp, Box<Bound>, Box<Bound>),
    /// Membership.
    In {
        /// `!in`.
        negated: bool,
        /// `in~`.
        ci: bool,
        /// The value.
        value: Box<Bound>,
        /// The list.
        list: Vec<Bound>,
    },
    /// Inclusive range.
    Between {
        /// `!between`.
        negated: bool,
        /// The value.
        value: Box<Bound>,
        /// Low end.
        lo: Box<Bound>,
        /// High end.
        hi: Box<Bound>,
    },
    /// A string operator.
    Str {
        /// Which.
        op: StrOp,
        /// Negated.
        negated: bool,
        /// Searched.
        hay: Box<Bound>,
        /// Sought.
        needle: Box<Bound>,
    },
    /// Addition (time + span, numbers).
    Add(Box<Bound>, Box<Bound>),
    /// Subtraction.
    Sub(Box<Bound>, Box<Bound>),
    /// A function.
    Call(Func, Vec<Bound>),
}

/// What binding needs: the columns in scope, the `let` constants, and "now".
pub struct Scope<'a> {
    /// Columns of the rows at this point of the pipeline.
    pub columns: &'a [Column],
    /// `let` names.
    pub lets: &'a HashMap<String, (Val, Ty)>,
    /// The time `ago()` and `now()` count from.
    pub now: Timestamp,
}

fn semantic(m: impl Into<String>) -> KqlError {
    KqlError::Semantic(m.into())
}

fn mismatch(what: &str, a: Ty, b: Ty) -> KqlError {
    semantic(format!(
        "Cannot {what} values of types {} and {}. Try adding explicit casts.",
        a.name(),
        b.name()
    ))
}

fn lit(l: &Lit) -> (Val, Ty) {
    match l {
        Lit::Str(s) => (Val::Str(s.clone()), Ty::Str),
        Lit::Long(n) => (Val::Long(*n), Ty::Long),
        Lit::Real(r) => (Val::Real(*r), Ty::Real),
        Lit::Bool(b) => (Val::Bool(*b), Ty::Bool),
        Lit::Time(t) => (Val::Time(*t), Ty::Time),
        Lit::Span(s) => (Val::Span(*s), Ty::Span),
    }
}

fn boolean(b: Bound, t: Ty, op: &str) -> Result<Bound, KqlError> {
    if t == Ty::Bool {
        Ok(b)
    } else {
        Err(semantic(format!(
            "The operands of '{op}' must be of type bool, not {}.",
            t.name()
        )))
    }
}

/// Resolves and type-checks an expression.
pub fn bind(e: &Expr, s: &Scope<'_>) -> Result<(Bound, Ty), KqlError> {
    Ok(match e {
        Expr::Lit(l) => {
            let (v, t) = lit(l);
            (Bound::Const(v), t)
        }
        Expr::Name(n, _) => {
            if let Some((v, t)) = s.lets.get(n) {
                (Bound::Const(v.clone()), *t)
            } else if let Some(i) = s.columns.iter().position(|c| c.name == *n) {
                (Bound::Col(i), Ty::of_column(&s.columns[i].kind))
            } else {
                return Err(semantic(format!(
                    "Failed to resolve scalar expression named '{n}'."
                )));
            }
        }
        Expr::Not(a) => {
            let (b, t) = bind(a, s)?;
            (Bound::Not(Box::new(boolean(b, t, "not")?)), Ty::Bool)
        }
        Expr::And(a, b) | Expr::Or(a, b) => {
            let op = if matches!(e, Expr::And(..)) {
                "and"
            } else {
                "or"
            };
            let (x, tx) = bind(a, s)?;
            let (y, ty) = bind(b, s)?;
            let (x, y) = (Box::new(boolean(x, tx, op)?), Box::new(boolean(y, ty, op)?));
            let b = if op == "and" {
                Bound::And(x, y)
            } else {
                Bound::Or(x, y)
            };
            (b, Ty::Bool)
        }
        Expr::Cmp(op, a, b) => {
            let (x, tx) = bind(a, s)?;
            let (y, ty) = bind(b, s)?;
            let ok = match op {
                CmpOp::EqCi | CmpOp::NeCi => tx == Ty::Str && ty == Ty::Str,
                _ => tx.comparable(ty) && tx != Ty::Dynamic,
            };
            if !ok {
                return Err(mismatch("compare", tx, ty));
            }
            (Bound::Cmp(*op, Box::new(x), Box::new(y)), Ty::Bool)
        }
        Expr::In {
            negated,
            ci,
            value,
            list,
        } => {
            let (v, tv) = bind(value, s)?;
            let mut items = Vec::with_capacity(list.len());
            for item in list {
                let (b, t) = bind(item, s)?;
                if !tv.comparable(t) || (*ci && t != Ty::Str) {
                    return Err(mismatch("compare", tv, t));
                }
                items.push(b);
            }
            (
                Bound::In {
                    negated: *negated,
                    ci: *ci,
                    value: Box::new(v),
                    list: items,
                },
                Ty::Bool,
            )
        }
        Expr::Between {
            negated,
            value,
            lo,
            hi,
        } => {
            let (v, tv) = bind(value, s)?;
            let (l, tl) = bind(lo, s)?;
            let (h, th) = bind(hi, s)?;
            for t in [tl, th] {
                if !tv.comparable(t) || !matches!(tv, Ty::Long | Ty::Real | Ty::Time | Ty::Span) {
                    return Err(mismatch("compare", tv, t));
                }
            }
            (
                Bound::Between {
                    negated: *negated,
                    value: Box::new(v),
                    lo: Box::new(l),
                    hi: Box::new(h),
                },
                Ty::Bool,
            )
        }
        Expr::Str {
            op,
            negated,
            hay,
            needle,
        } => {
            let (h, th) = bind(hay, s)?;
            let (n, tn) = bind(needle, s)?;
            if th != Ty::Str || tn != Ty::Str {
                return Err(mismatch("search", th, tn));
            }
            (
                Bound::Str {
                    op: *op,
                    negated: *negated,
                    hay: Box::new(h),
                    needle: Box::new(n),
                },
                Ty::Bool,
            )
        }
        Expr::Add(a, b) | Expr::Sub(a, b) => {
            let add = matches!(e, Expr::Add(..));
            let (x, tx) = bind(a, s)?;
            let (y, ty) = bind(b, s)?;
            let t = match (tx, ty) {
                (Ty::Time, Ty::Span) => Ty::Time,
                (Ty::Span, Ty::Time) if add => Ty::Time,
                (Ty::Time, Ty::Time) if !add => Ty::Span,
                (Ty::Span, Ty::Span) => Ty::Span,
                (Ty::Long, Ty::Long) => Ty::Long,
                (a, b) if a.numeric() && b.numeric() => Ty::Real,
                (a, b) => return Err(mismatch(if add { "add" } else { "subtract" }, a, b)),
            };
            let (x, y) = (Box::new(x), Box::new(y));
            (
                if add {
                    Bound::Add(x, y)
                } else {
                    Bound::Sub(x, y)
                },
                t,
            )
        }
        Expr::Call(f, args, _) => {
            let mut bound = Vec::with_capacity(args.len());
            let mut types = Vec::with_capacity(args.len());
            for a in args {
                let (b, t) = bind(a, s)?;
                bound.push(b);
                types.push(t);
            }
            let t = match (f, types.as_slice()) {
                (Func::Ago, [Ty::Span]) => Ty::Time,
                (Func::Now, []) => Ty::Time,
                (Func::ToLower | Func::ToUpper, [Ty::Str]) => Ty::Str,
                (Func::IsEmpty | Func::IsNotEmpty | Func::IsNull | Func::IsNotNull, [_]) => {
                    Ty::Bool
                }
                (f, ts) => {
                    return Err(semantic(format!(
                        "{f:?}() does not take ({}).",
                        ts.iter().map(|t| t.name()).collect::<Vec<_>>().join(", ")
                    )));
                }
            };
            if *f == Func::Now {
                return Ok((Bound::Const(Val::Time(s.now)), Ty::Time));
            }
            (Bound::Call(*f, bound), t)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::hunting::ast::Op;
    use crate::graph::hunting::parser::parse;
    use mde_model::graph::ColumnType;

    fn where_of(q: &str) -> Expr {
        match parse(q).unwrap().ops.into_iter().next() {
            Some(Op::Where(e)) => e,
            other => panic!("{other:?}"),
        }
    }

    fn check(q: &str) -> Result<Ty, KqlError> {
        let columns = vec![
            Column {
                name: "Timestamp".into(),
                kind: ColumnType::DateTime,
            },
            Column {
                name: "FileName".into(),
                kind: ColumnType::String,
            },
            Column {
                name: "ProcessId".into(),
                kind: ColumnType::Long,
            },
        ];
        let lets = HashMap::new();
        let scope = Scope {
            columns: &columns,
            lets: &lets,
            now: Timestamp::now(),
        };
        bind(&where_of(q), &scope).map(|(_, t)| t)
    }

    #[test]
    fn names_and_types_are_checked() {
        assert_eq!(
            check("T | where FileName == 'a' and ProcessId > 3"),
            Ok(Ty::Bool)
        );
        assert_eq!(
            check("T | where Timestamp > ago(1h) and Timestamp - 1s < now()"),
            Ok(Ty::Bool)
        );
        assert_eq!(check("T | where ProcessId in (1, 2.5)"), Ok(Ty::Bool));
        let e = |q: &str| check(q).unwrap_err().to_string();
        assert!(e("T | where Nope == 1").contains("'Nope'"));
        assert!(e("T | where FileName == 1").contains("string and long"));
        assert!(e("T | where Timestamp > 'x'").contains("datetime and string"));
        assert!(e("T | where ProcessId has 'x'").contains("long and string"));
        assert!(e("T | where ProcessId =~ 1").contains("long and long"));
        assert!(e("T | where FileName between (1 .. 2)").contains("string and long"));
        assert!(e("T | where ago('x') < Timestamp").contains("Ago"));
        assert!(e("T | where Timestamp + Timestamp > now()").contains("add"));
        assert!(e("T | where FileName in~ (1)").contains("string and long"));
    }
}
