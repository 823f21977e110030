//! The bearer check in front of `/api/*`: a valid, unexpired token puts its `Identity` into the
//! request; anything else is a 401 `Unauthorized` in the API's envelope.

use super::tokens::TokenError;
use crate::errors::ApiError;
use crate::state::Shared;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Middleware: authenticate, then run the rest of the stack.
pub async fn require_token(State(st): State<Shared>, mut req: Request, next: Next) -> Response {
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim().to_string());
    let Some(token) = token else {
        return ApiError::unauthorized("Authorization header is missing or is not a Bearer token.")
            .into_response();
    };
    match st.tokens.validate(&token) {
        // A Graph token is not for this API, as the service's audience check says.
        Ok(who) if who.audience != super::audience::Audience::Mde => ApiError::unauthorized(
            "The access token audience is invalid: it was issued for Microsoft Graph, not this API.",
        )
        .into_response(),
        Ok(who) => {
            req.extensions_mut().insert(who);
            next.run(req).await
        }
        Err(e @ (TokenError::Expired | TokenError::Unknown)) => {
            ApiError::unauthorized(e.to_string()).into_response()
        }
    }
}
