//! Fault injection on `/api/*`: latency, 500/503 answers, and responses whose connection is
//! closed mid-body (the request *was* served: a dropped PATCH still changed the alert, which is
//! exactly the case a client's retry logic must survive).

use super::errors::ApiError;
use super::state::Shared;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::stream;

/// Middleware applying the current fault settings.
pub async fn inject(State(st): State<Shared>, req: Request, next: Next) -> Response {
    let f = st.faults();
    if f.latency_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(f.latency_ms)).await;
    }
    if st.dice.chance(f.fail_rate) {
        return if st.dice.chance(0.5) {
            ApiError::internal().into_response()
        } else {
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "ServiceUnavailable",
                "The service is temporarily unavailable.",
            )
            .into_response()
        };
    }
    let resp = next.run(req).await;
    if !st.dice.chance(f.drop_rate) {
        return resp;
    }
    truncate(resp).await
}

/// Sends the head and part of the body, then fails the body stream so the connection is cut.
pub(crate) async fn truncate(resp: Response) -> Response {
    let (mut parts, body) = resp.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let cut = bytes.slice(..bytes.len() / 2);
    // Announce the full length so the client knows the body is short, even for an empty one.
    parts.headers.insert(
        header::CONTENT_LENGTH,
        header::HeaderValue::from(bytes.len().max(1)),
    );
    let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
        Ok(cut),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "emulator: connection dropped (--drop-rate)",
        )),
    ];
    Response::from_parts(parts, Body::from_stream(stream::iter(chunks)))
}
