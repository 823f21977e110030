//! Successful API answers: JSON with the OData content type and `OData-Version: 4.0`.

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The content type the service sends on success.
pub const ODATA_JSON: &str =
    "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";

/// A 200 with an OData JSON body.
pub fn odata(body: &serde_json::Value) -> Response {
    odata_body(Body::from(body.to_string()))
}

/// A 200 with an OData JSON body, streamed or whole.
pub fn odata_body(body: Body) -> Response {
    let mut r = (StatusCode::OK, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ODATA_JSON));
    h.insert("OData-Version", HeaderValue::from_static("4.0"));
    r
}

/// A 200 with an empty body (batchUpdate).
pub fn empty_ok() -> Response {
    let mut r = StatusCode::OK.into_response();
    r.headers_mut()
        .insert("OData-Version", HeaderValue::from_static("4.0"));
    r
}
