//! JSON bodies of PATCH and batchUpdate: camelCase keys, only the fields that change, enums by
//! the service metadata's names.

use super::error::ApiError;
use mde_model::Determination;
use mde_model::protocol::TriageChange;
use serde_json::{Map, Value};

/// A write body ready to send.
pub(crate) struct WriteBody {
    pub json: Value,
}

impl WriteBody {
    /// The body for `change`, with `alertIds` for a batch.
    pub fn new(change: &TriageChange, ids: Option<&[String]>) -> Result<Self, ApiError> {
        if change.is_empty() {
            return Err(ApiError::Invalid("a write without any change".into()));
        }
        let mut m = Map::new();
        if let Some(ids) = ids {
            m.insert("alertIds".into(), Value::from(ids.to_vec()));
        }
        if let Some(s) = &change.status {
            m.insert("status".into(), s.as_str().into());
        }
        if let Some(a) = &change.assigned_to {
            m.insert("assignedTo".into(), a.as_str().into());
        }
        if let Some(c) = &change.classification {
            m.insert("classification".into(), c.as_str().into());
        }
        if let Some(d) = &change.determination {
            m.insert("determination".into(), d.as_str().into());
        }
        if let Some(c) = &change.comment {
            m.insert("comment".into(), c.as_str().into());
        }
        Ok(WriteBody {
            json: Value::Object(m),
        })
    }

    /// The same body with the determination spelled `alt`.
    pub fn with_determination(&self, alt: &str) -> Value {
        let mut json = self.json.clone();
        if let Some(m) = json.as_object_mut() {
            m.insert("determination".into(), alt.into());
        }
        json
    }
}

/// The other documented spelling of a determination whose wire name the docs dispute (§4.4).
pub(crate) fn alternative_spelling(d: &Determination) -> Option<&'static str> {
    match d {
        Determination::CompromisedAccount => Some("CompromisedUser"),
        Determination::NotMalicious => Some("Clean"),
        Determination::NoEnoughDataToValidate => Some("InsufficientData"),
        Determination::ConfirmedActivity => Some("ConfirmedUserActivity"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::{Classification, Status};

    #[test]
    fn only_set_fields_are_sent_in_camel_case() {
        let change = TriageChange {
            status: Some(Status::Resolved),
            assigned_to: Some("secop2@contoso.com".into()),
            classification: Some(Classification::FalsePositive),
            determination: Some(Determination::NotMalicious),
            comment: None,
        };
        let b = WriteBody::new(&change, None).unwrap();
        assert_eq!(
            b.json.to_string(),
            r#"{"status":"Resolved","assignedTo":"secop2@contoso.com","classification":"FalsePositive","determination":"NotMalicious"}"#
        );
        let only_comment = TriageChange {
            comment: Some("x\"y".into()),
            ..Default::default()
        };
        let ids = ["a".to_string(), "b".to_string()];
        let b = WriteBody::new(&only_comment, Some(&ids)).unwrap();
        assert_eq!(
            b.json.to_string(),
            r#"{"alertIds":["a","b"],"comment":"x\"y"}"#
        );
        assert!(matches!(
            WriteBody::new(&TriageChange::default(), None),
            Err(ApiError::Invalid(_))
        ));
    }

    #[test]
    fn disputed_determinations_have_an_alternative() {
        assert_eq!(
            alternative_spelling(&Determination::NotMalicious),
            Some("Clean")
        );
        assert_eq!(
            alternative_spelling(&Determination::ConfirmedActivity),
            Some("ConfirmedUserActivity")
        );
        assert_eq!(alternative_spelling(&Determination::Malware), None);
        let change = TriageChange {
            determination: Some(Determination::CompromisedAccount),
            ..Default::default()
        };
        let b = WriteBody::new(&change, None).unwrap();
        assert_eq!(
            b.with_determination("CompromisedUser").to_string(),
            r#"{"determination":"CompromisedUser"}"#
        );
    }
}
