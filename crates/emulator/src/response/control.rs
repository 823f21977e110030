//! Emulator-only endpoints for the response side (no token; loopback by default): see and change
//! which devices are reachable, make actions fail, choose how duplicates are answered, withhold
//! roles from new tokens, and cut the answer of the next matching request.

use super::config::DuplicateMode;
use super::faults::DropRule;
use super::machines::{locked, machine_not_found};
use crate::errors::ApiError;
use crate::state::Shared;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use mde_model::device::{ActionType, MachineAction};
use serde_json::{Value, json};

fn device_json(inner: &super::Inner, id: &str) -> Value {
    let rec = inner.index.by_id.get(id);
    let o = inner.overlay.get(id).cloned().unwrap_or_default();
    let pending = inner
        .actions
        .iter()
        .filter(|r| r.action.machine_id.as_deref() == Some(id) && !r.action.status.is_terminal())
        .count();
    json!({
        "id": id,
        "computerDnsName": rec.and_then(|r| r.machine.computer_dns_name.clone()),
        "online": inner.online(id),
        "isolated": o.isolated,
        "restricted": o.restricted,
        "pendingActions": pending,
    })
}

/// `GET /_emulator/machines`: every device's reachability and containment.
pub async fn machines(State(st): State<Shared>) -> Json<Value> {
    let (inner, _) = locked(&st);
    let all: Vec<Value> = inner
        .index
        .by_id
        .keys()
        .map(|id| device_json(&inner, id))
        .collect();
    Json(Value::Array(all))
}

/// `GET /_emulator/machines/{id}` (id or name).
pub async fn machine(
    State(st): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let (inner, _) = locked(&st);
    let mid = inner
        .index
        .find(&id)
        .map(|r| r.machine.id.clone())
        .ok_or_else(|| machine_not_found(&id))?;
    Ok(Json(device_json(&inner, &mid)).into_response())
}

/// `PUT /_emulator/machines/{id}` with `{"online": bool}`: an offline device leaves its actions
/// pending (they time out after three days); back online, they are picked up.
pub async fn set_machine(
    State(st): State<Shared>,
    Path(id): Path<String>,
    Json(v): Json<Value>,
) -> Result<Response, ApiError> {
    let online = v
        .get("online")
        .and_then(Value::as_bool)
        .ok_or_else(|| ApiError::body("expected {\"online\": true|false}"))?;
    let (mut inner, now) = locked(&st);
    let mid = inner
        .index
        .find(&id)
        .map(|r| r.machine.id.clone())
        .ok_or_else(|| machine_not_found(&id))?;
    inner.overlay_mut(&mid).online = Some(online);
    let pickup = st.response.config.timings.pickup;
    for r in inner
        .actions
        .iter_mut()
        .filter(|r| r.action.machine_id.as_deref() == Some(mid.as_str()))
    {
        if online {
            r.schedule(now, pickup);
        } else {
            r.unschedule(now);
        }
    }
    Ok(Json(device_json(&inner, &mid)).into_response())
}

/// `GET /_emulator/machineactions`: every action, newest first, without a token.
pub async fn actions(State(st): State<Shared>) -> Json<Vec<MachineAction>> {
    let (inner, _) = locked(&st);
    Json(
        inner
            .actions
            .iter()
            .rev()
            .map(|r| r.action.clone())
            .collect(),
    )
}

/// `POST /_emulator/machineactions/{id}/fail`: this action ends `Failed` instead of succeeding.
pub async fn fail_action(
    State(st): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let (mut inner, _) = locked(&st);
    let r = inner
        .actions
        .iter_mut()
        .find(|r| r.action.id == id)
        .ok_or_else(|| ApiError::not_found(format!("Machine action {id} was not found")))?;
    if r.action.status.is_terminal() {
        return Err(ApiError::body(format!(
            "machine action {id} already ended ({})",
            r.action.status
        )));
    }
    r.fails = true;
    Ok(Json(json!({"id": id, "willFail": true})).into_response())
}

/// `GET|PUT /_emulator/response`: `{"failTypes": ["Isolate", …], "duplicates": "refuse" |
/// "returnExisting" | "queue"}` (missing keys keep their value).
pub async fn scenario(State(st): State<Shared>, body: String) -> Result<Response, ApiError> {
    let (mut inner, _) = locked(&st);
    if !body.trim().is_empty() {
        let v: Value = serde_json::from_str(&body).map_err(|e| ApiError::body(e.to_string()))?;
        if let Some(types) = v.get("failTypes").and_then(Value::as_array) {
            inner.fail_types = types
                .iter()
                .filter_map(Value::as_str)
                .map(ActionType::parse)
                .collect();
        }
        match v.get("duplicates").and_then(Value::as_str) {
            None => {}
            Some("refuse") => inner.duplicates = DuplicateMode::Refuse,
            Some("returnExisting") => inner.duplicates = DuplicateMode::ReturnExisting,
            Some("queue") => inner.duplicates = DuplicateMode::Queue,
            Some(other) => {
                return Err(ApiError::body(format!(
                    "duplicates {other:?}: use \"refuse\", \"returnExisting\" or \"queue\""
                )));
            }
        }
    }
    Ok(Json(json!({
        "failTypes": inner.fail_types.iter().map(|t| t.as_str().to_string()).collect::<Vec<_>>(),
        "duplicates": match inner.duplicates {
            DuplicateMode::Refuse => "refuse",
            DuplicateMode::ReturnExisting => "returnExisting",
            DuplicateMode::Queue => "queue",
        },
    }))
    .into_response())
}

/// `PUT /_emulator/roles/withheld` with `{"roles": ["Machine.Isolate"]}`: tokens issued from now
/// on lack these roles and scopes (`[]` restores them).
pub async fn withhold(
    State(st): State<Shared>,
    Json(v): Json<Value>,
) -> Result<Response, ApiError> {
    let roles: Vec<String> = v
        .get("roles")
        .and_then(Value::as_array)
        .ok_or_else(|| ApiError::body("expected {\"roles\": [\"Machine.Isolate\", …]}"))?
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    st.tokens.withhold(roles.clone());
    Ok(Json(json!({"withheld": roles})).into_response())
}

/// `POST /_emulator/faults/drop-next` with `{"method": "POST", "path": "/isolate", "count": 1}`:
/// the next matching API request is served, then its answer is cut mid-body; with
/// `"fail": true` it is answered 503 without being served.
pub async fn drop_next(State(st): State<Shared>, Json(rule): Json<DropRule>) -> Response {
    st.response.add_drop(rule.clone());
    Json(rule).into_response()
}
