//! The `/` filter on incidents: the alert filter language (mde-query) read over incident rows.
//! The fields an incident has — severity, status, owner, devices, users, classification,
//! determination, id, product, tags and free text — apply; evidence fields do not, and saying
//! so beats matching nothing.

use super::state::Scope;
use mde_model::graph::{IncidentRow, IncidentStatus};
use mde_query::{Field, Query, Term, contains_ci, starts_with_ci};

/// The fields the incident filter reads, for its error message.
const USABLE: &str = "sev status assigned device user class det id product, or text";

/// Reads filter text for incidents: the query, or why it does not apply.
pub fn parse(text: &str) -> Result<Query, String> {
    let q = Query::parse(text).map_err(|e| e.to_string())?;
    if let Some(t) = q.terms.iter().find(|t| !usable(t.field)) {
        return Err(format!(
            "{}: does not apply to incidents ({USABLE})",
            t.field.name()
        ));
    }
    Ok(q)
}

fn usable(f: Field) -> bool {
    matches!(
        f,
        Field::Severity
            | Field::Status
            | Field::Assigned
            | Field::Device
            | Field::User
            | Field::Classification
            | Field::Determination
            | Field::Id
            | Field::Incident
            | Field::Product
            | Field::Text
    )
}

/// True when the row passes every term (`me` is the analyst, for `assigned:me`).
pub fn matches(q: &Query, row: &IncidentRow, me: &str) -> bool {
    q.terms.iter().all(|t| term_matches(t, row, me) != t.negate)
}

fn term_matches(t: &Term, row: &IncidentRow, me: &str) -> bool {
    t.values.iter().any(|v| {
        let s = v.text.as_str();
        let any = |list: &[String]| list.iter().any(|x| starts_with_ci(x, s));
        match t.field {
            Field::Severity => starts_with_ci(row.severity.as_str(), s),
            // `status:inprogress` reads `inProgress`; `status:new` is the alerts' word for active.
            Field::Status => {
                starts_with_ci(row.status.as_str(), s)
                    || (s == "new" && row.status == IncidentStatus::Active)
            }
            Field::Assigned => match s {
                "me" => row
                    .assigned_to
                    .as_deref()
                    .is_some_and(|a| !me.is_empty() && a.eq_ignore_ascii_case(me)),
                "none" => row
                    .assigned_to
                    .as_deref()
                    .is_none_or(|a| a.trim().is_empty()),
                _ => row
                    .assigned_to
                    .as_deref()
                    .is_some_and(|a| starts_with_ci(a, s)),
            },
            Field::Device => any(&row.devices),
            Field::User => {
                any(&row.users)
                    || row
                        .users
                        .iter()
                        .any(|u| u.rsplit('\\').next().is_some_and(|n| starts_with_ci(n, s)))
            }
            Field::Classification => row
                .classification
                .as_ref()
                .is_some_and(|c| starts_with_ci(c.as_str(), s)),
            Field::Determination => row
                .determination
                .as_ref()
                .is_some_and(|d| starts_with_ci(d.as_str(), s)),
            Field::Id | Field::Incident => starts_with_ci(&row.id, s),
            Field::Product => row.sources.iter().any(|p| {
                let name = p.as_str();
                let bare = name.strip_prefix("microsoftDefenderFor").unwrap_or(name);
                starts_with_ci(p.short(), s) || starts_with_ci(name, s) || starts_with_ci(bare, s)
            }),
            Field::Text => {
                s.is_empty()
                    || contains_ci(&row.name, s)
                    || contains_ci(&row.id, s)
                    || row
                        .assigned_to
                        .as_deref()
                        .is_some_and(|a| contains_ci(a, s))
                    || [&row.devices, &row.users, &row.tags]
                        .iter()
                        .any(|l| l.iter().any(|x| contains_ci(x, s)))
            }
            _ => false,
        }
    })
}

/// True when the row is in the scope (`me` for "mine").
pub fn in_scope(scope: Scope, row: &IncidentRow, me: &str) -> bool {
    let open = matches!(
        row.status,
        IncidentStatus::Active | IncidentStatus::InProgress | IncidentStatus::AwaitingAction
    );
    let owner = row.assigned_to.as_deref().filter(|a| !a.trim().is_empty());
    match scope {
        Scope::Open => open,
        Scope::Mine => open && owner.is_some_and(|a| !me.is_empty() && a.eq_ignore_ascii_case(me)),
        Scope::Unassigned => open && owner.is_none(),
        Scope::NewHigh => {
            row.status == IncidentStatus::Active && row.severity == mde_model::Severity::High
        }
        Scope::Resolved => matches!(
            row.status,
            IncidentStatus::Resolved | IncidentStatus::Redirected
        ),
        Scope::All => true,
    }
}
