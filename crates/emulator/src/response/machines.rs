//! `GET /api/machines` (OData list), `GET /api/machines/{id}` (id or computer name),
//! `GET /api/machines/{id}/alerts|logonusers`, `POST /api/machines/{id}/tags`, and the Machine
//! entity `GET /api/alerts/{id}/machine` answers.

use super::eval::{Field, Fields, enum_value, matches};
use super::index::MachineRecord;
use super::permissions::{Need, require};
use super::query::{EntityQuery, refuse_options};
use super::wire::{entity, ok, select};
use super::{Inner, ResponseState};
use crate::auth::Identity;
use crate::errors::ApiError;
use crate::odata::values::Typed;
use crate::shape::Shaped;
use crate::state::Shared;
use axum::Extension;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use mde_model::device::{LogonUser, Machine};
use mde_model::{Alert, Timestamp};
use mde_odata::MachineProp;
use serde_json::{Value, json};
use std::sync::OnceLock;

impl Fields<MachineProp> for Machine {
    fn field<'a>(&'a self, p: MachineProp) -> Field<'a> {
        let s = |v: &'a Option<String>| Field::One(v.as_deref().map(Typed::Str));
        match p {
            MachineProp::Id => Field::One(Some(Typed::Str(&self.id))),
            MachineProp::ComputerDnsName => s(&self.computer_dns_name),
            MachineProp::OsPlatform => s(&self.os_platform),
            MachineProp::LastIpAddress => s(&self.last_ip_address),
            MachineProp::AadDeviceId => s(&self.aad_device_id),
            MachineProp::Version => s(&self.version),
            MachineProp::HealthStatus => Field::One(
                self.health_status
                    .as_ref()
                    .map(|v| enum_value(p, v.as_str())),
            ),
            MachineProp::RiskScore => {
                Field::One(self.risk_score.as_ref().map(|v| enum_value(p, v.as_str())))
            }
            MachineProp::ExposureLevel => Field::One(
                self.exposure_level
                    .as_ref()
                    .map(|v| enum_value(p, v.as_str())),
            ),
            MachineProp::OnboardingStatus => Field::One(
                self.onboarding_status
                    .as_ref()
                    .map(|v| enum_value(p, v.as_str())),
            ),
            MachineProp::DeviceValue => Field::One(
                self.device_value
                    .as_ref()
                    .map(|v| enum_value(p, v.as_str())),
            ),
            MachineProp::LastSeen => Field::One(self.last_seen.map(Typed::Time)),
            MachineProp::RbacGroupId => Field::One(self.rbac_group_id.map(Typed::Int)),
            MachineProp::MachineTags => {
                Field::Many(self.machine_tags.iter().map(String::as_str).collect())
            }
        }
    }
}

/// The Machine entity's keys in wire order (for `$select`).
pub fn machine_keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| match serde_json::to_value(Machine::new("x")) {
        Ok(Value::Object(m)) => m.keys().cloned().collect(),
        _ => Vec::new(),
    })
}

/// 404 for a machine id or name.
pub fn machine_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("Machine {id} was not found"))
}

fn response(st: &Shared) -> &ResponseState {
    &st.response
}

/// The state, settled as of now.
pub fn locked(st: &Shared) -> (std::sync::MutexGuard<'_, Inner>, Timestamp) {
    let now = st.clock.now();
    (response(st).lock(&st.store, now), now)
}

/// `GET /api/machines`.
pub async fn list(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    require(&who, Need::MachineRead)?;
    let q = EntityQuery::<MachineProp>::parse(raw.as_deref(), machine_keys())?;
    let (inner, _) = locked(&st);
    if inner.index.by_id.is_empty() {
        return Err(ApiError::not_found("No recent machines were found."));
    }
    let hits: Vec<Machine> = inner
        .index
        .by_id
        .values()
        .map(|r| inner.machine(r))
        .filter(|m| q.filter.as_ref().is_none_or(|f| matches(f, m)))
        .collect();
    drop(inner);
    let items: Vec<Value> = q
        .page(hits)
        .iter()
        .map(|m| serde_json::to_value(m).unwrap_or(Value::Null))
        .collect();
    Ok(ok(&json!({
        "@odata.context": st.context(&q.fragment("Machines")),
        "value": select(items, q.select.as_deref()),
    })))
}

/// `GET /api/machines/{id}`: by machine id or computer name.
pub async fn get(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    require(&who, Need::MachineRead)?;
    let (inner, _) = locked(&st);
    let m = inner
        .index
        .find(&id)
        .map(|r| inner.machine(r))
        .ok_or_else(|| machine_not_found(&id))?;
    Ok(ok(&entity(st.context("Machines/$entity"), &m)))
}

/// `GET /api/machines/{id}/alerts|logonusers`.
pub async fn related(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    Path((id, sub)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    match sub.to_ascii_lowercase().as_str() {
        "alerts" => {
            require(&who, Need::MachineRead)?;
            refuse_options(raw.as_deref())?;
            alerts(&st, &id)
        }
        "logonusers" => {
            require(&who, Need::UserRead)?;
            logon_users(&st, &id)
        }
        // The action routes take POST only; other verbs get 405 with `Allow: POST`, empty.
        s if s == "tags" || super::actions::routes::action_for(s).is_some() => {
            let mut r = axum::http::StatusCode::METHOD_NOT_ALLOWED.into_response();
            r.headers_mut().insert(
                axum::http::header::ALLOW,
                axum::http::HeaderValue::from_static("POST"),
            );
            Ok(r)
        }
        _ => Err(ApiError::new(
            axum::http::StatusCode::NOT_FOUND,
            "NotFound",
            format!("Resource 'machines/{{id}}/{sub}' was not found."),
        )),
    }
}

fn alerts(st: &Shared, id: &str) -> Result<Response, ApiError> {
    let (inner, _) = locked(st);
    let machine_id = inner
        .index
        .find(id)
        .map(|r| r.machine.id.clone())
        .ok_or_else(|| machine_not_found(id))?;
    let body = {
        let alerts = st.store.read();
        let value: Vec<Shaped<'_>> = alerts
            .by_id
            .values()
            .filter(|r| r.alert().machine_id.as_deref() == Some(machine_id.as_str()))
            .map(|rec| Shaped {
                rec,
                expand: false,
                select: None,
            })
            .collect();
        serde_json::to_value(json!({
            "@odata.context": st.context("Alerts"),
            "value": value,
        }))
        .map_err(|_| ApiError::internal())?
    };
    drop(inner);
    Ok(ok(&body))
}

fn logon_users(st: &Shared, id: &str) -> Result<Response, ApiError> {
    let (inner, _) = locked(st);
    let rec = inner.index.find(id).ok_or_else(|| machine_not_found(id))?;
    let users: Vec<LogonUser> = rec
        .users
        .iter()
        .map(|u| {
            let machines = inner
                .index
                .by_id
                .values()
                .filter(|r| {
                    r.users
                        .iter()
                        .any(|o| o.account.eq_ignore_ascii_case(&u.account))
                })
                .count();
            let server = rec
                .machine
                .os_platform
                .as_deref()
                .is_some_and(|p| p.starts_with("WindowsServer"));
            LogonUser {
                id: match &u.domain {
                    Some(d) if !d.is_empty() => {
                        format!("{}\\{}", d.to_ascii_lowercase(), u.account)
                    }
                    _ => u.account.clone(),
                },
                account_name: Some(u.account.clone()),
                account_domain: u.domain.clone(),
                account_sid: u.sid.clone(),
                first_seen: u.first,
                last_seen: u.last,
                most_prevalent_machine_id: Some(rec.machine.id.clone()),
                least_prevalent_machine_id: None,
                logon_types: Some(
                    if server {
                        "Network, RemoteInteractive"
                    } else {
                        "Interactive"
                    }
                    .into(),
                ),
                log_on_machines_count: Some(i64::try_from(machines).unwrap_or(i64::MAX)),
                is_domain_admin: Some(u.account.to_ascii_lowercase().starts_with("adm-")),
                is_only_network_user: Some(false),
            }
        })
        .collect();
    Ok(ok(&json!({
        "@odata.context": st.context("Users"),
        "value": users,
    })))
}

/// `POST /api/machines/{id}/tags` with `{"Value": "…", "Action": "Add"|"Remove"}`: 200 with the
/// machine. Tags are case-sensitive; adding one twice or removing a missing one changes nothing.
pub fn tags(st: &Shared, who: &Identity, id: &str, body: &str) -> Result<Response, ApiError> {
    require(who, Need::MachineWrite)?;
    let obj = super::actions::body::object(body)?;
    let value = match obj.get("Value") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::String(_)) => return Err(ApiError::body("Value: a tag cannot be empty.")),
        Some(_) => return Err(ApiError::body("Value must be a string.")),
        None => {
            return Err(ApiError::new(
                axum::http::StatusCode::BAD_REQUEST,
                "MissingRequiredParameter",
                "Parameter Value is missing.",
            ));
        }
    };
    let add = match obj.get("Action").and_then(Value::as_str) {
        Some("Add") => true,
        Some("Remove") => false,
        _ => return Err(ApiError::body("Action must be Add or Remove.")),
    };
    let (mut inner, _) = locked(st);
    let rec: MachineRecord = inner
        .index
        .by_id
        .get(id)
        .cloned()
        .ok_or_else(|| machine_not_found(id))?;
    let mut tags = inner.machine(&rec).machine_tags;
    if add && !tags.contains(&value) {
        tags.push(value);
    } else if !add {
        tags.retain(|t| *t != value);
    }
    inner.overlay_mut(id).tags = Some(tags);
    let m = inner.machine(&rec);
    Ok(ok(&entity(st.context("Machines/$entity"), &m)))
}

/// The machine of an alert as `/api/alerts/{id}/machine` answers it.
pub fn of_alert(st: &Shared, a: &Alert) -> Result<Value, ApiError> {
    let no_machine =
        || ApiError::not_found(format!("There is no Machine related to alert {}", a.id));
    let id = a.machine_id.as_deref().ok_or_else(no_machine)?;
    let (inner, _) = locked(st);
    let m = inner
        .index
        .by_id
        .get(id)
        .map(|r| inner.machine(r))
        .ok_or_else(no_machine)?;
    Ok(entity(st.context("Machines/$entity"), &m))
}
