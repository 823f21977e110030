//! Running a parsed query: the source's rows inside the time window, then each operator in
//! turn, every expression resolved and type-checked against the schema at its place first.

use super::ast::{CmpOp, Expr, Func, Op, Query, Source, StrOp};
use super::bind::{Bound, Scope, bind};
use super::error::KqlError;
use super::tables::schema::Table;
use super::value::{Ty, Val, compare, compare_cells, has_term};
use mde_model::Timestamp;
use mde_model::graph::{Cell, Column, ColumnType, HuntingResult};
use std::cmp::Ordering;
use std::collections::HashMap;

/// Where rows come from.
pub trait RowSource {
    /// Rows of `table` in its column order; `device` (a `DeviceId`) narrows the device tables.
    fn rows(&self, table: Table, device: Option<&str>) -> Vec<Vec<Cell>>;
}

/// Limits and context of one run.
#[derive(Debug, Clone, Copy)]
pub struct RunContext {
    /// "Now" for `ago()` and `now()`.
    pub now: Timestamp,
    /// Rows outside this window are not seen (the request's Timespan, within 30 days).
    pub window: (Timestamp, Timestamp),
    /// Most rows an answer may hold.
    pub max_rows: usize,
}

fn semantic(m: impl Into<String>) -> KqlError {
    KqlError::Semantic(m.into())
}

fn table(name: &str) -> Result<Table, KqlError> {
    Table::named(name).ok_or_else(|| {
        semantic(format!(
            "Failed to resolve table or column expression named '{name}'. Tables: {}.",
            super::tables::schema::ALL
                .iter()
                .map(|t| t.name())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })
}

fn columns_of(t: Table) -> Vec<Column> {
    t.columns()
        .iter()
        .map(|(n, k)| Column {
            name: (*n).to_string(),
            kind: k.clone(),
        })
        .collect()
}

/// A `DeviceId == "…"` conjunct of the first `where`, used to read only that device's rows.
fn device_hint(q: &Query, lets: &HashMap<String, (Val, Ty)>) -> Option<String> {
    fn find(e: &Expr, lets: &HashMap<String, (Val, Ty)>) -> Option<String> {
        match e {
            Expr::And(a, b) => find(a, lets).or_else(|| find(b, lets)),
            Expr::Cmp(CmpOp::Eq, a, b) => {
                let (name, other) = match (&**a, &**b) {
                    (Expr::Name(n, _), o) | (o, Expr::Name(n, _)) if n == "DeviceId" => (n, o),
                    _ => return None,
                };
                if lets.contains_key(name) {
                    return None;
                }
                match other {
                    Expr::Lit(super::ast::Lit::Str(s)) => Some(s.clone()),
                    Expr::Name(l, _) => match lets.get(l) {
                        Some((Val::Str(s), _)) => Some(s.clone()),
                        _ => None,
                    },
                    _ => None,
                }
            }
            _ => None,
        }
    }
    match q.ops.first() {
        Some(Op::Where(e)) => find(e, lets),
        _ => None,
    }
}

/// Runs a query.
pub fn run(q: &Query, src: &dyn RowSource, ctx: RunContext) -> Result<HuntingResult, KqlError> {
    let mut lets: HashMap<String, (Val, Ty)> = HashMap::new();
    for (name, e) in &q.lets {
        let scope = Scope {
            columns: &[],
            lets: &lets,
            now: ctx.now,
        };
        let (b, t) = bind(e, &scope)?;
        let v = eval(&b, &[], ctx.now);
        lets.insert(name.clone(), (v, t));
    }
    let device = device_hint(q, &lets);
    let (mut schema, mut rows) = match &q.source {
        Source::Table(name, _) => {
            let t = table(name)?;
            (
                columns_of(t),
                in_window(src.rows(t, device.as_deref()), ctx.window),
            )
        }
        Source::Union {
            with_source,
            tables,
        } => union(
            src,
            with_source.as_deref(),
            tables,
            device.as_deref(),
            ctx.window,
        )?,
    };
    for op in &q.ops {
        match op {
            Op::Where(e) => {
                let scope = Scope {
                    columns: &schema,
                    lets: &lets,
                    now: ctx.now,
                };
                let (b, t) = bind(e, &scope)?;
                if t != Ty::Bool {
                    return Err(semantic(format!(
                        "The where predicate must be of type bool, not {}.",
                        t.name()
                    )));
                }
                rows.retain(|r| eval(&b, r, ctx.now) == Val::Bool(true));
            }
            Op::Project(cols) => {
                let scope = Scope {
                    columns: &schema,
                    lets: &lets,
                    now: ctx.now,
                };
                let mut bound = Vec::with_capacity(cols.len());
                let mut next = Vec::with_capacity(cols.len());
                for (name, e) in cols {
                    if next.iter().any(|c: &Column| c.name == *name) {
                        return Err(semantic(format!("The column '{name}' is projected twice.")));
                    }
                    let (b, t) = bind(e, &scope)?;
                    let kind = match &b {
                        Bound::Col(i) => schema[*i].kind.clone(),
                        _ => t.column(),
                    };
                    next.push(Column {
                        name: name.clone(),
                        kind,
                    });
                    bound.push(b);
                }
                rows = rows
                    .into_iter()
                    .map(|r| {
                        bound
                            .iter()
                            .map(|b| match b {
                                Bound::Col(i) => r[*i].clone(),
                                other => eval(other, &r, ctx.now).into_cell(),
                            })
                            .collect()
                    })
                    .collect();
                schema = next;
            }
            Op::Order(keys) => {
                let mut idx = Vec::with_capacity(keys.len());
                for (name, desc, _) in keys {
                    let i = schema.iter().position(|c| c.name == *name).ok_or_else(|| {
                        semantic(format!(
                            "Failed to resolve scalar expression named '{name}'."
                        ))
                    })?;
                    if schema[i].kind == ColumnType::Dynamic {
                        return Err(semantic(format!(
                            "Cannot order by the dynamic column '{name}'."
                        )));
                    }
                    idx.push((i, *desc));
                }
                rows.sort_by(|a, b| {
                    idx.iter()
                        .map(|(i, desc)| {
                            let o = compare_cells(&a[*i], &b[*i]);
                            if *desc { o.reverse() } else { o }
                        })
                        .find(|o| o.is_ne())
                        .unwrap_or(Ordering::Equal)
                });
            }
            Op::Take(n) => rows.truncate(usize::try_from(*n).unwrap_or(usize::MAX)),
        }
    }
    if rows.len() > ctx.max_rows {
        return Err(KqlError::Limit(format!(
            "Query result set has exceeded the internal record count limit of {} records ({} rows). Narrow the query or add '| take N'.",
            ctx.max_rows,
            rows.len()
        )));
    }
    Ok(HuntingResult { schema, rows })
}

fn in_window(mut rows: Vec<Vec<Cell>>, (from, to): (Timestamp, Timestamp)) -> Vec<Vec<Cell>> {
    rows.retain(|r| match r.first() {
        Some(Cell::Time(t)) => *t >= from && *t <= to,
        _ => false,
    });
    rows
}

type Rows = (Vec<Column>, Vec<Vec<Cell>>);

fn union(
    src: &dyn RowSource,
    with_source: Option<&str>,
    tables: &[(String, usize)],
    device: Option<&str>,
    window: (Timestamp, Timestamp),
) -> Result<Rows, KqlError> {
    let mut schema: Vec<Column> = Vec::new();
    if let Some(name) = with_source {
        schema.push(Column {
            name: name.to_string(),
            kind: ColumnType::String,
        });
    }
    let mut parts = Vec::with_capacity(tables.len());
    for (name, _) in tables {
        let t = table(name)?;
        for c in columns_of(t) {
            match schema.iter().find(|s| s.name == c.name) {
                Some(s) if s.kind != c.kind => {
                    return Err(semantic(format!(
                        "union: the column '{}' has different types in the tables.",
                        c.name
                    )));
                }
                Some(_) => {}
                None => schema.push(c),
            }
        }
        parts.push(t);
    }
    let mut rows = Vec::new();
    for t in parts {
        let cols = columns_of(t);
        let at: Vec<usize> = cols
            .iter()
            .map(|c| schema.iter().position(|s| s.name == c.name).unwrap_or(0))
            .collect();
        for r in in_window(src.rows(t, device), window) {
            let mut out = vec![Cell::Null; schema.len()];
            if with_source.is_some() {
                out[0] = Cell::Str(t.name().to_string());
            }
            for (v, i) in r.into_iter().zip(&at) {
                out[*i] = v;
            }
            rows.push(out);
        }
    }
    // The union's Timestamp is not first when withsource is: keep rows ordered by table only.
    Ok((schema, rows))
}

/// Evaluates a bound expression on one row.
pub fn eval(b: &Bound, row: &[Cell], now: Timestamp) -> Val {
    match b {
        Bound::Const(v) => v.clone(),
        Bound::Col(i) => row.get(*i).map_or(Val::Null, Val::from_cell),
        Bound::Not(a) => match eval(a, row, now) {
            Val::Bool(x) => Val::Bool(!x),
            _ => Val::Null,
        },
        Bound::And(a, c) => match (eval(a, row, now), eval(c, row, now)) {
            (Val::Bool(false), _) | (_, Val::Bool(false)) => Val::Bool(false),
            (Val::Bool(true), Val::Bool(true)) => Val::Bool(true),
            _ => Val::Null,
        },
        Bound::Or(a, c) => match (eval(a, row, now), eval(c, row, now)) {
            (Val::Bool(true), _) | (_, Val::Bool(true)) => Val::Bool(true),
            (Val::Bool(false), Val::Bool(false)) => Val::Bool(false),
            _ => Val::Null,
        },
        Bound::Cmp(op, a, c) => cmp(*op, &eval(a, row, now), &eval(c, row, now)),
        Bound::In {
            negated,
            ci,
            value,
            list,
        } => {
            let v = eval(value, row, now);
            if v == Val::Null {
                return Val::Null;
            }
            let op = if *ci { CmpOp::EqCi } else { CmpOp::Eq };
            let found = list
                .iter()
                .any(|item| cmp(op, &v, &eval(item, row, now)) == Val::Bool(true));
            Val::Bool(found != *negated)
        }
        Bound::Between {
            negated,
            value,
            lo,
            hi,
        } => {
            let v = eval(value, row, now);
            match (
                compare(&v, &eval(lo, row, now)),
                compare(&v, &eval(hi, row, now)),
            ) {
                (Some(l), Some(h)) => Val::Bool((l.is_ge() && h.is_le()) != *negated),
                _ => Val::Null,
            }
        }
        Bound::Str {
            op,
            negated,
            hay,
            needle,
        } => {
            let (h, n) = (eval(hay, row, now), eval(needle, row, now));
            let (Some(h), Some(n)) = (h.text(), n.text()) else {
                return Val::Null;
            };
            let found = match op {
                StrOp::Has => has_term(h, n),
                StrOp::Contains => h.to_lowercase().contains(&n.to_lowercase()),
                StrOp::StartsWith => h.to_lowercase().starts_with(&n.to_lowercase()),
                StrOp::EndsWith => h.to_lowercase().ends_with(&n.to_lowercase()),
            };
            Val::Bool(found != *negated)
        }
        Bound::Add(a, c) => arith(true, eval(a, row, now), eval(c, row, now)),
        Bound::Sub(a, c) => arith(false, eval(a, row, now), eval(c, row, now)),
        Bound::Call(f, args) => {
            let v = args.first().map_or(Val::Null, |a| eval(a, row, now));
            match f {
                Func::Ago => arith(false, Val::Time(now), v),
                Func::Now => Val::Time(now),
                Func::ToLower => v.text().map_or(Val::Null, |s| Val::Str(s.to_lowercase())),
                Func::ToUpper => v.text().map_or(Val::Null, |s| Val::Str(s.to_uppercase())),
                Func::IsEmpty => Val::Bool(matches!(&v, Val::Null) || v.text() == Some("")),
                Func::IsNotEmpty => Val::Bool(!(matches!(&v, Val::Null) || v.text() == Some(""))),
                Func::IsNull => Val::Bool(v == Val::Null),
                Func::IsNotNull => Val::Bool(v != Val::Null),
            }
        }
    }
}

fn cmp(op: CmpOp, a: &Val, b: &Val) -> Val {
    if matches!(op, CmpOp::EqCi | CmpOp::NeCi) {
        return match (a.text(), b.text()) {
            (Some(x), Some(y)) => {
                let eq = x.to_lowercase() == y.to_lowercase();
                Val::Bool(eq == (op == CmpOp::EqCi))
            }
            _ => Val::Null,
        };
    }
    let Some(o) = compare(a, b) else {
        return Val::Null;
    };
    Val::Bool(match op {
        CmpOp::Eq => o.is_eq(),
        CmpOp::Ne => o.is_ne(),
        CmpOp::Lt => o.is_lt(),
        CmpOp::Le => o.is_le(),
        CmpOp::Gt => o.is_gt(),
        CmpOp::Ge => o.is_ge(),
        CmpOp::EqCi | CmpOp::NeCi => false,
    })
}

fn shift(t: Timestamp, ticks: i64) -> Val {
    t.0.checked_add_signed(chrono::Duration::nanoseconds(ticks.saturating_mul(100)))
        .map_or(Val::Null, |d| Val::Time(Timestamp(d)))
}

fn arith(add: bool, a: Val, b: Val) -> Val {
    let sign = if add { 1 } else { -1 };
    match (a, b) {
        (Val::Time(t), Val::Span(s)) => shift(t, sign * s),
        (Val::Span(s), Val::Time(t)) if add => shift(t, s),
        (Val::Time(x), Val::Time(y)) if !add => {
            x.0.signed_duration_since(y.0)
                .num_nanoseconds()
                .map_or(Val::Null, |n| Val::Span(n / 100))
        }
        (Val::Span(x), Val::Span(y)) => Val::Span(x.saturating_add(sign * y)),
        (Val::Long(x), Val::Long(y)) => Val::Long(if add {
            x.saturating_add(y)
        } else {
            x.saturating_sub(y)
        }),
        (Val::Long(x), Val::Real(y)) => Val::Real(x as f64 + sign as f64 * y),
        (Val::Real(x), Val::Long(y)) => Val::Real(x + sign as f64 * y as f64),
        (Val::Real(x), Val::Real(y)) => Val::Real(x + sign as f64 * y),
        _ => Val::Null,
    }
}
