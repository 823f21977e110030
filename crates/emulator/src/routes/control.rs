//! Emulator-only endpoints under `/_emulator/` (no token needed; loopback by default): inspect
//! state, change faults, move the clock, reset quotas, and add or change alerts server-side so a
//! client can test conflicts and polling.

use super::update::apply_all;
use crate::config::Faults;
use crate::errors::ApiError;
use crate::record::Record;
use crate::state::Shared;
use crate::triage::parse_change;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use mde_model::parse_page;
use serde_json::{Value, json};

/// `GET /_emulator/state`: counts and settings.
pub async fn state(State(st): State<Shared>) -> Json<Value> {
    Json(json!({
        "alerts": st.store.len(),
        "tenant": st.config.tenant,
        "faults": st.faults(),
        "rateLimits": st.config.rate_limits.is_some(),
        "clockOffsetMs": st.clock.offset_ms(),
        "now": st.clock.now(),
    }))
}

/// `GET|PUT /_emulator/faults`: read or replace the fault settings (missing keys become 0).
pub async fn set_faults(State(st): State<Shared>, body: String) -> Response {
    if !body.trim().is_empty() {
        match serde_json::from_str::<Faults>(&body) {
            Ok(mut f) => {
                f.fail_rate = f.fail_rate.clamp(0.0, 1.0);
                f.drop_rate = f.drop_rate.clamp(0.0, 1.0);
                *st.faults.write().unwrap_or_else(|p| p.into_inner()) = f;
            }
            Err(e) => return ApiError::body(format!("bad faults: {e}")).into_response(),
        }
    }
    Json(st.faults()).into_response()
}

/// `POST /_emulator/clock` with `{"advanceSeconds": n}`: moves the emulator clock.
pub async fn clock(State(st): State<Shared>, Json(v): Json<Value>) -> Response {
    match v.get("advanceSeconds").and_then(Value::as_f64) {
        Some(s) => {
            st.clock.advance_ms((s * 1000.0) as i64);
            Json(json!({"now": st.clock.now(), "clockOffsetMs": st.clock.offset_ms()}))
                .into_response()
        }
        None => ApiError::body("expected {\"advanceSeconds\": n}").into_response(),
    }
}

/// `POST /_emulator/rate-limits/reset`.
pub async fn reset_limits(State(st): State<Shared>) -> &'static str {
    st.limiter.reset();
    "ok\n"
}

/// `POST /_emulator/alerts`: adds or replaces alerts (one alert, an array, or an API page);
/// each gets a fresh `lastUpdateTime`, as a change on the service would.
pub async fn upsert(State(st): State<Shared>, body: String) -> Result<Response, ApiError> {
    let text = if body.trim_start().starts_with('{') && !body.contains("\"value\"") {
        format!("[{body}]")
    } else {
        body
    };
    let page = parse_page(&text).map_err(|e| ApiError::body(e.to_string()))?;
    if let Some(s) = page.skipped.first() {
        return Err(ApiError::body(format!("alert {}: {}", s.index, s.reason)));
    }
    let now = st.clock.now();
    let ids: Vec<String> = {
        let mut alerts = st.store.write();
        page.alerts
            .into_iter()
            .map(|p| {
                let mut a = p.alert;
                a.last_update_time = Some(alerts.stamp(now));
                let id = a.id.clone();
                alerts.upsert(Record::new(a));
                id
            })
            .collect()
    };
    st.store.persist().await.map_err(|_| ApiError::internal())?;
    Ok(Json(json!({"upserted": ids})).into_response())
}

/// `PATCH /_emulator/alerts/{id}`: the API's PATCH, unauthenticated and unthrottled; the
/// comment author is `?as=` … or "emulator" (use it to simulate another analyst).
pub async fn patch(
    State(st): State<Shared>,
    Path(id): Path<String>,
    axum::extract::RawQuery(q): axum::extract::RawQuery,
    body: String,
) -> Result<Response, ApiError> {
    let obj = match serde_json::from_str::<Value>(&body) {
        Ok(Value::Object(m)) => m,
        _ => return Err(ApiError::body("expected a JSON object")),
    };
    let change = parse_change(&obj, &[])?;
    let who = crate::form::parse_form(q.as_deref().unwrap_or(""))
        .remove("as")
        .unwrap_or_else(|| "emulator".to_string());
    apply_all(&st, std::slice::from_ref(&id), &change, &who)?;
    st.store.persist().await.map_err(|_| ApiError::internal())?;
    let a = super::alerts::entity(&st, &id)?;
    Ok(Json(Value::Object(a)).into_response())
}

/// `POST /_emulator/tokens/expire`: every issued access token stops working now.
pub async fn expire_tokens(State(st): State<Shared>) -> &'static str {
    st.tokens.expire_all();
    "ok\n"
}
