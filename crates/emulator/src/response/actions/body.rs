//! The PascalCase bodies of the machine-action routes: `Comment` is required for every action,
//! `IsolationType` (Full, Selective, UnManagedDevice; default Full), `ScanType` (Quick, Full;
//! required), `Sha1` (40 hex digits). A key in the wrong case is refused, as the service does.

use crate::errors::ApiError;
use axum::http::StatusCode;
use mde_model::device::{ActionType, IsolationType, ScanType, is_sha1};
use serde_json::{Map, Value};

/// The body as a JSON object.
pub fn object(body: &str) -> Result<Map<String, Value>, ApiError> {
    if body.trim().is_empty() {
        return Err(ApiError::body("Request body is missing."));
    }
    match serde_json::from_str::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(ApiError::body(
            "Request body is incorrect: expected a JSON object.",
        )),
        Err(e) => Err(ApiError::body(format!("Request body is incorrect: {e}"))),
    }
}

/// What an action request asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionBody {
    /// `Comment`.
    pub comment: String,
    /// `scope` of the created action (isolation or scan type).
    pub scope: Option<String>,
    /// `Sha1` of stop-and-quarantine.
    pub sha1: Option<String>,
}

fn missing(name: &str) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "MissingRequiredParameter",
        format!("Parameter {name} is missing."),
    )
}

/// The value of `key`, refusing the same key in another case.
fn field<'a>(obj: &'a Map<String, Value>, key: &str) -> Result<Option<&'a Value>, ApiError> {
    if let Some(v) = obj.get(key) {
        return Ok(Some(v));
    }
    match obj.keys().find(|k| k.eq_ignore_ascii_case(key)) {
        Some(k) => Err(ApiError::body(format!(
            "Request body is incorrect: '{k}' is not a parameter; the service expects '{key}'."
        ))),
        None => Ok(None),
    }
}

fn text(obj: &Map<String, Value>, key: &str) -> Result<Option<String>, ApiError> {
    match field(obj, key)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ApiError::body(format!("{key} must be a string."))),
    }
}

/// Reads and checks the body of an action of type `t`.
pub fn parse(t: &ActionType, body: &str) -> Result<ActionBody, ApiError> {
    let obj = object(body)?;
    let comment = text(&obj, "Comment")?
        .filter(|c| !c.trim().is_empty())
        .ok_or_else(|| missing("Comment"))?;
    let mut out = ActionBody {
        comment,
        scope: None,
        sha1: None,
    };
    match t {
        ActionType::Isolate => {
            let kind = match text(&obj, "IsolationType")? {
                None => IsolationType::Full,
                Some(s) => match IsolationType::parse(&s) {
                    IsolationType::Unrecognized(_) => {
                        return Err(ApiError::body(format!(
                            "IsolationType '{s}' is not valid: use Full, Selective or UnManagedDevice."
                        )));
                    }
                    k => k,
                },
            };
            out.scope = Some(kind.as_str().to_string());
        }
        ActionType::RunAntiVirusScan => {
            let s = text(&obj, "ScanType")?.ok_or_else(|| missing("ScanType"))?;
            let kind = match ScanType::parse(&s) {
                ScanType::Unrecognized(_) => {
                    return Err(ApiError::body(format!(
                        "ScanType '{s}' is not valid: use Quick or Full."
                    )));
                }
                k => k,
            };
            out.scope = Some(kind.as_str().to_string());
        }
        ActionType::StopAndQuarantineFile => {
            let h = text(&obj, "Sha1")?.ok_or_else(|| missing("Sha1"))?;
            if !is_sha1(&h) {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "InvalidHashValue",
                    format!("Sha1 '{h}' is not a valid SHA-1 hash (40 hexadecimal digits)."),
                ));
            }
            out.sha1 = Some(h.to_ascii_lowercase());
        }
        _ => {}
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(r: Result<ActionBody, ApiError>) -> &'static str {
        r.unwrap_err().code
    }

    #[test]
    fn pascal_case_bodies_are_read_and_checked() {
        let b = parse(
            &ActionType::Isolate,
            r#"{"Comment":"c","IsolationType":"Selective"}"#,
        )
        .unwrap();
        assert_eq!(b.scope.as_deref(), Some("Selective"));
        let b = parse(&ActionType::Isolate, r#"{"Comment":"c"}"#).unwrap();
        assert_eq!(b.scope.as_deref(), Some("Full"));
        assert_eq!(
            code(parse(&ActionType::Isolate, r#"{"IsolationType":"Full"}"#)),
            "MissingRequiredParameter"
        );
        assert_eq!(
            code(parse(&ActionType::Isolate, r#"{"comment":"c"}"#)),
            "InvalidRequestBody"
        );
        assert_eq!(
            code(parse(
                &ActionType::Isolate,
                r#"{"Comment":"c","IsolationType":"Partial"}"#
            )),
            "InvalidRequestBody"
        );
        assert_eq!(
            code(parse(&ActionType::RunAntiVirusScan, r#"{"Comment":"c"}"#)),
            "MissingRequiredParameter"
        );
        assert_eq!(
            code(parse(
                &ActionType::StopAndQuarantineFile,
                r#"{"Comment":"c","Sha1":"abc"}"#
            )),
            "InvalidHashValue"
        );
        assert_eq!(
            code(parse(&ActionType::Unisolate, "")),
            "InvalidRequestBody"
        );
        assert_eq!(
            code(parse(&ActionType::Unisolate, r#"{"Comment":"   "}"#)),
            "MissingRequiredParameter"
        );
    }
}
