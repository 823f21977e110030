//! Whether one query only ever keeps rows another kept, so a keystroke that extends the filter
//! can narrow the current view instead of walking every row again.

use super::field::{Compare, Field};
use super::parse::{Query, Term, Value};

impl Query {
    /// True when every row this query matches, `prev` matched too (so filtering `prev`'s
    /// matches gives the same rows as filtering all of them). False when unsure.
    pub fn narrows(&self, prev: &Query) -> bool {
        self.me == prev.me
            && prev
                .terms
                .iter()
                .all(|p| self.terms.iter().any(|s| implies(s, p)))
    }
}

/// Every row `s` keeps, `p` keeps.
fn implies(s: &Term, p: &Term) -> bool {
    if s.field != p.field || s.negate != p.negate {
        return false;
    }
    if s.negate {
        // `!s` keeps a row `!p` keeps when whatever `p` matches, `s` matches.
        p.values
            .iter()
            .all(|pv| s.values.iter().any(|sv| value_implies(s.field, pv, sv)))
    } else {
        s.values
            .iter()
            .all(|sv| p.values.iter().any(|pv| value_implies(s.field, sv, pv)))
    }
}

/// Every row value `a` matches, value `b` matches.
fn value_implies(field: Field, a: &Value, b: &Value) -> bool {
    let special = |v: &Value| field == Field::Assigned && matches!(v.text.as_str(), "me" | "none");
    if special(a) || special(b) {
        return a.text == b.text;
    }
    match field.compare() {
        Compare::Prefix => a.text.starts_with(&b.text),
        Compare::Substring => a.text.contains(&b.text),
        Compare::Number => a.number.is_some() && a.number == b.number,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(a: &str, b: &str) -> bool {
        Query::parse(a).unwrap().narrows(&Query::parse(b).unwrap())
    }

    #[test]
    fn typing_on_narrows_and_deleting_does_not() {
        assert!(n("mimik", "mimi"));
        assert!(n("mimikatz", ""));
        assert!(n("sev:high power", "sev:high"));
        assert!(n("sev:high power", "sev:high powe"));
        assert!(n("hash:33958", "hash:339"));
        assert!(n("sev:high", "sev:high,low"));
        assert!(n("!powe", "!power"));
        assert!(!n("!power", "!powe"));
        assert!(!n("mimi", "mimik"));
        assert!(!n("sev:high,low", "sev:high"));
        assert!(!n("sev:high", "status:new"));
        assert!(!n("assigned:mea", "assigned:me"));
        assert!(!n("assigned:me", "assigned:m"));
        assert!(n("incident:5", "incident:5,6"));
        assert!(!n("x", "!x"));
        let me = Query::parse("a").unwrap().for_identity("x@y");
        assert!(!Query::parse("ab").unwrap().narrows(&me));
    }
}
