//! `PATCH /api/alerts/{id}` and `POST /api/alerts/batchUpdate`. Each runs under the store's write
//! lock, so concurrent updates serialise and none is lost; the state file is written before the
//! answer, so a confirmed write survives a restart.

use super::alerts::{alert_not_found, entity};
use crate::auth::{Identity, Permission};
use crate::errors::ApiError;
use crate::responses::{empty_ok, odata};
use crate::state::Shared;
use crate::triage::{Change, parse_change};
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value};

/// The most ids one batchUpdate accepts (the real limit is undocumented).
pub const MAX_BATCH: usize = 10_000;

fn object(body: &str) -> Result<Map<String, Value>, ApiError> {
    match serde_json::from_str::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(ApiError::body(
            "Request body is incorrect: expected a JSON object.",
        )),
        Err(e) => Err(ApiError::body(format!("Request body is incorrect: {e}"))),
    }
}

/// Applies `change` to each id atomically: all exist and all change, or nothing does.
pub fn apply_all(st: &Shared, ids: &[String], change: &Change, who: &str) -> Result<(), ApiError> {
    let now = st.clock.now();
    let mut alerts = st.store.write();
    if let Some(missing) = ids.iter().find(|id| !alerts.by_id.contains_key(*id)) {
        return Err(alert_not_found(missing));
    }
    for id in ids {
        let changes = alerts
            .by_id
            .get(id)
            .is_some_and(|r| change.changes(r.alert()));
        if !changes {
            continue;
        }
        let stamp = alerts.stamp(now);
        if let Some(r) = alerts.by_id.get_mut(id) {
            r.edit(|a| change.apply(a, who, stamp));
        }
    }
    Ok(())
}

async fn persist(st: &Shared) -> Result<(), ApiError> {
    st.store.persist().await.map_err(|e| {
        tracing::error!(error = %e, "cannot write the state file");
        ApiError::internal()
    })
}

/// Updates one alert and answers with it.
pub async fn patch(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, ApiError> {
    who.require(Permission::AlertWrite)?;
    let change = parse_change(&object(&body)?, &[])?;
    apply_all(&st, std::slice::from_ref(&id), &change, who.display())?;
    persist(&st).await?;
    Ok(odata(&Value::Object(entity(&st, &id)?)))
}

/// Updates many alerts; 200 with an empty body. Unknown ids: 404 and nothing is changed.
pub async fn batch(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    body: String,
) -> Result<Response, ApiError> {
    who.require(Permission::AlertWrite)?;
    let obj = object(&body)?;
    let ids: Vec<String> = match obj.get("alertIds") {
        None | Some(Value::Null) => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "MissingRequiredParameter",
                "Parameter alertIds is missing.",
            ));
        }
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| {
                ApiError::body("Request body is incorrect: alertIds must be strings.")
            })?,
        Some(_) => {
            return Err(ApiError::body(
                "Request body is incorrect: alertIds must be an array.",
            ));
        }
    };
    if ids.is_empty() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "MissingRequiredParameter",
            "Parameter alertIds is empty.",
        ));
    }
    if ids.len() > MAX_BATCH {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "MaximumBatchSizeExceeded",
            format!(
                "Maximum batch size exceeded. Received: {}, allowed: {MAX_BATCH}",
                ids.len()
            ),
        ));
    }
    let change = parse_change(&obj, &["alertIds"])?;
    apply_all(&st, &ids, &change, who.display())?;
    persist(&st).await?;
    Ok(empty_ok())
}
