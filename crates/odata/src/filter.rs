//! The `$filter` expression tree: what the parser yields and what the client builds. Property
//! names come from the closed [`Prop`] enum and every value is rendered as a literal (strings
//! quoted with `'` doubled), so no caller input can change the shape of the query.

use super::literal::Literal;
use super::prop::{Prop, Property};
use std::fmt::{self, Write};

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `eq`
    Eq,
    /// `ne`
    Ne,
    /// `gt`
    Gt,
    /// `ge`
    Ge,
    /// `lt`
    Lt,
    /// `le`
    Le,
}

impl CmpOp {
    /// The operator on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "eq",
            CmpOp::Ne => "ne",
            CmpOp::Gt => "gt",
            CmpOp::Ge => "ge",
            CmpOp::Lt => "lt",
            CmpOp::Le => "le",
        }
    }
}

/// A `$filter` expression tree over one entity's property set (the alerts' [`Prop`] unless
/// named); `Display` renders it with every needed parenthesis.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter<P = Prop> {
    /// `prop op literal`
    Cmp(P, CmpOp, Literal),
    /// `prop in (l1,l2,…)`, never empty.
    In(P, Vec<Literal>),
    /// `a and b`
    And(Box<Filter<P>>, Box<Filter<P>>),
    /// `a or b`
    Or(Box<Filter<P>>, Box<Filter<P>>),
    /// `not (a)`
    Not(Box<Filter<P>>),
}

impl<P: Property> Filter<P> {
    /// `prop eq value`
    pub fn eq(prop: P, value: impl Into<Literal>) -> Self {
        Filter::Cmp(prop, CmpOp::Eq, value.into())
    }
    /// `prop ne value`
    pub fn ne(prop: P, value: impl Into<Literal>) -> Self {
        Filter::Cmp(prop, CmpOp::Ne, value.into())
    }
    /// `prop gt value`
    pub fn gt(prop: P, value: impl Into<Literal>) -> Self {
        Filter::Cmp(prop, CmpOp::Gt, value.into())
    }
    /// `prop ge value`
    pub fn ge(prop: P, value: impl Into<Literal>) -> Self {
        Filter::Cmp(prop, CmpOp::Ge, value.into())
    }
    /// `prop lt value`
    pub fn lt(prop: P, value: impl Into<Literal>) -> Self {
        Filter::Cmp(prop, CmpOp::Lt, value.into())
    }
    /// `prop le value`
    pub fn le(prop: P, value: impl Into<Literal>) -> Self {
        Filter::Cmp(prop, CmpOp::Le, value.into())
    }

    /// `prop in (…)`; a single value becomes `eq`. None for an empty set, which has no OData
    /// spelling (and which a UI usually means as "no restriction").
    pub fn any_of<L: Into<Literal>>(prop: P, values: impl IntoIterator<Item = L>) -> Option<Self> {
        let mut values: Vec<Literal> = values.into_iter().map(Into::into).collect();
        match values.len() {
            0 => None,
            1 => values.pop().map(|v| Filter::Cmp(prop, CmpOp::Eq, v)),
            _ => Some(Filter::In(prop, values)),
        }
    }

    /// `self and other`
    pub fn and(self, other: Filter<P>) -> Self {
        Filter::And(Box::new(self), Box::new(other))
    }

    /// `self or other`
    pub fn or(self, other: Filter<P>) -> Self {
        Filter::Or(Box::new(self), Box::new(other))
    }

    /// `not (self)`
    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Self {
        Filter::Not(Box::new(self))
    }

    /// Joins filters with `and`; None when there are none.
    pub fn all(filters: impl IntoIterator<Item = Filter<P>>) -> Option<Self> {
        filters.into_iter().reduce(Filter::and)
    }

    /// Writes `self`, parenthesised when it binds looser than its context requires.
    fn fmt_in(&self, f: &mut fmt::Formatter<'_>, parent: Precedence) -> fmt::Result {
        let own = self.precedence();
        let wrap = own < parent;
        if wrap {
            f.write_char('(')?;
        }
        match self {
            Filter::Cmp(p, op, v) => write!(f, "{} {} {v}", p.wire_name(), op.as_str())?,
            Filter::In(p, vs) => {
                write!(f, "{} in (", p.wire_name())?;
                for (i, v) in vs.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write!(f, "{v}")?;
                }
                f.write_char(')')?;
            }
            Filter::And(a, b) => {
                a.fmt_in(f, Precedence::And)?;
                f.write_str(" and ")?;
                b.fmt_in(f, Precedence::And)?;
            }
            Filter::Or(a, b) => {
                a.fmt_in(f, Precedence::Or)?;
                f.write_str(" or ")?;
                b.fmt_in(f, Precedence::Or)?;
            }
            Filter::Not(a) => {
                // `not` always gets parentheses: unambiguous for every OData parser.
                f.write_str("not (")?;
                a.fmt_in(f, Precedence::Or)?;
                f.write_char(')')?;
            }
        }
        if wrap {
            f.write_char(')')?;
        }
        Ok(())
    }

    fn precedence(&self) -> Precedence {
        match self {
            Filter::Or(..) => Precedence::Or,
            Filter::And(..) => Precedence::And,
            Filter::Cmp(..) | Filter::In(..) | Filter::Not(..) => Precedence::Atom,
        }
    }
}

/// OData binding strength: `or` < `and` < comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Precedence {
    Or,
    And,
    Atom,
}

impl<P: Property> fmt::Display for Filter<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_in(f, Precedence::Or)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::{Severity, Status, Timestamp};

    fn ts(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    #[test]
    fn literals_follow_the_documented_forms() {
        assert_eq!(
            Filter::eq(Prop::Severity, Severity::High).to_string(),
            "severity eq 'High'"
        );
        assert_eq!(
            Filter::ge(Prop::LastUpdateTime, ts("2019-11-22T00:00:00Z")).to_string(),
            "lastUpdateTime ge 2019-11-22T00:00:00Z"
        );
        assert_eq!(
            Filter::gt(Prop::AlertCreationTime, ts("2021-01-26T20:33:57.7220239Z")).to_string(),
            "alertCreationTime gt 2021-01-26T20:33:57.7220239Z"
        );
        assert_eq!(
            Filter::eq(Prop::IncidentId, 42i64).to_string(),
            "incidentId eq 42"
        );
        assert_eq!(
            Filter::eq(Prop::IncidentId, -7i64).to_string(),
            "incidentId eq -7"
        );
        assert_eq!(
            Filter::eq(Prop::AssignedTo, Literal::Null).to_string(),
            "assignedTo eq null"
        );
        assert_eq!(
            Filter::ne(Prop::Status, Status::Resolved).to_string(),
            "status ne 'Resolved'"
        );
    }

    #[test]
    fn injection_stays_one_literal() {
        let f = Filter::eq(Prop::AssignedTo, "x' or severity eq 'Low");
        assert_eq!(f.to_string(), "assignedTo eq 'x'' or severity eq ''Low'");
        let f = Filter::eq(Prop::Id, "'");
        assert_eq!(f.to_string(), "id eq ''''");
        let f = Filter::eq(Prop::Category, "a'');--)");
        assert_eq!(f.to_string(), "category eq 'a'''');--)'");
        // Read back the way an OData lexer does: the literal spans to the end and decodes to the input.
        for hostile in [
            "x' or severity eq 'Low",
            "'",
            "''",
            "a'');--)",
            "' ) or (1 eq 1",
            "",
        ] {
            let text = Literal::from(hostile).to_string();
            assert_eq!(
                lex_string_literal(&text),
                Some((hostile.to_string(), text.len()))
            );
        }
    }

    /// An OData string-literal lexer: returns the decoded value and where the literal ends.
    fn lex_string_literal(s: &str) -> Option<(String, usize)> {
        let b = s.as_bytes();
        if b.first() != Some(&b'\'') {
            return None;
        }
        let (mut out, mut i) = (Vec::new(), 1);
        while i < b.len() {
            if b[i] == b'\'' {
                if b.get(i + 1) == Some(&b'\'') {
                    out.push(b'\'');
                    i += 2;
                    continue;
                }
                return Some((String::from_utf8(out).ok()?, i + 1));
            }
            out.push(b[i]);
            i += 1;
        }
        None
    }

    #[test]
    fn any_of_renders_in_and_degenerates_sensibly() {
        let f = Filter::any_of(Prop::Status, [Status::New, Status::InProgress]).unwrap();
        assert_eq!(f.to_string(), "status in ('New','InProgress')");
        let one = Filter::any_of(Prop::Severity, [Severity::Low]).unwrap();
        assert_eq!(one.to_string(), "severity eq 'Low'");
        assert!(Filter::any_of(Prop::Severity, Vec::<Severity>::new()).is_none());
        let quoted = Filter::any_of(Prop::AssignedTo, ["o'neil", "b"]).unwrap();
        assert_eq!(quoted.to_string(), "assignedTo in ('o''neil','b')");
    }

    #[test]
    fn grouping_is_always_correct() {
        let a = || Filter::eq(Prop::Severity, Severity::High);
        let b = || Filter::eq(Prop::Status, Status::New);
        let c = || Filter::eq(Prop::Category, "Malware");
        assert_eq!(
            a().and(b().or(c())).to_string(),
            "severity eq 'High' and (status eq 'New' or category eq 'Malware')"
        );
        assert_eq!(
            a().or(b()).and(c()).to_string(),
            "(severity eq 'High' or status eq 'New') and category eq 'Malware'"
        );
        assert_eq!(
            a().and(b()).or(c()).to_string(),
            "severity eq 'High' and status eq 'New' or category eq 'Malware'"
        );
        assert_eq!(
            a().or(b()).not().and(c().not()).to_string(),
            "not (severity eq 'High' or status eq 'New') and not (category eq 'Malware')"
        );
        assert_eq!(
            a().or(b().or(c())).to_string(),
            "severity eq 'High' or status eq 'New' or category eq 'Malware'"
        );
        assert_eq!(
            Filter::all([a(), b(), c()]).unwrap().to_string(),
            "severity eq 'High' and status eq 'New' and category eq 'Malware'"
        );
        assert!(Filter::<Prop>::all([]).is_none());
    }
}
