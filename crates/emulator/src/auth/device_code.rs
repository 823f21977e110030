//! The device-code flow: `POST /{tenant}/oauth2/v2.0/devicecode` starts it; polling the token
//! endpoint answers `authorization_pending` until the code is approved through
//! `/_emulator/devicecode/approve` (or at once with `--auto-approve-device-code`).

use super::device_codes::Pending;
use super::entra_error::EntraError;
use super::token_endpoint::{check_tenant, find_client, known_resource};
use crate::form::parse_form;
use crate::state::Shared;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use mde_model::Timestamp;
use std::collections::HashMap;

/// How long a device code stays valid.
const EXPIRES_IN: i64 = 900;

/// `POST /{tenant}/oauth2/v2.0/devicecode`.
pub async fn start(State(st): State<Shared>, Path(tenant): Path<String>, body: String) -> Response {
    start_inner(&st, &tenant, &body).unwrap_or_else(IntoResponse::into_response)
}

fn start_inner(st: &Shared, tenant: &str, body: &str) -> Result<Response, EntraError> {
    check_tenant(st, tenant)?;
    let form = parse_form(body);
    let client_id = form
        .get("client_id")
        .ok_or_else(|| EntraError::missing("client_id"))?;
    let app = find_client(st, client_id)?;
    let scope = form
        .get("scope")
        .ok_or_else(|| EntraError::missing("scope"))?;
    let names_api = scope.split_whitespace().any(|s| {
        s.rsplit_once('/')
            .is_some_and(|(res, _)| known_resource(st, res.trim_end_matches('/')))
    });
    if !names_api {
        return Err(EntraError::bad(
            "invalid_scope",
            70011,
            format!(
                "The provided request must include a 'scope' input parameter naming the API. The provided value for the input parameter 'scope' is not valid: '{scope}'."
            ),
        ));
    }
    let device_code = format!("DAQABAAEAAAD{}", st.dice.hex(64));
    let letters = st.dice.hex(8).to_ascii_uppercase();
    let user_code = format!("E{}", &letters[..8]);
    let expires = Timestamp(st.clock.now().0 + chrono::Duration::seconds(EXPIRES_IN));
    let verification_uri = format!("{}/_emulator/devicelogin", st.base_url);
    st.devices.insert(
        device_code.clone(),
        Pending {
            user_code: user_code.clone(),
            client_id: app.client_id.clone(),
            scope: scope.clone(),
            expires,
            approved_by: st
                .config
                .auto_approve_device_code
                .then(|| st.config.default_user.clone()),
        },
    );
    Ok(Json(serde_json::json!({
        "user_code": user_code,
        "device_code": device_code,
        "verification_uri": verification_uri,
        "expires_in": EXPIRES_IN,
        "interval": st.config.device_code_interval,
        "message": format!("To sign in, use a web browser to open the page {verification_uri} and enter the code {user_code} to authenticate."),
    }))
    .into_response())
}

/// `POST /_emulator/devicecode/approve` with `user_code` and optional `upn` (JSON or form body).
pub async fn approve(State(st): State<Shared>, body: String) -> Response {
    let fields: HashMap<String, String> = match serde_json::from_str::<serde_json::Value>(&body) {
        Ok(serde_json::Value::Object(m)) => m
            .into_iter()
            .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_string())))
            .collect(),
        _ => parse_form(&body),
    };
    let Some(code) = fields.get("user_code") else {
        return (StatusCode::BAD_REQUEST, "user_code is required\n").into_response();
    };
    let upn = fields
        .get("upn")
        .filter(|u| !u.is_empty())
        .cloned()
        .unwrap_or_else(|| st.config.default_user.clone());
    if st.devices.approve(code, &upn) {
        (StatusCode::OK, format!("approved as {upn}\n")).into_response()
    } else {
        (StatusCode::NOT_FOUND, "no pending sign-in has that code\n").into_response()
    }
}

/// `GET /_emulator/devicelogin`: a minimal page to approve a code from a browser.
pub async fn login_page() -> Html<&'static str> {
    Html(
        "<!doctype html><title>MDE emulator sign-in</title><h1>Enter code</h1>\
         <form method=post action=/_emulator/devicecode/approve>\
         <label>Code <input name=user_code autofocus></label> \
         <label>User <input name=upn placeholder=analyst@contoso-demo.example></label> \
         <button>Approve</button></form>",
    )
}
