//! `GET /api/indicators` (OData list; an app with `Ti.ReadWrite` only sees its own),
//! `POST /api/indicators` (submit or update: the same value and type updates; 200 with the
//! indicator), `DELETE /api/indicators/{id}` (204). At most `max_indicators` active ones.

use super::validate;
use crate::auth::Identity;
use crate::errors::ApiError;
use crate::odata::values::Typed;
use crate::response::actions::body::object;
use crate::response::eval::{Field, Fields, enum_value, matches};
use crate::response::machines::locked;
use crate::response::permissions::{Need, own_indicators_only, require};
use crate::response::query::EntityQuery;
use crate::response::wire::{entity, ok, select};
use crate::state::Shared;
use axum::Extension;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mde_model::device::Indicator;
use mde_odata::IndicatorProp;
use serde_json::{Value, json};
use std::sync::OnceLock;

impl Fields<IndicatorProp> for Indicator {
    fn field<'a>(&'a self, p: IndicatorProp) -> Field<'a> {
        let s = |v: &'a Option<String>| Field::One(v.as_deref().map(Typed::Str));
        match p {
            IndicatorProp::Application => s(&self.application),
            IndicatorProp::CreatedByDisplayName => s(&self.created_by_display_name),
            IndicatorProp::Title => s(&self.title),
            IndicatorProp::CreatedBy => s(&self.created_by),
            IndicatorProp::IndicatorValue => Field::One(Some(Typed::Str(&self.indicator_value))),
            IndicatorProp::ExpirationTime => Field::One(self.expiration_time.map(Typed::Time)),
            IndicatorProp::CreationTimeDateTimeUtc => {
                Field::One(self.creation_time_date_time_utc.map(Typed::Time))
            }
            IndicatorProp::IndicatorType => {
                Field::One(Some(enum_value(p, self.indicator_type.as_str())))
            }
            IndicatorProp::Action => Field::One(Some(enum_value(p, self.action.as_str()))),
            IndicatorProp::Severity => {
                Field::One(self.severity.as_ref().map(|v| enum_value(p, v.as_str())))
            }
            IndicatorProp::RbacGroupNames => {
                Field::Many(self.rbac_group_names.iter().map(String::as_str).collect())
            }
        }
    }
}

fn indicator_keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let i: Option<Indicator> = serde_json::from_value(json!({
            "id": "1", "indicatorValue": "x", "indicatorType": "Url", "action": "Block"
        }))
        .ok();
        match i.map(serde_json::to_value) {
            Some(Ok(Value::Object(m))) => m.keys().cloned().collect(),
            _ => Vec::new(),
        }
    })
}

/// `GET /api/indicators`.
pub async fn list(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    require(&who, Need::TiRead)?;
    let q = EntityQuery::<IndicatorProp>::parse(raw.as_deref(), indicator_keys())?;
    let own = own_indicators_only(&who);
    let (inner, _) = locked(&st);
    let hits: Vec<&Indicator> = inner
        .indicators
        .values()
        .filter(|i| !own || i.created_by.as_deref() == Some(who.app_id.as_str()))
        .filter(|i| q.filter.as_ref().is_none_or(|f| matches(f, *i)))
        .collect();
    let items: Vec<Value> = q
        .page(hits)
        .into_iter()
        .map(|i| serde_json::to_value(i).unwrap_or(Value::Null))
        .collect();
    drop(inner);
    Ok(ok(&json!({
        "@odata.context": st.context(&q.fragment("Indicators")),
        "value": select(items, q.select.as_deref()),
    })))
}

/// `POST /api/indicators`.
pub async fn submit(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    body: String,
) -> Result<Response, ApiError> {
    require(&who, Need::TiWrite)?;
    let obj = object(&body)?;
    let (mut inner, now) = locked(&st);
    let new = validate::parse(&obj, now)?;
    let creator = if who.is_delegated() {
        who.display().to_string()
    } else {
        who.app_id.clone()
    };
    let same = inner
        .indicators
        .iter()
        .find(|(_, i)| {
            i.indicator_type == new.indicator_type && i.indicator_value == new.indicator_value
        })
        .map(|(id, _)| *id);
    let id = match same {
        Some(id) => id,
        None => {
            let active = inner
                .indicators
                .values()
                .filter(|i| i.expiration_time.is_none_or(|e| e > now))
                .count();
            let cap = st.response.config.max_indicators;
            if active >= cap {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "MaximumIndicatorsExceeded",
                    format!(
                        "The tenant already has {active} active indicators; at most {cap} are allowed. Delete or let some expire first."
                    ),
                ));
            }
            let id = inner.next_indicator;
            inner.next_indicator += 1;
            id
        }
    };
    let previous = inner.indicators.get(&id).cloned();
    let ind = Indicator {
        id: id.to_string(),
        indicator_value: new.indicator_value,
        indicator_type: new.indicator_type,
        action: new.action,
        application: None,
        source: Some(who.display().to_string()),
        source_type: Some(if who.is_delegated() { "User" } else { "AadApp" }.into()),
        title: Some(new.title),
        creation_time_date_time_utc: previous
            .as_ref()
            .and_then(|p| p.creation_time_date_time_utc)
            .or(Some(now)),
        created_by: previous
            .as_ref()
            .and_then(|p| p.created_by.clone())
            .or(Some(creator)),
        expiration_time: new.expiration_time,
        last_update_time: Some(now),
        last_updated_by: Some(who.display().to_string()),
        severity: new.severity,
        description: Some(new.description),
        recommended_actions: new.recommended_actions,
        rbac_group_names: Vec::new(),
        generate_alert: new.generate_alert,
        created_by_display_name: Some(who.display().to_string()),
        created_by_source: Some("PublicApi".into()),
    };
    let body = entity(st.context("Indicators/$entity"), &ind);
    inner.indicators.insert(id, ind);
    Ok(ok(&body))
}

/// `DELETE /api/indicators/{id}`: 204, or 404.
pub async fn delete(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    require(&who, Need::TiWrite)?;
    let not_found = || ApiError::not_found(format!("Indicator {id} was not found"));
    let n: u64 = id.trim().parse().map_err(|_| not_found())?;
    let (mut inner, _) = locked(&st);
    inner.indicators.remove(&n).ok_or_else(not_found)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
