//! Graph's quota: alerts_v2 and incidents calls per app and tenant (429 `TooManyRequests` with
//! `Retry-After`); hunting counts against its own quota in its handler.

use super::errors::GraphError;
use crate::auth::Identity;
use crate::rate_limit::Class;
use crate::state::Shared;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Instant;

/// Middleware (after authentication).
pub async fn enforce(State(st): State<Shared>, req: Request, next: Next) -> Response {
    let Some(who) = req.extensions().get::<Identity>() else {
        return GraphError::unauthenticated("Missing identity.").into_response();
    };
    if req.uri().path().ends_with("runHuntingQuery") {
        return next.run(req).await;
    }
    match st
        .graph
        .limiter
        .check(&who.quota_key(), Class::General, Instant::now())
    {
        Ok(()) => next.run(req).await,
        Err(secs) => GraphError::throttled(
            "TooManyRequests",
            format!("Too many requests. Retry after {secs} seconds."),
            secs,
        )
        .into_response(),
    }
}
