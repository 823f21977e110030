//! A `$filter` from the shared grammar (mde-odata), compiled for evaluation: each literal typed
//! like the property it is compared with, enum members carrying the metadata value that orders
//! them (`severity gt 'Low'`).

use mde_model::Timestamp;
use mde_odata::ODataError;
use mde_odata::{Filter as Ast, Kind, Literal, Prop};

pub use mde_odata::CmpOp as Op;

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

/// A filter expression ready to evaluate.
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

/// Parses, type-checks and compiles a decoded `$filter` value.
pub fn parse(src: &str) -> Result<Expr, ODataError> {
    compile(mde_odata::parse(src)?)
}

/// Compiles a checked expression tree.
pub fn compile(f: Ast) -> Result<Expr, ODataError> {
    let boxed = |f: Box<Ast>| compile(*f).map(Box::new);
    Ok(match f {
        Ast::And(a, b) => Expr::And(boxed(a)?, boxed(b)?),
        Ast::Or(a, b) => Expr::Or(boxed(a)?, boxed(b)?),
        Ast::Not(a) => Expr::Not(boxed(a)?),
        Ast::Cmp(p, op, l) => Expr::Cmp(p, op, lit(p, l)?),
        // No alert property is a collection, so the parser never yields a lambda for alerts.
        Ast::Any(p, _) => {
            return Err(ODataError(format!(
                "'{}' is not a collection; any() applies to collections only",
                p.wire_name()
            )));
        }
        Ast::In(p, ls) => Expr::In(
            p,
            ls.into_iter()
                .map(|l| lit(p, l))
                .collect::<Result<_, _>>()?,
        ),
    })
}

fn lit(prop: Prop, l: Literal) -> Result<Lit, ODataError> {
    Ok(match l {
        Literal::Null => Lit::Null,
        Literal::DateTime(t) => Lit::Time(t),
        Literal::Int(i) => Lit::Int(i),
        Literal::Str(s) if prop.kind() == Kind::Enum => {
            let (value, name) = prop.enum_member(&s).ok_or_else(|| {
                ODataError(format!(
                    "The string '{s}' is not a valid enumeration type constant for property '{}'.",
                    prop.wire_name()
                ))
            })?;
            Lit::Enum(value, name)
        }
        Literal::Str(s) => Lit::Str(s),
    })
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
