//! Matching a `Query` against a compact row. Never allocates, so a keystroke filters 100k rows
//! cheaply.

use super::parse::{Field, Query, Term};
use mde_model::AlertRow;

impl Query {
    /// True when the row passes every term. `me` is the analyst's identity for `assigned:me`.
    pub fn matches(&self, row: &AlertRow, me: &str) -> bool {
        self.terms.iter().all(|t| t.matches(row, me) != t.negate)
    }
}

impl Term {
    fn matches(&self, row: &AlertRow, me: &str) -> bool {
        self.values
            .iter()
            .any(|v| value_matches(self.field, v, row, me))
    }
}

fn value_matches(field: Field, v: &str, row: &AlertRow, me: &str) -> bool {
    let opt = |s: &Option<String>| s.as_deref().is_some_and(|s| starts_with_ci(s, v));
    match field {
        Field::Severity => starts_with_ci(row.severity.as_str(), v),
        Field::Status => starts_with_ci(row.status.as_str(), v),
        Field::Assigned => match v {
            "me" => row
                .assigned_to
                .as_deref()
                .is_some_and(|a| !me.is_empty() && a.eq_ignore_ascii_case(me)),
            "none" => row
                .assigned_to
                .as_deref()
                .is_none_or(|a| a.trim().is_empty()),
            _ => opt(&row.assigned_to),
        },
        Field::Device => opt(&row.device),
        Field::User => {
            // `user:jdoe` should find `CONTOSO\jdoe`: match the whole value or the part after `\`.
            row.user.as_deref().is_some_and(|u| {
                starts_with_ci(u, v) || u.rsplit('\\').next().is_some_and(|n| starts_with_ci(n, v))
            })
        }
        Field::Category => opt(&row.category),
        Field::Source => opt(&row.detection_source),
        Field::Incident => row.incident_id.is_some_and(|i| v.parse::<i64>() == Ok(i)),
        Field::Classification => row
            .classification
            .as_ref()
            .is_some_and(|c| starts_with_ci(c.as_str(), v)),
        Field::Determination => row
            .determination
            .as_ref()
            .is_some_and(|d| starts_with_ci(d.as_str(), v)),
        Field::Id => starts_with_ci(&row.id, v),
        Field::Group => opt(&row.rbac_group),
        Field::Text => {
            let has = |s: &Option<String>| s.as_deref().is_some_and(|s| contains_ci(s, v));
            contains_ci(&row.title, v)
                || contains_ci(&row.id, v)
                || has(&row.device)
                || has(&row.user)
                || has(&row.category)
                || has(&row.assigned_to)
                || has(&row.detection_source)
        }
    }
}

/// Case-insensitive prefix test; `needle` is already lower-case.
pub fn starts_with_ci(hay: &str, needle: &str) -> bool {
    if hay.is_ascii() && needle.is_ascii() {
        return hay.len() >= needle.len()
            && hay.as_bytes()[..needle.len()].eq_ignore_ascii_case(needle.as_bytes());
    }
    let mut h = hay.chars().flat_map(char::to_lowercase);
    needle.chars().all(|n| h.next() == Some(n))
}

/// Case-insensitive substring test; `needle` is already lower-case.
pub fn contains_ci(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if hay.is_ascii() && needle.is_ascii() {
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        return h.len() >= n.len() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
    }
    hay.char_indices()
        .any(|(i, _)| starts_with_ci(&hay[i..], needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::list::filter::parse::FilterError;
    use mde_model::{Alert, Severity, Status};

    fn row() -> AlertRow {
        let mut a = Alert::new("da637", "Suspicious PowerShell command line");
        a.severity = Severity::High;
        a.status = Status::InProgress;
        a.computer_dns_name = Some("WS01.contoso.local".into());
        a.related_user = Some(mde_model::RelatedUser {
            user_name: Some("jdoe".into()),
            domain_name: Some("CONTOSO".into()),
        });
        a.assigned_to = Some("Analyst@Contoso.com".into());
        a.category = Some("Execution".into());
        a.detection_source = Some("WindowsDefenderAtp".into());
        a.incident_id = Some(123);
        AlertRow::from_alert(&a)
    }

    fn m(q: &str) -> bool {
        Query::parse(q)
            .unwrap_or_else(|e| panic!("{q}: {e}"))
            .matches(&row(), "analyst@contoso.com")
    }

    #[test]
    fn fields_match_case_insensitive_prefixes() {
        for q in [
            "",
            "sev:high",
            "SEV:H",
            "severity:hi",
            "status:inprog",
            "st:in",
            "assigned:me",
            "owner:analyst",
            "device:ws01",
            "host:WS",
            "user:jdoe",
            "user:contoso\\j",
            "cat:exec",
            "src:windowsdefender",
            "incident:123",
            "inc:5,123",
            "id:da6",
            "powershell",
            "\"command line\"",
            "sev:low,high",
            "!sev:low",
            "!assigned:none",
            "sev:high status:in powershell",
        ] {
            assert!(m(q), "{q} should match");
        }
        for q in [
            "sev:low",
            "status:new",
            "assigned:none",
            "!assigned:me",
            "device:ws02",
            "user:doe",
            "incident:12",
            "class:true",
            "det:malware",
            "mimikatz",
            "!powershell",
            "sev:high mimikatz",
        ] {
            assert!(!m(q), "{q} should not match");
        }
    }

    #[test]
    fn assigned_me_needs_an_identity() {
        let q = Query::parse("assigned:me").unwrap();
        assert!(!q.matches(&row(), ""));
    }

    #[test]
    fn errors_are_reported_not_panicked() {
        assert_eq!(
            Query::parse("bogus:1"),
            Err(FilterError::UnknownField("bogus".into()))
        );
        assert_eq!(
            Query::parse("sev:"),
            Err(FilterError::EmptyValue("sev".into()))
        );
        assert_eq!(
            Query::parse("incident:abc"),
            Err(FilterError::BadIncident("abc".into()))
        );
        assert_eq!(Query::parse("\"open"), Err(FilterError::UnclosedQuote));
        assert_eq!(Query::parse("!"), Err(FilterError::DanglingNot));
        // Quoted text keeps its colon and is free text.
        let q = Query::parse("!\"http://x\"").unwrap();
        assert_eq!(q.terms[0].field, Field::Text);
        assert!(q.terms[0].negate);
        assert_eq!(q.terms[0].values, ["http://x"]);
    }

    #[test]
    fn parsing_arbitrary_text_never_panics() {
        for s in [
            "::",
            "!!x",
            "a:b:c",
            "sev:,,",
            "\"\"",
            "ünïcödé:x",
            "\u{202e}sev:high",
            "!\"",
            "x\"y\"z",
        ] {
            let _ = Query::parse(s);
        }
    }

    #[test]
    fn non_ascii_matching() {
        assert!(contains_ci("Überwachung", "berw"));
        assert!(starts_with_ci("ÉCOLE", "éc"));
        assert!(!starts_with_ci("ab", "abc"));
        assert!(contains_ci("anything", ""));
    }
}
