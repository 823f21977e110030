//! Graph write bodies: only the fields that change, enums in Graph's camelCase, comments as
//! `alertComment` objects for `POST …/comments`.

use mde_api::ApiError;
use mde_model::graph::IncidentChange;
use mde_model::graph::enums::{classification_name, determination_name, status_name};
use mde_model::protocol::TriageChange;
use serde_json::{Map, Value, json};

/// The alerts_v2 PATCH body of a change (None when only a comment is set).
pub fn alert_patch(change: &TriageChange) -> Option<Value> {
    let mut m = Map::new();
    if let Some(s) = &change.status {
        m.insert("status".into(), status_name(s).into());
    }
    if let Some(a) = &change.assigned_to {
        m.insert("assignedTo".into(), a.as_str().into());
    }
    if let Some(c) = &change.classification {
        m.insert("classification".into(), classification_name(c).into());
    }
    if let Some(d) = &change.determination {
        m.insert("determination".into(), determination_name(d).into());
    }
    (!m.is_empty()).then_some(Value::Object(m))
}

/// The incident PATCH body of a change (None when only a comment is set).
pub fn incident_patch(change: &IncidentChange) -> Option<Value> {
    let mut m = Map::new();
    if let Some(s) = &change.status {
        m.insert("status".into(), s.as_str().into());
    }
    if let Some(a) = &change.assigned_to {
        m.insert("assignedTo".into(), a.as_str().into());
    }
    if let Some(c) = &change.classification {
        m.insert("classification".into(), classification_name(c).into());
    }
    if let Some(d) = &change.determination {
        m.insert("determination".into(), determination_name(d).into());
    }
    if let Some(t) = &change.custom_tags {
        m.insert("customTags".into(), t.clone().into());
    }
    if let Some(r) = &change.resolving_comment {
        m.insert("resolvingComment".into(), r.as_str().into());
    }
    (!m.is_empty()).then_some(Value::Object(m))
}

/// The body of `POST …/comments`.
pub fn comment(text: &str) -> Result<Value, ApiError> {
    if text.trim().is_empty() {
        return Err(ApiError::Invalid("an empty comment".into()));
    }
    Ok(json!({"@odata.type": "microsoft.graph.security.alertComment", "comment": text}))
}

/// The same body with the determination spelled `alt`.
pub fn with_determination(body: &Value, alt: &str) -> Value {
    let mut b = body.clone();
    if let Some(m) = b.as_object_mut() {
        m.insert("determination".into(), alt.into());
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::graph::IncidentStatus;
    use mde_model::{Classification, Determination, Status};

    #[test]
    fn bodies_carry_only_what_changes_in_graph_spelling() {
        let change = TriageChange {
            status: Some(Status::InProgress),
            classification: Some(Classification::TruePositive),
            determination: Some(Determination::NoEnoughDataToValidate),
            ..Default::default()
        };
        assert_eq!(
            alert_patch(&change).unwrap().to_string(),
            r#"{"status":"inProgress","classification":"truePositive","determination":"notEnoughDataToValidate"}"#
        );
        let only_comment = TriageChange {
            comment: Some("x".into()),
            ..Default::default()
        };
        assert!(alert_patch(&only_comment).is_none());
        let inc = IncidentChange {
            status: Some(IncidentStatus::Resolved),
            custom_tags: Some(vec!["a".into()]),
            resolving_comment: Some("done".into()),
            ..Default::default()
        };
        assert_eq!(
            incident_patch(&inc).unwrap().to_string(),
            r#"{"status":"resolved","customTags":["a"],"resolvingComment":"done"}"#
        );
        assert!(comment(" ").is_err());
        assert_eq!(comment("a\"b").unwrap()["comment"], "a\"b");
    }
}
