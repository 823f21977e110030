//! The response routes, merged into the server's API router (behind sign-in, quotas and faults)
//! and its control and download routes.

use super::actions::{package, routes as actions};
use super::{control, indicators::routes as indicators, machines};
use crate::state::Shared;
use axum::Router;
use axum::routing::{delete, get, post};

/// Under `/api` (and `/api/v1.0`).
pub fn api() -> Router<Shared> {
    Router::new()
        .route("/machines", get(machines::list))
        .route("/machines/{id}", get(machines::get))
        .route(
            "/machines/{id}/{sub}",
            get(machines::related).post(actions::post),
        )
        .route("/machineactions", get(actions::list))
        .route("/machineactions/{id}", get(actions::get))
        .route(
            "/machineactions/{id}/{sub}",
            get(package::uri).post(actions::post_sub),
        )
        .route(
            "/indicators",
            get(indicators::list).post(indicators::submit),
        )
        .route("/indicators/{id}", delete(indicators::delete))
}

/// Control endpoints and the package download (no bearer token).
pub fn outside_api() -> Router<Shared> {
    Router::new()
        .route("/_emulator/machines", get(control::machines))
        .route(
            "/_emulator/machines/{id}",
            get(control::machine).put(control::set_machine),
        )
        .route("/_emulator/machineactions", get(control::actions))
        .route(
            "/_emulator/machineactions/{id}/fail",
            post(control::fail_action),
        )
        .route(
            "/_emulator/response",
            get(control::scenario).put(control::scenario),
        )
        .route(
            "/_emulator/roles/withheld",
            axum::routing::put(control::withhold),
        )
        .route("/_emulator/faults/drop-next", post(control::drop_next))
        .route(package::DOWNLOAD_PATH, get(package::download))
}
