//! `POST /api/machines/{id}/{action}` (isolate, unisolate, runAntiVirusScan,
//! restrictCodeExecution, unrestrictCodeExecution, collectInvestigationPackage,
//! StopAndQuarantineFile; and tags), `GET /api/machineactions[/{id}]`, and
//! `POST /api/machineactions/{id}/cancel`.

use super::body::{self, ActionBody};
use super::record::ActionRecord;
use crate::auth::Identity;
use crate::errors::ApiError;
use crate::odata::values::Typed;
use crate::response::config::DuplicateMode;
use crate::response::eval::{Field, Fields, enum_value, matches};
use crate::response::machines::{locked, machine_not_found, tags};
use crate::response::permissions::{Need, require};
use crate::response::query::EntityQuery;
use crate::response::wire::{answer, entity, ok, select};
use crate::state::Shared;
use axum::Extension;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use mde_model::device::{ActionStatus, ActionType, MachineAction, RelatedFileInfo, permission_for};
use mde_odata::ActionProp;
use serde_json::{Value, json};
use std::sync::OnceLock;

impl Fields<ActionProp> for MachineAction {
    fn field(&self, p: ActionProp) -> Field<'_> {
        match p {
            ActionProp::Id => Field::One(Some(Typed::Str(&self.id))),
            ActionProp::MachineId => Field::One(self.machine_id.as_deref().map(Typed::Str)),
            ActionProp::Requestor => Field::One(self.requestor.as_deref().map(Typed::Str)),
            ActionProp::Status => Field::One(Some(enum_value(p, self.status.as_str()))),
            ActionProp::Type => Field::One(Some(enum_value(p, self.action_type.as_str()))),
            ActionProp::CreationDateTimeUtc => {
                Field::One(self.creation_date_time_utc.map(Typed::Time))
            }
        }
    }
}

/// The MachineAction keys in wire order (for `$select`).
fn action_keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let a: Option<MachineAction> = serde_json::from_value(json!({"id": "x"})).ok();
        match a.map(serde_json::to_value) {
            Some(Ok(Value::Object(m))) => m.keys().cloned().collect(),
            _ => Vec::new(),
        }
    })
}

/// The action routes and the type each creates.
const ROUTES: &[(&str, ActionType)] = &[
    ("isolate", ActionType::Isolate),
    ("unisolate", ActionType::Unisolate),
    ("runAntiVirusScan", ActionType::RunAntiVirusScan),
    ("restrictCodeExecution", ActionType::RestrictCodeExecution),
    (
        "unrestrictCodeExecution",
        ActionType::UnrestrictCodeExecution,
    ),
    (
        "collectInvestigationPackage",
        ActionType::CollectInvestigationPackage,
    ),
    ("StopAndQuarantineFile", ActionType::StopAndQuarantineFile),
];

/// The action type a path segment names (any case, as the documentation spells them both ways).
pub fn action_for(segment: &str) -> Option<ActionType> {
    ROUTES
        .iter()
        .find(|(s, _)| s.eq_ignore_ascii_case(segment))
        .map(|(_, t)| t.clone())
}

/// The route's canonical name for a path segment (its rate-limit bucket).
pub fn route_name(segment: &str) -> Option<&'static str> {
    ROUTES
        .iter()
        .find(|(s, _)| s.eq_ignore_ascii_case(segment))
        .map(|(s, _)| *s)
}

/// `POST /api/machines/{id}/{sub}`: an action, or tags.
pub async fn post(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    Path((id, sub)): Path<(String, String)>,
    body: String,
) -> Result<Response, ApiError> {
    if sub.eq_ignore_ascii_case("tags") {
        return tags(&st, &who, &id, &body);
    }
    let Some(t) = action_for(&sub) else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "NotFound",
            format!("Resource 'machines/{{id}}/{sub}' was not found."),
        ));
    };
    let permission = permission_for(&t).unwrap_or("Machine.ReadWrite.All");
    require(&who, Need::Action(permission))?;
    let req = body::parse(&t, &body)?;
    create(&st, &who, &id, t, req)
}

fn create(
    st: &Shared,
    who: &Identity,
    id: &str,
    t: ActionType,
    req: ActionBody,
) -> Result<Response, ApiError> {
    let (mut inner, now) = locked(st);
    let rec = inner
        .index
        .by_id
        .get(id)
        .ok_or_else(|| machine_not_found(id))?;
    let machine = inner.machine(rec);
    let windows_only = matches!(
        t,
        ActionType::RestrictCodeExecution
            | ActionType::UnrestrictCodeExecution
            | ActionType::StopAndQuarantineFile
    );
    if windows_only && !machine.is_windows() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "OsPlatformNotSupported",
            format!(
                "OS Platform {} isn't supported for this action",
                machine.os_platform.as_deref().unwrap_or("Unknown")
            ),
        ));
    }
    let same_file = |a: &MachineAction| {
        t != ActionType::StopAndQuarantineFile
            || a.related_file_info
                .as_ref()
                .map(|f| f.file_identifier.as_str())
                == req.sha1.as_deref()
    };
    let queue = inner.duplicates == DuplicateMode::Queue;
    if let Some(existing) = inner.actions.iter().filter(|_| !queue).find(|r| {
        r.action.machine_id.as_deref() == Some(id)
            && r.action.action_type == t
            && !r.action.status.is_terminal()
            && same_file(&r.action)
    }) {
        return match inner.duplicates {
            DuplicateMode::Refuse => Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "ActiveRequestAlreadyExists",
                "Action is already in progress",
            )),
            DuplicateMode::ReturnExisting | DuplicateMode::Queue => Ok(answer(
                StatusCode::CREATED,
                &entity(st.context("MachineActions/$entity"), &existing.action),
            )),
        };
    }
    let action = MachineAction {
        id: st.dice.guid(),
        action_type: t.clone(),
        title: None,
        requestor: Some(who.display().to_string()),
        requestor_comment: Some(req.comment),
        status: ActionStatus::Pending,
        machine_id: Some(id.to_string()),
        computer_dns_name: machine.computer_dns_name.clone(),
        creation_date_time_utc: Some(now),
        last_update_date_time_utc: Some(now),
        cancellation_requestor: None,
        cancellation_comment: None,
        cancellation_date_time_utc: None,
        error_h_result: Some(0),
        scope: req.scope,
        external_id: None,
        request_source: Some("PublicApi".into()),
        related_file_info: req.sha1.map(|h| RelatedFileInfo {
            file_identifier: h,
            file_identifier_type: Some("Sha1".into()),
        }),
        commands: Vec::new(),
        troubleshoot_info: None,
    };
    let fails = inner.fail_types.contains(&t);
    let online = inner.online(id);
    let record = ActionRecord::new(action, now, online, &st.response.config.timings, fails);
    let body = entity(st.context("MachineActions/$entity"), &record.action);
    inner.actions.push(record);
    Ok(answer(StatusCode::CREATED, &body))
}

/// `GET /api/machineactions`: newest first.
pub async fn list(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    require(&who, Need::MachineRead)?;
    let q = EntityQuery::<ActionProp>::parse(raw.as_deref(), action_keys())?;
    let (inner, _) = locked(&st);
    let hits: Vec<&MachineAction> = inner
        .actions
        .iter()
        .rev()
        .map(|r| &r.action)
        .filter(|a| q.filter.as_ref().is_none_or(|f| matches(f, *a)))
        .collect();
    let items: Vec<Value> = q
        .page(hits)
        .into_iter()
        .map(|a| serde_json::to_value(a).unwrap_or(Value::Null))
        .collect();
    drop(inner);
    Ok(ok(&json!({
        "@odata.context": st.context(&q.fragment("MachineActions")),
        "value": select(items, q.select.as_deref()),
    })))
}

/// 404 for a machine action id.
pub fn action_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("Machine action {id} was not found"))
}

/// `GET /api/machineactions/{id}`.
pub async fn get(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    require(&who, Need::MachineRead)?;
    let (inner, _) = locked(&st);
    let a = inner
        .actions
        .iter()
        .find(|r| r.action.id == id)
        .map(|r| r.action.clone())
        .ok_or_else(|| action_not_found(&id))?;
    Ok(ok(&entity(st.context("MachineActions/$entity"), &a)))
}

/// `POST /api/machineactions/{id}/cancel` (`{"Comment": "…"}`): 200 with the cancelled action.
pub async fn post_sub(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    Path((id, sub)): Path<(String, String)>,
    body: String,
) -> Result<Response, ApiError> {
    if !sub.eq_ignore_ascii_case("cancel") {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "NotFound",
            format!("Resource 'machineactions/{{id}}/{sub}' was not found."),
        ));
    }
    require(&who, Need::Cancel)?;
    let comment = if body.trim().is_empty() {
        None
    } else {
        body::object(&body)?
            .get("Comment")
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let (mut inner, now) = locked(&st);
    let rec = inner
        .actions
        .iter_mut()
        .find(|r| r.action.id == id)
        .ok_or_else(|| action_not_found(&id))?;
    if !rec.cancel(now, who.display(), comment) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            format!(
                "Machine action {id} is already in a final state ({}) and cannot be cancelled.",
                rec.action.status
            ),
        ));
    }
    Ok(ok(&entity(
        st.context("MachineActions/$entity"),
        &rec.action,
    )))
}
