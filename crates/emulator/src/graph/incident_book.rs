//! The incidents' own fields: what an incident has beyond its alerts (status, owner,
//! classification, tags, comments, a redirect when merged). Built at start from the alerts'
//! incident ids, changed by incident writes; severity, times and counts come from the alerts.

use super::alert_ref::AlertRef;
use crate::rng::{Rng, name_hash};
use mde_model::graph::IncidentStatus;
use mde_model::{Classification, Comment, Determination, Status, Timestamp};
use std::collections::BTreeMap;

/// One incident's own fields.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentMeta {
    /// Name, fixed when the incident was made.
    pub display_name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Summary.
    pub summary: Option<String>,
    /// Its own status (see `effective_status`).
    pub status: IncidentStatus,
    /// Owner.
    pub assigned_to: Option<String>,
    /// Classification.
    pub classification: Option<Classification>,
    /// Determination.
    pub determination: Option<Determination>,
    /// Analyst tags.
    pub custom_tags: Vec<String>,
    /// Comments, oldest first.
    pub comments: Vec<Comment>,
    /// The comment given with the resolution.
    pub resolving_comment: Option<String>,
    /// The surviving incident, when this one was merged into it.
    pub redirect_to: Option<String>,
    /// Creation time, for an incident without alerts (a merged one).
    pub created: Option<Timestamp>,
    /// Its own last change (alert changes move the incident's time too).
    pub last_update: Option<Timestamp>,
    /// Who changed it last.
    pub last_modified_by: Option<String>,
    /// Priority (0–100).
    pub priority_score: Option<i64>,
}

impl Default for IncidentMeta {
    fn default() -> Self {
        IncidentMeta {
            display_name: None,
            description: None,
            summary: None,
            status: IncidentStatus::Active,
            assigned_to: None,
            classification: None,
            determination: None,
            custom_tags: Vec::new(),
            comments: Vec::new(),
            resolving_comment: None,
            redirect_to: None,
            created: None,
            last_update: None,
            last_modified_by: None,
            priority_score: None,
        }
    }
}

/// Every incident's own fields, by id.
#[derive(Debug, Clone, Default)]
pub struct IncidentBook {
    /// By incident id.
    pub by_id: BTreeMap<String, IncidentMeta>,
}

/// Alerts grouped by incident id (alerts without one are in no incident).
pub fn groups<'a>(alerts: &[AlertRef<'a>]) -> BTreeMap<String, Vec<AlertRef<'a>>> {
    let mut g: BTreeMap<String, Vec<AlertRef<'a>>> = BTreeMap::new();
    for a in alerts {
        if let Some(id) = a.incident_id() {
            g.entry(id).or_default().push(*a);
        }
    }
    for list in g.values_mut() {
        list.sort_by_key(|a| (a.created(), a.id()));
    }
    g
}

const TAGS: &[&str] = &[
    "Phishing campaign",
    "Red team",
    "VIP user",
    "Needs review",
    "Escalated to IR",
];

/// "CredentialAccess" → "Credential access".
fn words(category: &str) -> String {
    let mut out = String::new();
    for (i, c) in category.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A name the way the portal names incidents.
pub fn display_name(alerts: &[AlertRef<'_>]) -> String {
    if let [one] = alerts {
        return one.title().to_string();
    }
    let mut cats: Vec<String> = Vec::new();
    for a in alerts {
        if let Some(c) = a.category().map(words)
            && !cats.contains(&c)
        {
            cats.push(c);
        }
    }
    let mut devices: Vec<&str> = Vec::new();
    let mut sources = Vec::new();
    for a in alerts {
        if let AlertRef::Endpoint(r) = a
            && let Some(m) = r.alert().machine_id.as_deref()
            && !devices.contains(&m)
        {
            devices.push(m);
        }
        if !sources.contains(&a.service_source()) {
            sources.push(a.service_source());
        }
    }
    let involving = match cats.as_slice() {
        [] => String::new(),
        [one] => format!(" involving {one}"),
        [a, b] => format!(" involving {a} & {b}"),
        [a, b, ..] => format!(" involving {a}, {b} & more"),
    };
    let scope = if sources.len() > 1 {
        " reported by multiple sources".to_string()
    } else {
        match devices.len() {
            0 => String::new(),
            1 => " on one endpoint".to_string(),
            _ => " on multiple endpoints".to_string(),
        }
    };
    format!("Multi-stage incident{involving}{scope}")
}

impl IncidentBook {
    /// The book at start: each incident's fields derived from its alerts, plus a few incidents
    /// merged into others (status `redirected`, no alerts of their own).
    pub fn build(groups: &BTreeMap<String, Vec<AlertRef<'_>>>, seed: u64) -> IncidentBook {
        let mut by_id = BTreeMap::new();
        let mut max_id: i64 = 0;
        for (id, alerts) in groups {
            max_id = max_id.max(id.parse().unwrap_or(0));
            let mut rng = Rng::new(seed ^ name_hash(id));
            let all_resolved = alerts.iter().all(|a| *a.status() == Status::Resolved);
            let assigned = alerts.iter().find_map(|a| a.assigned_to());
            let status = if all_resolved {
                IncidentStatus::Resolved
            } else if assigned.is_some() || alerts.iter().any(|a| *a.status() == Status::InProgress)
            {
                IncidentStatus::InProgress
            } else {
                IncidentStatus::Active
            };
            let (classification, determination) = if all_resolved {
                alerts
                    .iter()
                    .find(|a| a.classification().is_some())
                    .map(|a| (a.classification().cloned(), a.determination().cloned()))
                    .unwrap_or((None, None))
            } else {
                (None, None)
            };
            let custom_tags = if rng.chance(0.15) {
                vec![rng.pick(TAGS).to_string()]
            } else {
                Vec::new()
            };
            by_id.insert(
                id.clone(),
                IncidentMeta {
                    display_name: Some(display_name(alerts)),
                    status,
                    assigned_to: assigned.map(str::to_string),
                    classification,
                    determination,
                    custom_tags,
                    priority_score: Some(rng.range(10, 95) as i64),
                    ..IncidentMeta::default()
                },
            );
        }
        // Merged incidents point at a surviving one; every 25th incident absorbed one.
        let mut rng = Rng::new(seed ^ 0x5eed_4ed1);
        let targets: Vec<(String, Option<Timestamp>, Option<String>)> = groups
            .iter()
            .step_by(25)
            .map(|(id, alerts)| {
                let created = alerts.iter().filter_map(|a| a.created()).min();
                (
                    id.clone(),
                    created,
                    by_id
                        .get(id)
                        .and_then(|m: &IncidentMeta| m.display_name.clone()),
                )
            })
            .collect();
        for (n, (target, created, name)) in targets.into_iter().enumerate() {
            let stub = (max_id + 1 + n as i64 * 3 + rng.range(0, 2) as i64).to_string();
            let created = created.map(|t| Timestamp(t.0 - chrono::Duration::minutes(40)));
            by_id.insert(
                stub,
                IncidentMeta {
                    display_name: name,
                    status: IncidentStatus::Redirected,
                    redirect_to: Some(target),
                    created,
                    last_update: created.map(|t| Timestamp(t.0 + chrono::Duration::minutes(35))),
                    ..IncidentMeta::default()
                },
            );
        }
        IncidentBook { by_id }
    }
}

/// The status an incident shows: its own, unless its alerts changed after it did — all of them
/// resolved (it resolves), or one reopened while it was resolved (it is active again).
pub fn effective_status(meta: &IncidentMeta, alerts: &[AlertRef<'_>]) -> IncidentStatus {
    if meta.redirect_to.is_some() || meta.status == IncidentStatus::Redirected || alerts.is_empty()
    {
        return meta.status.clone();
    }
    let newest_alert = alerts.iter().filter_map(|a| a.last_update()).max();
    let alerts_moved = match (newest_alert, meta.last_update) {
        (Some(a), Some(own)) => a > own,
        (Some(_), None) => true,
        _ => false,
    };
    if !alerts_moved {
        return meta.status.clone();
    }
    let all_resolved = alerts.iter().all(|a| *a.status() == Status::Resolved);
    match (&meta.status, all_resolved) {
        (_, true) => IncidentStatus::Resolved,
        (IncidentStatus::Resolved, false) => IncidentStatus::Active,
        (s, false) => s.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_words() {
        assert_eq!(words("CredentialAccess"), "Credential access");
        assert_eq!(words("Execution"), "Execution");
    }
}
