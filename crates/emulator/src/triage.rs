//! The PATCH / batchUpdate body: validated strictly (case-sensitive keys, known enum values) and
//! applied to an alert with the service's side effects (resolvedTime, comments, lastUpdateTime).

use super::errors::ApiError;
use mde_model::{Alert, Classification, Comment, Determination, Status, Timestamp};
use serde_json::{Map, Value};

/// The writable keys, exactly as the service spells them.
pub const WRITABLE: &[&str] = &[
    "status",
    "assignedTo",
    "classification",
    "determination",
    "comment",
];

/// A validated change. `Some(None)` clears a nullable field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Change {
    /// New status.
    pub status: Option<Status>,
    /// New owner, or clear.
    pub assigned_to: Option<Option<String>>,
    /// New classification, or clear.
    pub classification: Option<Option<Classification>>,
    /// New determination, or clear.
    pub determination: Option<Option<Determination>>,
    /// Comment to append.
    pub comment: Option<String>,
}

/// Reads a change from a JSON object; `extra_keys` may also appear (e.g. `alertIds`).
pub fn parse_change(obj: &Map<String, Value>, extra_keys: &[&str]) -> Result<Change, ApiError> {
    if let Some(k) = obj
        .keys()
        .find(|k| !WRITABLE.contains(&k.as_str()) && !extra_keys.contains(&k.as_str()))
    {
        return Err(ApiError::body(format!(
            "Request body is incorrect: unknown property '{k}'. Properties are case-sensitive: {}.",
            WRITABLE.join(", ")
        )));
    }
    let mut c = Change::default();
    if let Some(v) = obj.get("status") {
        let s = Status::parse(string(v, "status")?);
        if !Status::SETTABLE.contains(&s) {
            return Err(invalid(
                "status",
                v,
                Status::SETTABLE.iter().map(Status::as_str),
            ));
        }
        c.status = Some(s);
    }
    if let Some(v) = obj.get("assignedTo") {
        c.assigned_to = Some(nullable_string(v, "assignedTo")?);
    }
    if let Some(v) = obj.get("classification") {
        c.classification = Some(match nullable_string(v, "classification")? {
            None => None,
            Some(s) => {
                let cl = Classification::parse(&s);
                if !cl.is_known() {
                    return Err(invalid(
                        "classification",
                        v,
                        Classification::KNOWN.iter().map(Classification::as_str),
                    ));
                }
                Some(cl)
            }
        });
    }
    if let Some(v) = obj.get("determination") {
        c.determination = Some(match nullable_string(v, "determination")? {
            None => None,
            Some(s) => {
                let d = Determination::parse(&s);
                // Apt and SecurityPersonnel stopped being settable through the API in 2022.
                if !d.is_known()
                    || matches!(d, Determination::Apt | Determination::SecurityPersonnel)
                {
                    return Err(invalid(
                        "determination",
                        v,
                        Determination::KNOWN
                            .iter()
                            .filter(|d| {
                                !matches!(d, Determination::Apt | Determination::SecurityPersonnel)
                            })
                            .map(Determination::as_str),
                    ));
                }
                Some(d)
            }
        });
    }
    if let Some(v) = obj.get("comment") {
        c.comment = Some(string(v, "comment")?.to_string());
    }
    if c == Change::default() {
        return Err(ApiError::body(format!(
            "Request body is incorrect: it must contain at least one of {}.",
            WRITABLE.join(", ")
        )));
    }
    Ok(c)
}

fn string<'a>(v: &'a Value, key: &str) -> Result<&'a str, ApiError> {
    v.as_str().ok_or_else(|| {
        ApiError::body(format!(
            "Request body is incorrect: '{key}' must be a string."
        ))
    })
}

fn nullable_string(v: &Value, key: &str) -> Result<Option<String>, ApiError> {
    match v {
        Value::Null => Ok(None),
        other => string(other, key).map(|s| Some(s.to_string())),
    }
}

fn invalid<'a>(key: &str, v: &Value, allowed: impl Iterator<Item = &'a str>) -> ApiError {
    ApiError::body(format!(
        "Request body is incorrect: {v} is not a valid value for '{key}'. Allowed: {}.",
        allowed.collect::<Vec<_>>().join(", ")
    ))
}

impl Change {
    /// True when applying would change the alert (a comment always does).
    pub fn changes(&self, a: &Alert) -> bool {
        self.comment.is_some()
            || self.status.as_ref().is_some_and(|s| *s != a.status)
            || self
                .assigned_to
                .as_ref()
                .is_some_and(|v| *v != a.assigned_to)
            || self
                .classification
                .as_ref()
                .is_some_and(|v| *v != a.classification)
            || self
                .determination
                .as_ref()
                .is_some_and(|v| *v != a.determination)
    }

    /// Applies the change at time `stamp` on behalf of `who` (the comment's `createdBy`).
    pub fn apply(&self, a: &mut Alert, who: &str, stamp: Timestamp) {
        if let Some(s) = &self.status {
            if *s != a.status {
                a.resolved_time = (*s == Status::Resolved).then_some(stamp);
            }
            a.status = s.clone();
        }
        if let Some(v) = &self.assigned_to {
            a.assigned_to = v.clone();
        }
        if let Some(v) = &self.classification {
            a.classification = v.clone();
        }
        if let Some(v) = &self.determination {
            a.determination = v.clone();
        }
        if let Some(text) = &self.comment {
            a.comments.push(Comment {
                comment: text.clone(),
                created_by: Some(who.to_string()),
                created_time: Some(stamp),
            });
        }
        a.last_update_time = Some(stamp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn strict_keys_and_values() {
        let e = parse_change(&obj(serde_json::json!({"Status": "Resolved"})), &[]).unwrap_err();
        assert!(e.message.contains("'Status'"));
        assert_eq!(e.code, "InvalidRequestBody");
        let e = parse_change(&obj(serde_json::json!({"status": "Closed"})), &[]).unwrap_err();
        assert!(e.message.contains("\"Closed\""));
        assert!(parse_change(&obj(serde_json::json!({"status": "Unknown"})), &[]).is_err());
        assert!(parse_change(&obj(serde_json::json!({"determination": "Apt"})), &[]).is_err());
        assert!(parse_change(&obj(serde_json::json!({"comment": 5})), &[]).is_err());
        assert!(parse_change(&obj(serde_json::json!({})), &[]).is_err());
    }

    #[test]
    fn both_determination_spellings_store_the_metadata_name() {
        let c = parse_change(
            &obj(serde_json::json!({"classification": "FalsePositive", "determination": "Clean"})),
            &[],
        )
        .unwrap();
        assert_eq!(c.determination, Some(Some(Determination::NotMalicious)));
    }

    #[test]
    fn resolving_sets_and_reopening_clears_resolved_time() {
        let mut a = Alert::new("a", "t");
        let t1 = Timestamp::parse("2026-01-01T00:00:00Z").unwrap();
        let c = parse_change(
            &obj(serde_json::json!({"status": "Resolved", "comment": "done"})),
            &[],
        )
        .unwrap();
        assert!(c.changes(&a));
        c.apply(&mut a, "me@x", t1);
        assert_eq!(a.resolved_time, Some(t1));
        assert_eq!(a.comments[0].created_by.as_deref(), Some("me@x"));
        let again = parse_change(&obj(serde_json::json!({"status": "Resolved"})), &[]).unwrap();
        assert!(!again.changes(&a));
        let reopen = parse_change(&obj(serde_json::json!({"status": "New"})), &[]).unwrap();
        reopen.apply(&mut a, "me@x", t1);
        assert_eq!(a.resolved_time, None);
    }
}
