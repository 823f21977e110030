//! `--query`: the console's `/` filter language in scripts. The console's parser and matcher
//! (`mde_query`) do the work, so there is one grammar; this file only
//! splits a query into what the service can narrow with OData (severity, status, owner,
//! incident) and checks values the console would silently match nothing with. The terms are
//! always applied locally as well, so a narrowing only has to be a superset.

use super::exit::UsageError;
use super::suggest::unknown_value;
use mde_api::{Filter, Literal, Prop};
use mde_model::{Alert, AlertRow, Classification, Determination, Severity, Status};
use mde_query::{Field, Query, Term, starts_with_ci};

/// A parsed `--query`.
#[derive(Debug, Clone)]
pub struct ScriptQuery {
    query: Query,
}

impl ScriptQuery {
    /// Parses the text with the console's parser; a value that can match nothing is an error.
    pub fn parse(text: &str, identity: Option<&str>) -> Result<ScriptQuery, UsageError> {
        let query = Query::parse(text)
            .map_err(|e| UsageError(format!("--query: {}", e.without_console())))?;
        let query = query.for_identity(identity.unwrap_or(""));
        for term in &query.terms {
            check_values(term, identity)?;
        }
        Ok(ScriptQuery { query })
    }

    /// The `--query` option, if given.
    pub fn from_arg(
        text: Option<&str>,
        identity: Option<&str>,
    ) -> Result<Option<Self>, UsageError> {
        text.map(|q| ScriptQuery::parse(q, identity)).transpose()
    }

    /// What the service can filter: terms on severity, status, owner and incident, joined with
    /// `and`. Every other term (and the prefix semantics) stays local.
    pub fn service_filter(&self, identity: Option<&str>) -> Option<Filter> {
        Filter::all(
            self.query
                .terms
                .iter()
                .filter_map(|t| narrowing(t, identity)),
        )
    }

    /// True when the alert passes every term, exactly as the console's filter decides.
    pub fn matches(&self, alert: &Alert) -> bool {
        self.query.matches(&AlertRow::from_alert(alert))
    }

    /// True when a term looks at something the compact fields do not carry (evidence), so the
    /// listing must ask for it.
    pub fn needs_evidence(&self) -> bool {
        self.query.terms.iter().any(|t| !on_row_fields(t.field))
    }
}

/// The fields a compact row answers by itself; any other (evidence fields) needs `$expand`.
fn on_row_fields(f: Field) -> bool {
    matches!(
        f,
        Field::Severity
            | Field::Status
            | Field::Assigned
            | Field::Device
            | Field::User
            | Field::Category
            | Field::Source
            | Field::Incident
            | Field::Classification
            | Field::Determination
            | Field::Id
            | Field::Group
            | Field::Technique
            | Field::Description
    )
}

/// The known enum members whose name starts with `prefix`, as the console matches them.
fn members<'a, T>(known: &'a [T], name: impl Fn(&T) -> &str, prefix: &str) -> Vec<&'a T> {
    known
        .iter()
        .filter(|k| starts_with_ci(name(k), prefix))
        .collect()
}

fn check_values(term: &Term, identity: Option<&str>) -> Result<(), UsageError> {
    fn check<T>(
        what: &str,
        term: &Term,
        known: &[T],
        name: impl Fn(&T) -> &str + Copy,
    ) -> Result<(), UsageError> {
        for v in &term.values {
            if members(known, name, &v.text).is_empty() {
                let names: Vec<&str> = known.iter().map(name).collect();
                return Err(unknown_value(&format!("--query {what}"), &v.text, &names));
            }
        }
        Ok(())
    }
    match term.field {
        Field::Severity => check("severity", term, Severity::KNOWN, Severity::as_str),
        Field::Status => check("status", term, Status::KNOWN, Status::as_str),
        Field::Classification => check(
            "classification",
            term,
            Classification::KNOWN,
            Classification::as_str,
        ),
        Field::Determination => check(
            "determination",
            term,
            Determination::KNOWN,
            Determination::as_str,
        ),
        Field::Assigned if term.values.iter().any(|v| v.text == "me") && identity.is_none() => {
            Err(UsageError(format!(
                "--query assigned:me needs your identity: set `identity = \"you@example.com\"` in the profile or {}",
                super::context::IDENTITY_ENV
            )))
        }
        _ => Ok(()),
    }
}

/// The OData form of one term when the service can express it (as a superset), else None.
fn narrowing(t: &Term, identity: Option<&str>) -> Option<Filter> {
    let enum_term = |prop: Prop, names: Vec<&str>| -> Option<Filter> {
        if t.negate {
            Filter::all(names.into_iter().map(|n| Filter::ne(prop, n)))
        } else {
            Filter::any_of(prop, names)
        }
    };
    match t.field {
        Field::Severity => {
            let names = t
                .values
                .iter()
                .flat_map(|v| members(Severity::KNOWN, Severity::as_str, &v.text))
                .map(Severity::as_str)
                .collect();
            enum_term(Prop::Severity, names)
        }
        Field::Status => {
            let names = t
                .values
                .iter()
                .flat_map(|v| members(Status::KNOWN, Status::as_str, &v.text))
                .map(Status::as_str)
                .collect();
            enum_term(Prop::Status, names)
        }
        // One owner only: `me` is the identity (the service compares case-insensitively, as
        // the console does), `none` is null; a prefix cannot be said in OData.
        Field::Assigned => match (t.values.as_slice(), t.negate) {
            ([v], false) if v.text == "me" => identity.map(|me| Filter::eq(Prop::AssignedTo, me)),
            ([v], false) if v.text == "none" => Some(Filter::eq(Prop::AssignedTo, Literal::Null)),
            ([v], true) if v.text == "none" => Some(Filter::ne(Prop::AssignedTo, Literal::Null)),
            _ => None,
        },
        Field::Incident if !t.negate => {
            let ids: Option<Vec<i64>> = t.values.iter().map(|v| v.text.parse().ok()).collect();
            ids.and_then(|ids| Filter::any_of(Prop::IncidentId, ids))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn odata(q: &str) -> Option<String> {
        ScriptQuery::parse(q, Some("me@contoso.com"))
            .unwrap()
            .service_filter(Some("me@contoso.com"))
            .map(|f| f.to_string())
    }

    #[test]
    fn the_service_narrows_what_it_can() {
        assert_eq!(odata("sev:high").as_deref(), Some("severity eq 'High'"));
        assert_eq!(
            odata("sev:h,med !status:resolved device:ws01 powershell").as_deref(),
            Some("severity in ('High','Medium') and status ne 'Resolved'")
        );
        assert_eq!(
            odata("status:un").as_deref(),
            Some("status in ('Unknown','Unspecified')")
        );
        assert_eq!(
            odata("assigned:me").as_deref(),
            Some("assignedTo eq 'me@contoso.com'")
        );
        assert_eq!(
            odata("assigned:none").as_deref(),
            Some("assignedTo eq null")
        );
        assert_eq!(
            odata("!assigned:none").as_deref(),
            Some("assignedTo ne null")
        );
        assert_eq!(
            odata("incident:5,7").as_deref(),
            Some("incidentId in (5,7)")
        );
        for local in [
            "owner:ana",
            "!incident:5",
            "device:ws01",
            "\"sev:high\"",
            "",
        ] {
            assert_eq!(odata(local), None, "{local}");
        }
        // A quote in a value stays inside its literal.
        assert_eq!(odata("user:x'y"), None);
    }

    #[test]
    fn values_that_match_nothing_teach() {
        let e = ScriptQuery::parse("status:resolvd", None).unwrap_err().0;
        assert!(e.contains("New, InProgress, Resolved"), "{e}");
        assert!(e.contains("did you mean \"Resolved\""), "{e}");
        let e = ScriptQuery::parse("sev:hihg", None).unwrap_err().0;
        assert!(e.contains("did you mean \"High\""), "{e}");
        let e = ScriptQuery::parse("det:malwre", None).unwrap_err().0;
        assert!(e.contains("did you mean \"Malware\""), "{e}");
        let e = ScriptQuery::parse("assigned:me", None).unwrap_err().0;
        assert!(e.contains("identity"), "{e}");
        let e = ScriptQuery::parse("bogus:1", None).unwrap_err().0;
        assert!(e.starts_with("--query: unknown field 'bogus'"), "{e}");
        assert!(e.contains("fields: sev status"), "{e}");
        assert!(ScriptQuery::parse("sev:h status:in", None).is_ok());
    }

    #[test]
    fn matching_is_the_consoles() {
        let mut a = Alert::new("da1", "Suspicious PowerShell");
        a.severity = Severity::High;
        a.computer_dns_name = Some("WS01.contoso".into());
        let q = ScriptQuery::parse("sev:high host:ws01 powershell !status:resolved", None).unwrap();
        assert!(q.matches(&a));
        a.status = Status::Resolved;
        assert!(!q.matches(&a));
        // Free text searches the evidence too (issue 9), so it needs the evidence listed.
        assert!(q.needs_evidence());
        for (text, needs) in [
            ("sev:high host:ws01 !status:resolved", false),
            ("tech:T1059 desc:payload", false),
            ("hash:ab12", true),
            ("file:evil.exe", true),
        ] {
            let q = ScriptQuery::parse(text, None).unwrap();
            assert_eq!(q.needs_evidence(), needs, "{text}");
        }
    }
}
