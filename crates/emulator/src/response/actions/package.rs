//! `GET /api/machineactions/{id}/getPackageUri`: 404 until the collection succeeded, then a
//! short-lived link wrapped in literal quotes inside the JSON string, as the service sends it;
//! and the download that link points at (`/safedownload/…`, no bearer: the token is in the URL).

use super::routes::action_not_found;
use crate::auth::Identity;
use crate::errors::ApiError;
use crate::response::machines::locked;
use crate::response::permissions::{Need, require};
use crate::response::wire::ok;
use crate::state::Shared;
use axum::Extension;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mde_model::Timestamp;
use mde_model::device::{ActionStatus, ActionType};
use serde_json::json;

/// An empty but valid zip archive (the end-of-central-directory record alone).
const EMPTY_ZIP: [u8; 22] = [
    0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
];

/// The download path.
pub const DOWNLOAD_PATH: &str = "/safedownload/WDATP_Investigation_Package.zip";

/// `GET /api/machineactions/{id}/{getPackageUri|GetPackageUri}`.
pub async fn uri(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    Path((id, sub)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    if !sub.eq_ignore_ascii_case("getPackageUri") {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "NotFound",
            format!("Resource 'machineactions/{{id}}/{sub}' was not found."),
        ));
    }
    require(&who, Need::PackageUri)?;
    let (mut inner, now) = locked(&st);
    let a = inner
        .actions
        .iter()
        .find(|r| r.action.id == id)
        .map(|r| r.action.clone())
        .ok_or_else(|| action_not_found(&id))?;
    if a.action_type != ActionType::CollectInvestigationPackage {
        return Err(ApiError::not_found(format!(
            "Machine action {id} is not an investigation package collection"
        )));
    }
    if a.status != ActionStatus::Succeeded {
        return Err(ApiError::not_found(format!(
            "The investigation package of machine action {id} is not available ({})",
            a.status
        )));
    }
    let token = st.dice.hex(24);
    let lifetime = chrono::Duration::from_std(st.response.config.package_link_lifetime)
        .unwrap_or(chrono::Duration::minutes(10));
    inner.links.retain(|_, (_, exp)| *exp > now);
    inner
        .links
        .insert(token.clone(), (id, Timestamp(now.0 + lifetime)));
    let url = format!("{}{DOWNLOAD_PATH}?token={token}", st.base_url);
    Ok(ok(&json!({
        "@odata.context": st.context("Edm.String"),
        "value": format!("\"{url}\""),
    })))
}

/// `GET /safedownload/WDATP_Investigation_Package.zip?token=…`.
pub async fn download(State(st): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let token = crate::form::parse_form(raw.as_deref().unwrap_or(""))
        .remove("token")
        .unwrap_or_default();
    let (inner, now) = locked(&st);
    let valid = inner.links.get(&token).is_some_and(|(_, exp)| *exp > now);
    drop(inner);
    if !valid {
        return (
            StatusCode::FORBIDDEN,
            "The download link is invalid or has expired; ask for a new one.\n",
        )
            .into_response();
    }
    let mut r = (StatusCode::OK, EMPTY_ZIP.to_vec()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/zip"),
    );
    r
}
