//! The bearer check and permissions of `/v1.0/security/*`: a Graph-audience token (an MDE one is
//! refused as Graph refuses it), and per route the Graph role that grants it.

use super::errors::GraphError;
use crate::auth::Identity;
use crate::auth::audience::Audience;
use crate::auth::tokens::TokenError;
use crate::state::Shared;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// What a Graph route needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphPermission {
    /// List and get alerts_v2.
    AlertRead,
    /// PATCH alerts_v2, post comments.
    AlertWrite,
    /// List and get incidents.
    IncidentRead,
    /// PATCH incidents, post comments.
    IncidentWrite,
    /// runHuntingQuery.
    Hunting,
}

impl GraphPermission {
    /// The roles (or delegated scopes, which carry the same names) that grant it.
    pub fn accepted(self) -> &'static [&'static str] {
        match self {
            GraphPermission::AlertRead => {
                &["SecurityAlert.Read.All", "SecurityAlert.ReadWrite.All"]
            }
            GraphPermission::AlertWrite => &["SecurityAlert.ReadWrite.All"],
            GraphPermission::IncidentRead => &[
                "SecurityIncident.Read.All",
                "SecurityIncident.ReadWrite.All",
            ],
            GraphPermission::IncidentWrite => &["SecurityIncident.ReadWrite.All"],
            GraphPermission::Hunting => &["ThreatHunting.Read.All"],
        }
    }
}

/// Checks a Graph permission; the error names the roles that would grant it.
pub fn require(who: &Identity, p: GraphPermission) -> Result<(), GraphError> {
    let accepted = p.accepted();
    if who
        .permissions
        .iter()
        .any(|have| accepted.iter().any(|a| a == have))
    {
        return Ok(());
    }
    Err(GraphError::forbidden(format!(
        "Missing {} permissions for this operation. Required: {}.",
        if who.is_delegated() {
            "delegated"
        } else {
            "application role"
        },
        accepted.join(" or ")
    )))
}

/// Middleware: a valid, unexpired Graph-audience token puts its identity into the request.
pub async fn require_graph_token(
    State(st): State<Shared>,
    mut req: Request,
    next: Next,
) -> Response {
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim().to_string())
        .filter(|t| !t.is_empty());
    let Some(token) = token else {
        return GraphError::unauthenticated("Access token is empty.").into_response();
    };
    match st.tokens.validate(&token) {
        Ok(who) if who.audience != Audience::Graph => {
            GraphError::unauthenticated("Access token validation failure. Invalid audience.")
                .into_response()
        }
        Ok(who) => {
            req.extensions_mut().insert(who);
            next.run(req).await
        }
        Err(TokenError::Expired) => {
            GraphError::unauthenticated("Lifetime validation failed, the token is expired.")
                .into_response()
        }
        Err(TokenError::Unknown) => {
            GraphError::unauthenticated("Access token validation failure.").into_response()
        }
    }
}
