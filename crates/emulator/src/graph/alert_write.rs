//! alerts_v2 writes: the PATCH body (`status`, `assignedTo`, `classification`, `determination`,
//! camelCase or PascalCase members, every documented determination spelling) read into the
//! same `Change` the MDE API applies, and that change applied to another product's alert.

use super::errors::GraphError;
use crate::triage::Change;
use mde_model::graph::GraphAlert;
use mde_model::graph::GraphComment;
use mde_model::graph::enums::{classification_name, determination_from, status_name};
use mde_model::{Classification, Determination, Status, Timestamp};
use serde_json::{Map, Value};

/// The keys alerts_v2 PATCH accepts (case-sensitive, as Graph's are).
pub const WRITABLE: &[&str] = &["status", "assignedTo", "classification", "determination"];

/// A request body as a JSON object.
pub fn object(body: &str) -> Result<Map<String, Value>, GraphError> {
    match serde_json::from_str::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(GraphError::body(
            "Invalid request body: expected a JSON object.",
        )),
        Err(e) => Err(GraphError::body(format!("Invalid request body: {e}"))),
    }
}

fn string<'a>(v: &'a Value, key: &str) -> Result<&'a str, GraphError> {
    v.as_str()
        .ok_or_else(|| GraphError::body(format!("Invalid request body: '{key}' must be a string.")))
}

/// A nullable string property.
pub fn nullable(v: &Value, key: &str) -> Result<Option<String>, GraphError> {
    match v {
        Value::Null => Ok(None),
        other => string(other, key).map(|s| Some(s.to_string())),
    }
}

fn refuse(key: &str, v: &Value, allowed: &[&str]) -> GraphError {
    GraphError::body(format!(
        "Invalid request body: {v} is not a valid value for '{key}'. Allowed: {}.",
        allowed.join(", ")
    ))
}

/// A Graph classification member (any case; no aliases: `benignPositive` is refused).
pub fn classification(v: &Value, key: &str) -> Result<Option<Classification>, GraphError> {
    let Some(s) = nullable(v, key)? else {
        return Ok(None);
    };
    let names: Vec<&str> = Classification::KNOWN
        .iter()
        .map(classification_name)
        .collect();
    Classification::KNOWN
        .iter()
        .find(|c| classification_name(c).eq_ignore_ascii_case(&s))
        .cloned()
        .map(Some)
        .ok_or_else(|| refuse(key, v, &names))
}

/// A determination in any documented spelling.
pub fn determination(v: &Value, key: &str) -> Result<Option<Determination>, GraphError> {
    let Some(s) = nullable(v, key)? else {
        return Ok(None);
    };
    let d = determination_from(&s);
    if d.is_known() {
        Ok(Some(d))
    } else {
        let names: Vec<&str> = Determination::KNOWN
            .iter()
            .map(mde_model::graph::enums::determination_name)
            .collect();
        Err(refuse(key, v, &names))
    }
}

/// Reads an alerts_v2 PATCH body.
pub fn parse_patch(obj: &Map<String, Value>) -> Result<Change, GraphError> {
    if let Some(k) = obj
        .keys()
        .find(|k| !WRITABLE.contains(&k.as_str()) && !k.starts_with("@odata."))
    {
        return Err(GraphError::body(format!(
            "Invalid request body: property '{k}' does not exist or cannot be updated on microsoft.graph.security.alert. Updatable: {}.",
            WRITABLE.join(", ")
        )));
    }
    let mut c = Change::default();
    if let Some(v) = obj.get("status") {
        let s = string(v, "status")?;
        let settable: Vec<&str> = Status::SETTABLE.iter().map(status_name).collect();
        let status = Status::SETTABLE
            .iter()
            .find(|x| status_name(x).eq_ignore_ascii_case(s))
            .cloned()
            .ok_or_else(|| refuse("status", v, &settable))?;
        c.status = Some(status);
    }
    if let Some(v) = obj.get("assignedTo") {
        c.assigned_to = Some(nullable(v, "assignedTo")?);
    }
    if let Some(v) = obj.get("classification") {
        c.classification = Some(classification(v, "classification")?);
    }
    if let Some(v) = obj.get("determination") {
        c.determination = Some(determination(v, "determination")?);
    }
    if c == Change::default() {
        return Err(GraphError::body(format!(
            "Invalid request body: it must contain at least one of {}.",
            WRITABLE.join(", ")
        )));
    }
    Ok(c)
}

/// Reads a `POST …/comments` body: `{"@odata.type": "microsoft.graph.security.alertComment",
/// "comment": "…"}` (the type annotation is optional).
pub fn parse_comment(obj: &Map<String, Value>) -> Result<String, GraphError> {
    match obj.get("comment") {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
        Some(Value::String(_)) => Err(GraphError::body(
            "Invalid request body: 'comment' is empty.",
        )),
        Some(_) => Err(GraphError::body(
            "Invalid request body: 'comment' must be a string.",
        )),
        None => Err(GraphError::body(
            "Invalid request body: 'comment' is required.",
        )),
    }
}

/// True when applying `c` would change `g` (a comment always does).
pub fn changes(c: &Change, g: &GraphAlert) -> bool {
    c.comment.is_some()
        || c.status.as_ref().is_some_and(|s| *s != g.status)
        || c.assigned_to.as_ref().is_some_and(|v| *v != g.assigned_to)
        || c.classification
            .as_ref()
            .is_some_and(|v| *v != g.classification)
        || c.determination
            .as_ref()
            .is_some_and(|v| *v != g.determination)
}

/// Applies `c` to another product's alert, as the MDE store applies it to endpoint alerts.
pub fn apply(c: &Change, g: &mut GraphAlert, who: &str, stamp: Timestamp) {
    if let Some(s) = &c.status {
        if *s != g.status {
            g.resolved_date_time = (*s == Status::Resolved).then_some(stamp);
        }
        g.status = s.clone();
    }
    if let Some(v) = &c.assigned_to {
        g.assigned_to = v.clone();
    }
    if let Some(v) = &c.classification {
        g.classification = v.clone();
    }
    if let Some(v) = &c.determination {
        g.determination = v.clone();
    }
    if let Some(text) = &c.comment {
        g.comments.push(GraphComment {
            comment: text.clone(),
            created_by_display_name: Some(who.to_string()),
            created_date_time: Some(stamp),
        });
    }
    g.last_update_date_time = Some(stamp);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn graph_and_documented_spellings_are_read_strictly() {
        let c = parse_patch(&obj(serde_json::json!({
            "status": "inProgress", "assignedTo": "me@x", "classification": "TruePositive",
            "determination": "compromisedUser"
        })))
        .unwrap();
        assert_eq!(c.status, Some(Status::InProgress));
        assert_eq!(c.classification, Some(Some(Classification::TruePositive)));
        assert_eq!(
            c.determination,
            Some(Some(Determination::CompromisedAccount))
        );
        for spelling in [
            "notEnoughDataToValidate",
            "insufficientData",
            "NoEnoughDataToValidate",
        ] {
            let c = parse_patch(&obj(serde_json::json!({"determination": spelling}))).unwrap();
            assert_eq!(
                c.determination,
                Some(Some(Determination::NoEnoughDataToValidate))
            );
        }
        let e = |v: Value| parse_patch(&obj(v)).unwrap_err().message;
        assert!(
            e(serde_json::json!({"classification": "benignPositive"})).contains("benignPositive")
        );
        assert!(e(serde_json::json!({"status": "closed"})).contains("inProgress"));
        assert!(e(serde_json::json!({"comment": "x"})).contains("'comment'"));
        assert!(e(serde_json::json!({"Status": "new"})).contains("'Status'"));
        assert!(e(serde_json::json!({})).contains("at least one"));
        assert!(parse_comment(&obj(serde_json::json!({"comment": 3}))).is_err());
        assert!(parse_comment(&obj(serde_json::json!({"comment": "  "}))).is_err());
    }
}
