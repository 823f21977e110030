//! Answers of the response routes: OData JSON with the service's headers, 200 or 201.

use crate::responses::ODATA_JSON;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Map, Value};

/// An entity with its `@odata.context` first, then its fields in declaration order.
pub fn entity<T: Serialize>(context: String, item: &T) -> Value {
    let mut m = Map::new();
    m.insert("@odata.context".into(), context.into());
    if let Ok(Value::Object(fields)) = serde_json::to_value(item) {
        m.extend(fields);
    }
    Value::Object(m)
}

/// An OData answer with this status.
pub fn answer(status: StatusCode, body: &Value) -> Response {
    let mut r = (status, body.to_string()).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ODATA_JSON));
    h.insert("OData-Version", HeaderValue::from_static("4.0"));
    r
}

/// A 200 answer.
pub fn ok(body: &Value) -> Response {
    answer(StatusCode::OK, body)
}

/// Keeps only the `$select`ed keys of each item (and `@odata` annotations).
pub fn select(items: Vec<Value>, cols: Option<&[String]>) -> Vec<Value> {
    let Some(cols) = cols else {
        return items;
    };
    items
        .into_iter()
        .map(|v| match v {
            Value::Object(mut m) => {
                m.retain(|k, _| cols.iter().any(|c| c == k));
                Value::Object(m)
            }
            other => other,
        })
        .collect()
}
