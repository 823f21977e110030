//! The type check of a parsed filter: each literal against its property's OData type, enum
//! members resolved to their canonical spelling, in the service's wording.

use super::error::ODataError;
use super::filter::Filter;
use super::literal::Literal;
use super::prop::{Kind, Property};

/// The filter with every literal checked, left to right; enum names canonical.
pub fn typed<P: Property>(f: Filter<P>) -> Result<Filter<P>, ODataError> {
    Ok(match f {
        Filter::Cmp(p, op, l) => Filter::Cmp(p, op, literal(p, l)?),
        Filter::In(p, ls) => Filter::In(
            p,
            ls.into_iter()
                .map(|l| literal(p, l))
                .collect::<Result<_, _>>()?,
        ),
        Filter::And(a, b) => typed(*a)?.and(typed(*b)?),
        Filter::Or(a, b) => typed(*a)?.or(typed(*b)?),
        Filter::Not(a) => typed(*a)?.not(),
    })
}

fn literal<P: Property>(prop: P, l: Literal) -> Result<Literal, ODataError> {
    let kind = prop.kind();
    let name = prop.wire_name();
    let mismatch = |given: &str| {
        ODataError(format!(
            "A binary operator with incompatible types was detected. Found operand types '{}' and '{given}' for property '{name}'.",
            edm(kind)
        ))
    };
    match (l, kind) {
        (Literal::Null, _) => Ok(Literal::Null),
        (Literal::DateTime(t), Kind::DateTime) => Ok(Literal::DateTime(t)),
        (Literal::Int(i), Kind::Int) => Ok(Literal::Int(i)),
        (Literal::Str(s), Kind::Str) => Ok(Literal::Str(s)),
        (Literal::Str(s), Kind::Enum) => prop
            .enum_member(&s)
            .map(|(_, canonical)| Literal::Str(canonical))
            .ok_or_else(|| {
                ODataError(format!(
                    "The string '{s}' is not a valid enumeration type constant for property '{name}'."
                ))
            }),
        (Literal::Str(_), _) => Err(mismatch("Edm.String")),
        (Literal::Int(_), _) => Err(mismatch("Edm.Int64")),
        (Literal::DateTime(_), _) => Err(mismatch("Edm.DateTimeOffset")),
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
