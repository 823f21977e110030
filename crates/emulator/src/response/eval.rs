//! Evaluating a `$filter` over any entity whose fields can be read by property: the same OData
//! semantics as the alerts list (case-insensitive strings, enums ordered by their metadata value,
//! `null eq null` true, an ordering comparison with null false), plus `any()` on collections.

use crate::odata::values::{Typed, compare};
use mde_odata::{CmpOp, Filter, Literal, Property};
use std::cmp::Ordering;

/// A field's value for comparison.
#[derive(Debug, Clone)]
pub enum Field<'a> {
    /// A single value (None for null).
    One(Option<Typed<'a>>),
    /// A collection of strings.
    Many(Vec<&'a str>),
}

/// An entity whose fields a filter over `P` can read.
pub trait Fields<P> {
    /// The value of `prop`.
    fn field(&self, prop: P) -> Field<'_>;
}

/// True when `item` matches `f`.
pub fn matches<P: Property, E: Fields<P>>(f: &Filter<P>, item: &E) -> bool {
    match f {
        Filter::And(a, b) => matches(a, item) && matches(b, item),
        Filter::Or(a, b) => matches(a, item) || matches(b, item),
        Filter::Not(a) => !matches(a, item),
        Filter::Cmp(p, op, lit) => one(*p, *op, lit, &item.field(*p)),
        Filter::In(p, lits) => {
            let v = item.field(*p);
            lits.iter().any(|l| one(*p, CmpOp::Eq, l, &v))
        }
        Filter::Any(p, cond) => match (item.field(*p), cond) {
            (Field::Many(vs), None) => !vs.is_empty(),
            (Field::Many(vs), Some((op, lit))) => vs
                .iter()
                .any(|v| one(*p, *op, lit, &Field::One(Some(Typed::Str(v))))),
            (Field::One(_), _) => false,
        },
    }
}

/// The enum member of a wire value: (metadata value, name).
pub fn enum_value<P: Property>(p: P, name: &str) -> Typed<'_> {
    match p.enum_member(name) {
        Some((v, _)) => Typed::Enum(v, name),
        None => Typed::Enum(u32::MAX, name),
    }
}

fn one<P: Property>(p: P, op: CmpOp, lit: &Literal, value: &Field<'_>) -> bool {
    let Field::One(value) = value else {
        return false;
    };
    let ord = match (value, lit) {
        (None, Literal::Null) => Some(Ordering::Equal),
        (None, _) | (Some(_), Literal::Null) => None,
        (Some(v), l) => literal(p, l).map(|l| compare(v, &l)),
    };
    match (op, ord) {
        (CmpOp::Eq, o) => o == Some(Ordering::Equal),
        (CmpOp::Ne, o) => o != Some(Ordering::Equal),
        (_, None) => false,
        (CmpOp::Gt, Some(o)) => o == Ordering::Greater,
        (CmpOp::Ge, Some(o)) => o != Ordering::Less,
        (CmpOp::Lt, Some(o)) => o == Ordering::Less,
        (CmpOp::Le, Some(o)) => o != Ordering::Greater,
    }
}

fn literal<P: Property>(p: P, l: &Literal) -> Option<Typed<'_>> {
    Some(match l {
        Literal::Str(s) if p.kind() == mde_odata::Kind::Enum => enum_value(p, s),
        Literal::Str(s) => Typed::Str(s),
        Literal::Int(i) => Typed::Int(*i),
        Literal::DateTime(t) => Typed::Time(*t),
        Literal::Null => return None,
    })
}
