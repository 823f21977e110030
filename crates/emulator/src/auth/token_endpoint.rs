//! `POST /{tenant}/oauth2/v2.0/token` (scope=) and `POST /{tenant}/oauth2/token` (resource=):
//! client credentials, device code and refresh token grants, credentials in the body or Basic.

use super::audience::{Audience, audience_of_scope, is_graph_resource};
use super::entra_error::EntraError;
use super::tokens::Issued;
use super::{Identity, KNOWN_RESOURCES, READ_APP_ROLES, WRITE_APP_ROLES};
use crate::config::ClientApp;
use crate::form::{form_decode, parse_form};
use crate::state::Shared;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use std::collections::HashMap;

/// Which token endpoint was called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// `/oauth2/token`, `resource=`, numbers as strings.
    V1,
    /// `/oauth2/v2.0/token`, `scope=`.
    V2,
}

/// The v2 endpoint.
pub async fn token_v2(
    State(st): State<Shared>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    body: String,
) -> Response {
    token(st, tenant, headers, body, Version::V2).unwrap_or_else(IntoResponse::into_response)
}

/// The v1 endpoint.
pub async fn token_v1(
    State(st): State<Shared>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    body: String,
) -> Response {
    token(st, tenant, headers, body, Version::V1).unwrap_or_else(IntoResponse::into_response)
}

/// Checks the tenant in the path.
pub fn check_tenant(st: &Shared, tenant: &str) -> Result<(), EntraError> {
    if tenant.eq_ignore_ascii_case(&st.config.tenant) {
        return Ok(());
    }
    Err(EntraError::bad(
        "invalid_request",
        90002,
        format!(
            "Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."
        ),
    ))
}

/// Finds a registered client by id.
pub fn find_client<'a>(st: &'a Shared, client_id: &str) -> Result<&'a ClientApp, EntraError> {
    [&st.config.app, &st.config.readonly_app]
        .into_iter()
        .find(|a| a.client_id == client_id)
        .ok_or_else(|| {
            EntraError::bad(
                "unauthorized_client",
                700016,
                format!(
                    "Application with identifier '{client_id}' was not found in the directory '{}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.",
                    st.config.tenant
                ),
            )
        })
}

fn token(
    st: Shared,
    tenant: String,
    headers: HeaderMap,
    body: String,
    version: Version,
) -> Result<Response, EntraError> {
    check_tenant(&st, &tenant)?;
    let mut form = parse_form(&body);
    if let Some((id, secret)) = basic_credentials(&headers) {
        form.entry("client_id".into()).or_insert(id);
        form.entry("client_secret".into()).or_insert(secret);
    }
    let grant = form
        .get("grant_type")
        .ok_or_else(|| EntraError::missing("grant_type"))?;
    let client_id = form
        .get("client_id")
        .ok_or_else(|| EntraError::missing("client_id"))?;
    let app = find_client(&st, client_id)?.clone();
    match grant.as_str() {
        "client_credentials" => {
            check_secret(&app, form.get("client_secret"))?;
            let resource = requested_resource(&st, &form, version)?;
            let audience = if is_graph_resource(&resource) {
                Audience::Graph
            } else {
                Audience::Mde
            };
            let mde_roles = if app.can_write {
                WRITE_APP_ROLES
            } else {
                READ_APP_ROLES
            };
            let who = Identity {
                tenant: st.config.tenant.clone(),
                app_id: app.client_id.clone(),
                app_name: app.name.clone(),
                upn: None,
                permissions: audience
                    .graph_roles(app.can_write)
                    .unwrap_or(mde_roles)
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
                audience,
                expires: st.clock.now(),
            };
            let issued = st.tokens.issue(who, false);
            Ok(answer(&issued, version, &resource, None))
        }
        "urn:ietf:params:oauth:grant-type:device_code" | "device_code" => {
            let code = form
                .get("device_code")
                .ok_or_else(|| EntraError::missing("device_code"))?;
            let (issued, scope) =
                st.devices
                    .redeem(st.clock.now(), &st.config.tenant, &st.tokens, code, &app)?;
            Ok(answer(&issued, version, KNOWN_RESOURCES[0], Some(&scope)))
        }
        "refresh_token" => {
            let rt = form
                .get("refresh_token")
                .ok_or_else(|| EntraError::missing("refresh_token"))?;
            // A refresh token serves every resource the app may use: the scope picks the audience.
            let wanted = form.get("scope").map(|s| audience_of_scope(s));
            let can_write = app.can_write;
            let retarget = move |who: &mut Identity| {
                if let Some(a) = wanted.filter(|a| *a != who.audience) {
                    who.audience = a;
                    who.permissions = super::device_codes::user_scopes(a, can_write);
                }
            };
            let issued = st
                .tokens
                .redeem_refresh_for(rt, client_id, retarget)
                .ok_or_else(|| {
                    EntraError::bad(
                        "invalid_grant",
                        70000,
                        "Provided grant is invalid or malformed.",
                    )
                })?;
            let scope = form.get("scope").cloned().unwrap_or_default();
            Ok(answer(&issued, version, KNOWN_RESOURCES[0], Some(&scope)))
        }
        other => Err(EntraError::bad(
            "unsupported_grant_type",
            70003,
            format!("The app requested an unsupported grant type '{other}'."),
        )),
    }
}

fn check_secret(app: &ClientApp, given: Option<&String>) -> Result<(), EntraError> {
    let unauthorized = |aadsts, msg: String| EntraError {
        status: axum::http::StatusCode::UNAUTHORIZED,
        error: "invalid_client",
        aadsts,
        description: msg,
    };
    match given {
        None => Err(unauthorized(
            7000218,
            "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.".into(),
        )),
        Some(s) if *s == app.secret => Ok(()),
        Some(_) => Err(unauthorized(
            7000215,
            format!(
                "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{}'.",
                app.client_id
            ),
        )),
    }
}

/// The resource a client-credentials request asks for: `scope={resource}/.default` (v2) or
/// `resource={resource}` (v1). The emulator's own URL is accepted as a resource too.
fn requested_resource(
    st: &Shared,
    form: &HashMap<String, String>,
    version: Version,
) -> Result<String, EntraError> {
    let resource = match version {
        Version::V2 => {
            let scope = form
                .get("scope")
                .ok_or_else(|| EntraError::missing("scope"))?;
            let first = scope.split_whitespace().next().unwrap_or("");
            first
                .strip_suffix("/.default")
                .ok_or_else(|| {
                    EntraError::bad(
                        "invalid_scope",
                        1002012,
                        format!("The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI)."),
                    )
                })?
                .to_string()
        }
        Version::V1 => form
            .get("resource")
            .ok_or_else(|| EntraError::missing("resource"))?
            .clone(),
    };
    let r = resource.trim_end_matches('/');
    if known_resource(st, r) {
        return Ok(r.to_string());
    }
    Err(EntraError::bad(
        "invalid_resource",
        500011,
        format!(
            "The resource principal named {r} was not found in the tenant named {}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.",
            st.config.tenant
        ),
    ))
}

/// True for the API's App ID URIs (any case) and the emulator's own base URL.
pub fn known_resource(st: &Shared, r: &str) -> bool {
    KNOWN_RESOURCES.iter().any(|k| k.eq_ignore_ascii_case(r))
        || r.eq_ignore_ascii_case(st.base_url.trim_end_matches('/'))
        || is_graph_resource(r)
}

fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, rest) = v.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(rest.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
    Some((form_decode(id), form_decode(secret)))
}

fn answer(issued: &Issued, version: Version, resource: &str, scope: Option<&str>) -> Response {
    let mut body = match version {
        Version::V2 => serde_json::json!({
            "token_type": "Bearer",
            "expires_in": issued.expires_in,
            "ext_expires_in": issued.expires_in,
            "access_token": issued.access_token,
        }),
        Version::V1 => {
            let on = issued.issued_at.0.timestamp() + issued.expires_in as i64;
            serde_json::json!({
                "token_type": "Bearer",
                "expires_in": issued.expires_in.to_string(),
                "ext_expires_in": issued.expires_in.to_string(),
                "expires_on": on.to_string(),
                "not_before": issued.issued_at.0.timestamp().to_string(),
                "resource": resource,
                "access_token": issued.access_token,
            })
        }
    };
    if let Some(obj) = body.as_object_mut() {
        if let Some(s) = scope {
            obj.insert("scope".into(), s.into());
        }
        if let Some(r) = &issued.refresh_token {
            obj.insert("refresh_token".into(), r.clone().into());
        }
    }
    let mut resp = Json(body).into_response();
    resp.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store, no-cache"),
    );
    resp
}
