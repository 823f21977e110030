//! The Microsoft Graph security API on the same server, under `/v1.0/security/` (and
//! `/beta/security/`): alerts_v2 (endpoint alerts projected from the MDE store, plus the other
//! Defender products' alerts), incidents grouped from the alerts, and advanced hunting. Its own
//! token audience, roles, error envelope and quotas.

pub mod alert_ref;
pub mod alert_write;
pub mod alerts_v2;
pub mod auth;
pub mod config;
pub mod errors;
pub mod filter_eval;
pub mod hunting;
pub mod incident_book;
pub mod incident_view;
pub mod incident_write;
pub mod incidents;
pub mod list_query;
pub mod project;
pub mod responses;
pub mod state;
pub mod throttle;

pub use config::GraphConfig;
pub use state::GraphState;

use crate::faults;
use crate::state::Shared;
use axum::Router;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};

/// The Graph routes, ready to merge into the server's router.
pub fn router(st: Shared) -> Router<Shared> {
    let security = Router::new()
        .route("/alerts_v2", get(alerts_v2::list))
        .route(
            "/alerts_v2/{id}",
            get(alerts_v2::get).patch(alerts_v2::patch),
        )
        .route("/alerts_v2/{id}/comments", post(alerts_v2::comment))
        .route("/incidents", get(incidents::list))
        .route(
            "/incidents/{id}",
            get(incidents::get).patch(incidents::patch),
        )
        .route("/incidents/{id}/comments", post(incidents::comment))
        .route("/runHuntingQuery", post(hunting::route::run_query))
        .route(
            "/microsoft.graph.security.runHuntingQuery",
            post(hunting::route::run_query),
        )
        .layer(from_fn_with_state(st.clone(), faults::inject))
        .layer(from_fn_with_state(st.clone(), throttle::enforce))
        .layer(from_fn_with_state(st, auth::require_graph_token));
    Router::new()
        .nest("/v1.0/security", security.clone())
        .nest("/beta/security", security)
}
