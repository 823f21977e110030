//! `GET /api/alerts` (OData list) and `GET /api/alerts/{id}`.

use super::alert_pages::{self, PagePlan};
use crate::auth::{Identity, Permission};
use crate::errors::ApiError;
use crate::odata::ListQuery;
use crate::odata::query::MAX_TOP;
use crate::odata::values::{compare_nullable, read};
use crate::record::Record;
use crate::responses::{odata, odata_body};
use crate::state::Shared;
use axum::Extension;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use serde_json::{Map, Value};

/// Lists alerts.
pub async fn list(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    who.require(Permission::AlertRead)?;
    let q =
        ListQuery::parse(raw.as_deref(), &st.alert_properties).map_err(|e| ApiError::odata(e.0))?;
    let fragment = match &q.select {
        Some(cols) => format!("Alerts({})", cols.join(",")),
        None => "Alerts".to_string(),
    };
    let context = st.context(&fragment);
    // The page is chosen under the read lock; its body is written as the client reads it.
    let plan = {
        let alerts = st.store.read();
        let mut hits: Vec<&Record> = alerts
            .by_id
            .values()
            .filter(|r| q.filter.as_ref().is_none_or(|f| f.matches(&r.alert)))
            .collect();
        if !q.order_by.is_empty() {
            hits.sort_by(|a, b| {
                q.order_by
                    .iter()
                    .map(|k| {
                        let o = compare_nullable(
                            read(k.prop, &a.alert).as_ref(),
                            read(k.prop, &b.alert).as_ref(),
                        );
                        if k.desc { o.reverse() } else { o }
                    })
                    .find(|o| o.is_ne())
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
        }
        PagePlan {
            context,
            count: q.count.then_some(hits.len()),
            ids: hits
                .into_iter()
                .skip(q.skip)
                .take(q.top.unwrap_or(MAX_TOP))
                .map(|rec| rec.alert.id.clone())
                .collect(),
            expand: q.expand_evidence,
            select: q.select.clone(),
        }
    };
    Ok(odata_body(alert_pages::body(st.clone(), plan)))
}

/// Gets one alert, evidence included.
pub async fn get(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    who.require(Permission::AlertRead)?;
    let m = entity(&st, &id)?;
    Ok(odata(&Value::Object(m)))
}

/// The alert as an `$entity` answer, or 404.
pub fn entity(st: &Shared, id: &str) -> Result<Map<String, Value>, ApiError> {
    let json = st
        .store
        .read()
        .by_id
        .get(id)
        .map(Record::to_json)
        .ok_or_else(|| alert_not_found(id))?;
    let mut m = Map::new();
    m.insert("@odata.context".into(), st.context("Alerts/$entity").into());
    m.extend(json);
    Ok(m)
}

/// 404 for an alert id.
pub fn alert_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("Alert {id} was not found"))
}
