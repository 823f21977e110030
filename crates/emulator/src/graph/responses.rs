//! Successful Graph answers: JSON with `@odata.context` first, Graph's content type and a
//! `request-id` header.

use crate::errors::request_ids;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

/// Graph's own host in `@odata.context`, as the service writes it.
pub const CONTEXT_BASE: &str = "https://graph.microsoft.com/v1.0/$metadata";

/// The content type Graph answers with.
pub const GRAPH_JSON: &str = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

/// `@odata.context` for a fragment such as `security/alerts_v2/$entity`.
pub fn context(fragment: &str) -> String {
    format!("{CONTEXT_BASE}#{fragment}")
}

/// A 200 with `body` (an object) under the given context.
pub fn entity(fragment: &str, body: Value) -> Response {
    let mut m = Map::new();
    m.insert("@odata.context".into(), context(fragment).into());
    if let Value::Object(rest) = body {
        m.extend(rest);
    }
    json(&Value::Object(m))
}

/// A 200 with a JSON body.
pub fn json(body: &Value) -> Response {
    bytes(body.to_string().into_bytes())
}

/// A 200 with an already serialised body.
pub fn bytes(body: Vec<u8>) -> Response {
    let mut r = (StatusCode::OK, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(GRAPH_JSON));
    h.insert("OData-Version", HeaderValue::from_static("4.0"));
    if let Ok(v) = HeaderValue::from_str(&request_ids().guid()) {
        h.insert("request-id", v);
    }
    r
}
