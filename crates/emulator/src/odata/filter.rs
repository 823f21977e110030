//! Evaluating a parsed `$filter` against alerts, with OData's null semantics (`null eq null` is
//! true; an ordering comparison with null is false).

use super::expr::{Expr, Lit, Op, parse};
use super::values::{Typed, compare, read};
use mde_model::Alert;
use mde_odata::ODataError;
use mde_odata::Prop;
use std::cmp::Ordering;

/// A compiled `$filter`.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter(Expr);

impl Filter {
    /// Parses and type-checks a decoded `$filter` value.
    pub fn parse(src: &str) -> Result<Filter, ODataError> {
        parse(src).map(Filter)
    }

    /// True when the alert matches.
    pub fn matches(&self, a: &Alert) -> bool {
        eval(&self.0, a)
    }
}

fn eval(e: &Expr, a: &Alert) -> bool {
    match e {
        Expr::And(l, r) => eval(l, a) && eval(r, a),
        Expr::Or(l, r) => eval(l, a) || eval(r, a),
        Expr::Not(x) => !eval(x, a),
        Expr::Cmp(p, op, lit) => cmp(*p, *op, lit, a),
        Expr::In(p, lits) => lits.iter().any(|l| cmp(*p, Op::Eq, l, a)),
    }
}

fn cmp(p: Prop, op: Op, lit: &Lit, a: &Alert) -> bool {
    let value = read(p, a);
    let ord = match (&value, lit) {
        (None, Lit::Null) => Some(Ordering::Equal),
        (None, _) | (Some(_), Lit::Null) => None,
        (Some(v), l) => Some(compare(v, &as_typed(l))),
    };
    match (op, ord) {
        (Op::Eq, o) => o == Some(Ordering::Equal),
        (Op::Ne, o) => o != Some(Ordering::Equal),
        (_, None) => false,
        (Op::Gt, Some(o)) => o == Ordering::Greater,
        (Op::Ge, Some(o)) => o != Ordering::Less,
        (Op::Lt, Some(o)) => o == Ordering::Less,
        (Op::Le, Some(o)) => o != Ordering::Greater,
    }
}

fn as_typed(l: &Lit) -> Typed<'_> {
    match l {
        Lit::Time(t) => Typed::Time(*t),
        Lit::Int(i) => Typed::Int(*i),
        Lit::Str(s) => Typed::Str(s),
        Lit::Enum(v, n) => Typed::Enum(*v, n),
        Lit::Null => Typed::Int(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::{Severity, Status, Timestamp};

    fn alert(id: &str, sev: Severity, status: Status, updated: &str, owner: Option<&str>) -> Alert {
        let mut a = Alert::new(id, "t");
        a.severity = sev;
        a.status = status;
        a.last_update_time = Some(Timestamp::parse(updated).unwrap());
        a.assigned_to = owner.map(str::to_string);
        a.incident_id = Some(7);
        a
    }

    fn sample() -> Vec<Alert> {
        vec![
            alert(
                "a1",
                Severity::High,
                Status::New,
                "2024-01-01T00:00:00Z",
                None,
            ),
            alert(
                "a2",
                Severity::Low,
                Status::Resolved,
                "2024-02-01T00:00:00Z",
                Some("O'Brien@x.com"),
            ),
            alert(
                "a3",
                Severity::Medium,
                Status::InProgress,
                "2024-03-01T00:00:00.1234567Z",
                Some("me@x.com"),
            ),
        ]
    }

    fn ids(f: &str) -> Vec<String> {
        let flt = Filter::parse(f).unwrap_or_else(|e| panic!("{f}: {e}"));
        sample()
            .into_iter()
            .filter(|a| flt.matches(a))
            .map(|a| a.id)
            .collect()
    }

    #[test]
    fn every_comparison_operator() {
        assert_eq!(ids("severity eq 'High'"), ["a1"]);
        assert_eq!(ids("severity ne 'High'"), ["a2", "a3"]);
        assert_eq!(ids("lastUpdateTime gt 2024-02-01T00:00:00Z"), ["a3"]);
        assert_eq!(ids("lastUpdateTime ge 2024-02-01T00:00:00Z"), ["a2", "a3"]);
        assert_eq!(ids("lastUpdateTime lt 2024-02-01T00:00:00Z"), ["a1"]);
        assert_eq!(ids("lastUpdateTime le 2024-02-01"), ["a1", "a2"]);
        assert_eq!(ids("severity gt 'Low'"), ["a1", "a3"]);
        assert_eq!(ids("incidentId eq 7 and id le 'a2'"), ["a1", "a2"]);
    }

    #[test]
    fn boolean_logic_and_grouping() {
        assert_eq!(ids("status eq 'New' or status eq 'Resolved'"), ["a1", "a2"]);
        assert_eq!(ids("not (status eq 'New')"), ["a2", "a3"]);
        assert_eq!(ids("not status eq 'New' and severity eq 'Low'"), ["a2"]);
        assert_eq!(
            ids("(severity eq 'High' or severity eq 'Low') and status ne 'New'"),
            ["a2"]
        );
        // `and` binds tighter than `or`.
        assert_eq!(
            ids("severity eq 'High' or severity eq 'Low' and status ne 'Resolved'"),
            ["a1"]
        );
        assert_eq!(ids("status in ('New', 'InProgress')"), ["a1", "a3"]);
        assert_eq!(ids("id in ('a3')"), ["a3"]);
    }

    #[test]
    fn nulls_escapes_and_case() {
        assert_eq!(ids("assignedTo eq null"), ["a1"]);
        assert_eq!(ids("assignedTo ne null"), ["a2", "a3"]);
        assert_eq!(ids("assignedTo gt 'a'"), ["a2", "a3"]);
        assert_eq!(ids("assignedTo eq 'o''brien@x.com'"), ["a2"]);
        assert_eq!(ids("assignedTo ne 'me@x.com'"), ["a1", "a2"]);
        assert_eq!(ids("InvestigationId eq null"), ["a1", "a2", "a3"]);
        assert_eq!(ids("status eq 'inprogress'"), ["a3"]);
    }

    #[test]
    fn errors_name_the_problem() {
        let e = |f: &str| Filter::parse(f).unwrap_err().0;
        assert!(e("title eq 'x'").contains("'title' is not supported"));
        assert!(e("severity eq 'Catastrophic'").contains("'Catastrophic'"));
        assert!(e("lastUpdateTime gt '2024-01-01T00:00:00Z'").contains("Edm.String"));
        assert!(e("status eq").contains("ended early"));
        assert!(e("status xx 'New'").contains("unknown operator 'xx'"));
        assert!(e("(status eq 'New'").contains("not closed"));
        assert!(e("status eq 'New' status").contains("unexpected token"));
        assert!(e("contains(id,'a')").contains("unknown function 'contains'"));
        assert!(e("status in ('New'").contains("not closed"));
        assert!(e("incidentId eq 'x'").contains("Edm.String"));
        assert!(e("").contains("empty"));
        assert!(e("status eq New").contains("'New' is not a value"));
    }
}
