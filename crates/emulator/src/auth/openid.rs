//! `GET /{tenant}/v2.0/.well-known/openid-configuration`: discovery pointing at this emulator.

use super::token_endpoint::check_tenant;
use crate::state::Shared;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

/// The discovery document.
pub async fn configuration(State(st): State<Shared>, Path(tenant): Path<String>) -> Response {
    if let Err(e) = check_tenant(&st, &tenant) {
        return e.into_response();
    }
    let b = &st.base_url;
    let t = &st.config.tenant;
    Json(serde_json::json!({
        "issuer": format!("{b}/{t}/v2.0"),
        "token_endpoint": format!("{b}/{t}/oauth2/v2.0/token"),
        "device_authorization_endpoint": format!("{b}/{t}/oauth2/v2.0/devicecode"),
        "authorization_endpoint": format!("{b}/{t}/oauth2/v2.0/authorize"),
        "jwks_uri": format!("{b}/{t}/discovery/v2.0/keys"),
        "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
        "grant_types_supported": [
            "client_credentials",
            "urn:ietf:params:oauth:grant-type:device_code",
            "refresh_token"
        ],
        "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "tenant_region_scope": "EU",
        "cloud_instance_name": "microsoftonline.com",
    }))
    .into_response()
}
