//! Evaluating a Graph `$filter` (the shared grammar, over Graph's property sets) against any
//! item that can read its properties, with OData's null semantics.

use crate::odata::values::{Typed, compare};
use mde_odata::{CmpOp, Filter, Literal, Property};
use std::cmp::Ordering;

/// True when the item whose properties `read` returns matches `f`.
pub fn matches<'a, P: Property>(f: &Filter<P>, read: &impl Fn(P) -> Option<Typed<'a>>) -> bool {
    match f {
        Filter::And(a, b) => matches(a, read) && matches(b, read),
        Filter::Or(a, b) => matches(a, read) || matches(b, read),
        Filter::Not(a) => !matches(a, read),
        Filter::Cmp(p, op, lit) => cmp(*p, *op, lit, read),
        Filter::In(p, lits) => lits.iter().any(|l| cmp(*p, CmpOp::Eq, l, read)),
        // Graph's property sets have no collections, so the parser never builds `any()` here.
        Filter::Any(..) => false,
    }
}

fn cmp<'a, P: Property>(
    p: P,
    op: CmpOp,
    lit: &Literal,
    read: &impl Fn(P) -> Option<Typed<'a>>,
) -> bool {
    let value = read(p);
    let member;
    let typed = match lit {
        Literal::Null => None,
        Literal::DateTime(t) => Some(Typed::Time(*t)),
        Literal::Int(i) => Some(Typed::Int(*i)),
        Literal::Str(s) => match p.enum_member(s) {
            Some(m) => {
                member = m;
                Some(Typed::Enum(member.0, &member.1))
            }
            None => Some(Typed::Str(s)),
        },
    };
    let ord = match (&value, &typed) {
        (None, None) => Some(Ordering::Equal),
        (None, _) | (Some(_), None) => None,
        (Some(v), Some(l)) => Some(compare(v, l)),
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
