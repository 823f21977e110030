//! The middleware that counts each authenticated API call against its quota and answers 429
//! with `Retry-After` when the quota is spent.

use super::auth::Identity;
use super::errors::ApiError;
use super::rate_limit::Class;
use super::state::Shared;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Instant;

/// Middleware (after authentication): counts the call against its quota.
pub async fn enforce(State(st): State<Shared>, req: Request, next: Next) -> Response {
    let Some(who) = req.extensions().get::<Identity>() else {
        return ApiError::unauthorized("Missing identity.").into_response();
    };
    let class = if req.method() == Method::POST && req.uri().path().ends_with("/batchUpdate") {
        Class::Batch
    } else {
        crate::response::throttle::class_for(req.method(), req.uri().path())
            .unwrap_or(Class::General)
    };
    match st.limiter.check(&who.quota_key(), class, Instant::now()) {
        Ok(()) => next.run(req).await,
        Err(secs) => {
            let mut e = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "TooManyRequests",
                format!("Rate limit is exceeded. Try again in {secs} seconds."),
            );
            e.retry_after = Some(secs);
            e.into_response()
        }
    }
}
