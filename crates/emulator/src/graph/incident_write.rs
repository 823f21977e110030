//! Incident writes: the PATCH body (`status` active|inProgress|resolved|redirected,
//! `assignedTo`, `classification`, `determination`, `customTags`, `resolvingComment`, and the
//! newer `displayName`, `description`, `summary`), and how a write reaches the incident's alerts:
//! resolving resolves them, and owner, classification and determination go to each of them, as
//! the portal does.

use super::alert_ref::AlertRef;
use super::alert_write::{classification, determination, nullable, object};
use super::alerts_v2::apply_to_alert;
use super::errors::GraphError;
use super::incident_book::{IncidentMeta, effective_status, groups};
use crate::state::Shared;
use crate::triage::Change;
use mde_model::graph::IncidentStatus;
use mde_model::{Classification, Comment, Determination, Status};
use serde_json::{Map, Value};

/// The keys incident PATCH accepts.
pub const WRITABLE: &[&str] = &[
    "status",
    "assignedTo",
    "classification",
    "determination",
    "customTags",
    "resolvingComment",
    "displayName",
    "description",
    "summary",
];

/// A validated incident change; `Some(None)` clears a nullable field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IncidentPatch {
    /// New status.
    pub status: Option<IncidentStatus>,
    /// New owner, or clear.
    pub assigned_to: Option<Option<String>>,
    /// New classification, or clear.
    pub classification: Option<Option<Classification>>,
    /// New determination, or clear.
    pub determination: Option<Option<Determination>>,
    /// New tags.
    pub custom_tags: Option<Vec<String>>,
    /// Resolution comment.
    pub resolving_comment: Option<Option<String>>,
    /// New name.
    pub display_name: Option<String>,
    /// New description.
    pub description: Option<Option<String>>,
    /// New summary.
    pub summary: Option<Option<String>>,
}

/// Reads an incident PATCH body.
pub fn parse_patch(body: &str) -> Result<IncidentPatch, GraphError> {
    let obj = object(body)?;
    if let Some(k) = obj
        .keys()
        .find(|k| !WRITABLE.contains(&k.as_str()) && !k.starts_with("@odata."))
    {
        return Err(GraphError::body(format!(
            "Invalid request body: property '{k}' does not exist or cannot be updated on microsoft.graph.security.incident. Updatable: {}.",
            WRITABLE.join(", ")
        )));
    }
    let mut p = IncidentPatch::default();
    if let Some(v) = obj.get("status") {
        let s = v.as_str().unwrap_or_default();
        let names: Vec<&str> = IncidentStatus::SETTABLE
            .iter()
            .map(IncidentStatus::as_str)
            .collect();
        p.status = Some(
            IncidentStatus::SETTABLE
                .iter()
                .find(|x| x.as_str().eq_ignore_ascii_case(s))
                .cloned()
                .ok_or_else(|| {
                    GraphError::body(format!(
                        "Invalid request body: {v} is not a valid value for 'status'. Allowed: {}.",
                        names.join(", ")
                    ))
                })?,
        );
    }
    if let Some(v) = obj.get("assignedTo") {
        p.assigned_to = Some(nullable(v, "assignedTo")?);
    }
    if let Some(v) = obj.get("classification") {
        p.classification = Some(classification(v, "classification")?);
    }
    if let Some(v) = obj.get("determination") {
        p.determination = Some(determination(v, "determination")?);
    }
    if let Some(v) = obj.get("customTags") {
        p.custom_tags = Some(tags(v)?);
    }
    if let Some(v) = obj.get("resolvingComment") {
        p.resolving_comment = Some(nullable(v, "resolvingComment")?);
    }
    if let Some(v) = obj.get("displayName") {
        p.display_name = Some(
            nullable(v, "displayName")?
                .filter(|s| !s.trim().is_empty())
                .ok_or_else(|| GraphError::body("Invalid request body: 'displayName' is empty."))?,
        );
    }
    if let Some(v) = obj.get("description") {
        p.description = Some(nullable(v, "description")?);
    }
    if let Some(v) = obj.get("summary") {
        p.summary = Some(nullable(v, "summary")?);
    }
    if p == IncidentPatch::default() {
        return Err(GraphError::body(format!(
            "Invalid request body: it must contain at least one of {}.",
            WRITABLE.join(", ")
        )));
    }
    Ok(p)
}

fn tags(v: &Value) -> Result<Vec<String>, GraphError> {
    let bad = || GraphError::body("Invalid request body: 'customTags' must be a list of strings.");
    match v {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items
            .iter()
            .map(|t| t.as_str().map(str::to_string).ok_or_else(bad))
            .collect(),
        _ => Err(bad()),
    }
}

impl IncidentPatch {
    /// True when applying it would change the incident's own fields.
    fn changes(&self, m: &IncidentMeta, effective: &IncidentStatus) -> bool {
        self.status
            .as_ref()
            .is_some_and(|s| s != effective || *s != m.status)
            || self
                .assigned_to
                .as_ref()
                .is_some_and(|v| *v != m.assigned_to)
            || self
                .classification
                .as_ref()
                .is_some_and(|v| *v != m.classification)
            || self
                .determination
                .as_ref()
                .is_some_and(|v| *v != m.determination)
            || self
                .custom_tags
                .as_ref()
                .is_some_and(|v| *v != m.custom_tags)
            || self
                .resolving_comment
                .as_ref()
                .is_some_and(|v| *v != m.resolving_comment)
            || self
                .display_name
                .as_ref()
                .is_some_and(|v| Some(v) != m.display_name.as_ref())
            || self
                .description
                .as_ref()
                .is_some_and(|v| *v != m.description)
            || self.summary.as_ref().is_some_and(|v| *v != m.summary)
    }

    /// The change its alerts get.
    fn for_alerts(&self) -> Change {
        Change {
            status: (self.status == Some(IncidentStatus::Resolved)).then_some(Status::Resolved),
            assigned_to: self.assigned_to.clone(),
            classification: self.classification.clone(),
            determination: self.determination.clone(),
            comment: None,
        }
    }
}

/// The ids of the incident's alerts and whether the incident exists.
fn members(st: &Shared, id: &str) -> (Vec<String>, bool) {
    let mde = st.store.read();
    let other = st.graph.alerts();
    let all = AlertRef::all(&mde, &other);
    let g = groups(&all);
    let ids: Vec<String> = g
        .get(id)
        .map(|v| v.iter().map(|a| a.id().to_string()).collect())
        .unwrap_or_default();
    let exists = !ids.is_empty() || st.graph.incidents().by_id.contains_key(id);
    (ids, exists)
}

/// The status the incident shows now.
fn current_status(st: &Shared, id: &str) -> IncidentStatus {
    let mde = st.store.read();
    let other = st.graph.alerts();
    let all = AlertRef::all(&mde, &other);
    let g = groups(&all);
    let book = st.graph.incidents();
    let default = IncidentMeta::default();
    let m = book.by_id.get(id).unwrap_or(&default);
    effective_status(m, g.get(id).map(Vec::as_slice).unwrap_or(&[]))
}

fn not_found(id: &str) -> GraphError {
    GraphError::not_found(format!("Incident with id '{id}' was not found."))
}

/// Applies a PATCH: first to the alerts, then to the incident (stamped last, so the incident's
/// own status stands over what its alerts say).
pub fn apply_patch(st: &Shared, id: &str, p: &IncidentPatch, who: &str) -> Result<(), GraphError> {
    let _one_at_a_time = st.graph.write_lock();
    let (alert_ids, exists) = members(st, id);
    if !exists {
        return Err(not_found(id));
    }
    let to_alerts = p.for_alerts();
    if to_alerts != Change::default() {
        for alert in &alert_ids {
            apply_to_alert(st, alert, &to_alerts, who)?;
        }
    }
    let effective = current_status(st, id);
    let now = st.clock.now();
    let mut mde = st.store.write();
    let mut book = st.graph.incidents_mut();
    let m = book.by_id.entry(id.to_string()).or_default();
    if !p.changes(m, &effective) {
        return Ok(());
    }
    let stamp = mde.stamp(now);
    if let Some(s) = &p.status {
        m.status = s.clone();
    }
    if let Some(v) = &p.assigned_to {
        m.assigned_to = v.clone();
    }
    if let Some(v) = &p.classification {
        m.classification = v.clone();
    }
    if let Some(v) = &p.determination {
        m.determination = v.clone();
    }
    if let Some(v) = &p.custom_tags {
        m.custom_tags = v.clone();
    }
    if let Some(v) = &p.resolving_comment {
        m.resolving_comment = v.clone();
    }
    if let Some(v) = &p.display_name {
        m.display_name = Some(v.clone());
    }
    if let Some(v) = &p.description {
        m.description = v.clone();
    }
    if let Some(v) = &p.summary {
        m.summary = v.clone();
    }
    m.last_update = Some(stamp);
    m.last_modified_by = Some(who.to_string());
    Ok(())
}

/// Appends a comment to the incident.
pub fn add_comment(st: &Shared, id: &str, text: String, who: &str) -> Result<(), GraphError> {
    let _one_at_a_time = st.graph.write_lock();
    let (_, exists) = members(st, id);
    if !exists {
        return Err(not_found(id));
    }
    let now = st.clock.now();
    let mut mde = st.store.write();
    let mut book = st.graph.incidents_mut();
    let m = book.by_id.entry(id.to_string()).or_default();
    let stamp = mde.stamp(now);
    m.comments.push(Comment {
        comment: text,
        created_by: Some(who.to_string()),
        created_time: Some(stamp),
    });
    m.last_update = Some(stamp);
    Ok(())
}

/// Reads a comment body (shared with alerts_v2).
pub fn comment_text(body: &str) -> Result<String, GraphError> {
    let obj: Map<String, Value> = object(body)?;
    super::alert_write::parse_comment(&obj)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patch_bodies_are_strict_and_accept_every_spelling() {
        let p = parse_patch(
            r#"{"status":"Resolved","classification":"truePositive","determination":"MultiStagedAttack",
                "customTags":["Demo"],"resolvingComment":"done","assignedTo":null}"#,
        )
        .unwrap();
        assert_eq!(p.status, Some(IncidentStatus::Resolved));
        assert_eq!(p.assigned_to, Some(None));
        assert_eq!(p.custom_tags, Some(vec!["Demo".to_string()]));
        assert_eq!(p.for_alerts().status, Some(Status::Resolved));
        let p = parse_patch(r#"{"status":"inProgress"}"#).unwrap();
        assert_eq!(p.for_alerts(), Change::default());
        let e = |b: &str| parse_patch(b).unwrap_err().message;
        assert!(e(r#"{"status":"awaitingAction"}"#).contains("awaitingAction"));
        assert!(e(r#"{"tags":["x"]}"#).contains("'tags'"));
        assert!(e(r#"{"customTags":"x"}"#).contains("customTags"));
        assert!(e(r#"{"displayName":""}"#).contains("displayName"));
        assert!(e(r#"{}"#).contains("at least one"));
        assert!(e("[1]").contains("object"));
    }
}
