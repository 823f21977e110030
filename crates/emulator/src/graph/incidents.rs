//! `/security/incidents`: list (the documented `$filter` fields, `$expand=alerts`, `$count`,
//! `@odata.nextLink`), get (`?$expand=alerts`), PATCH and `POST …/comments`.

use super::alert_ref::AlertRef;
use super::alerts_v2::comment_list;
use super::auth::{GraphPermission, require};
use super::errors::GraphError;
use super::filter_eval::matches;
use super::incident_book::{IncidentMeta, groups};
use super::incident_view::{incident, read};
use super::incident_write::{add_comment, apply_patch, comment_text, parse_patch};
use super::list_query::{GraphListQuery, SortKey};
use super::responses::{context, entity, json};
use crate::auth::Identity;
use crate::form::parse_form_pairs;
use crate::state::Shared;
use axum::Extension;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use mde_model::graph::{GraphComment, Incident};
use mde_odata::graph::IncidentProp;
use serde_json::Value;
use std::collections::BTreeSet;

/// One incident, or 404.
pub fn find(st: &Shared, id: &str, expand: bool) -> Result<Incident, GraphError> {
    let mde = st.store.read();
    let other = st.graph.alerts();
    let refs = AlertRef::all(&mde, &other);
    let g = groups(&refs);
    let book = st.graph.incidents();
    let meta: Option<&IncidentMeta> = book.by_id.get(id);
    match (g.get(id), meta) {
        (None, None) => Err(GraphError::not_found(format!(
            "Incident with id '{id}' was not found."
        ))),
        (alerts, meta) => Ok(incident(
            id,
            meta,
            alerts.map(Vec::as_slice).unwrap_or(&[]),
            expand,
        )),
    }
}

/// `GET /security/incidents`.
pub async fn list(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    RawQuery(raw): RawQuery,
) -> Result<Response, GraphError> {
    require(&who, GraphPermission::IncidentRead)?;
    let q = GraphListQuery::<IncidentProp>::parse(
        raw.as_deref(),
        st.graph.config.incidents_max_top,
        Some("alerts"),
    )?;
    let (total, page) = {
        let mde = st.store.read();
        let other = st.graph.alerts();
        let refs = AlertRef::all(&mde, &other);
        let g = groups(&refs);
        let book = st.graph.incidents();
        let ids: BTreeSet<&String> = g.keys().chain(book.by_id.keys()).collect();
        let alerts_of = |id: &str| g.get(id).map(Vec::as_slice).unwrap_or(&[]);
        let mut hits: Vec<Incident> = ids
            .into_iter()
            .map(|id| incident(id, book.by_id.get(id), alerts_of(id), false))
            .filter(|i| {
                q.filter
                    .as_ref()
                    .is_none_or(|f| matches(f, &|p| read(i, p)))
            })
            .collect();
        hits.sort_by(|a, b| {
            let key = |i: &Incident| match q.order.0 {
                SortKey::Created => i.created_date_time,
                SortKey::LastUpdate => i.last_update_date_time,
            };
            let o = key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id));
            if q.order.1 { o.reverse() } else { o }
        });
        let total = hits.len();
        let page: Vec<Incident> = hits
            .into_iter()
            .skip(q.skip)
            .take(q.top)
            .map(|i| {
                if q.expand_alerts {
                    incident(&i.id, book.by_id.get(&i.id), alerts_of(&i.id), true)
                } else {
                    i
                }
            })
            .collect();
        (total, page)
    };
    let mut body = serde_json::Map::new();
    body.insert(
        "@odata.context".into(),
        context(if q.expand_alerts {
            "security/incidents(alerts())"
        } else {
            "security/incidents"
        })
        .into(),
    );
    if q.count {
        body.insert("@odata.count".into(), total.into());
    }
    if q.skip + q.top < total && q.top > 0 {
        let base = format!("{}/v1.0/security/incidents", st.base_url);
        body.insert("@odata.nextLink".into(), q.next_link(&base).into());
    }
    body.insert(
        "value".into(),
        serde_json::to_value(page).map_err(|_| GraphError::internal())?,
    );
    Ok(json(&Value::Object(body)))
}

/// `$expand=alerts` on a get (the only option a get takes).
fn expand_option(raw: Option<&str>) -> Result<bool, GraphError> {
    let mut expand = false;
    for (k, v) in parse_form_pairs(raw.unwrap_or("")) {
        match k.to_ascii_lowercase().as_str() {
            "$expand" if v.trim().eq_ignore_ascii_case("alerts") => expand = true,
            "$expand" => {
                return Err(GraphError::bad_request(format!(
                    "Could not find a navigation property named '{v}' that can be expanded."
                )));
            }
            k if k.starts_with('$') => {
                return Err(GraphError::bad_request(format!(
                    "Query option '{k}' is not supported on a single incident."
                )));
            }
            _ => {}
        }
    }
    Ok(expand)
}

fn entity_of(i: &Incident) -> Result<Response, GraphError> {
    Ok(entity(
        "security/incidents/$entity",
        serde_json::to_value(i).map_err(|_| GraphError::internal())?,
    ))
}

/// `GET /security/incidents/{id}`.
pub async fn get(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, GraphError> {
    require(&who, GraphPermission::IncidentRead)?;
    let expand = expand_option(raw.as_deref())?;
    entity_of(&find(&st, &id, expand)?)
}

async fn persist(st: &Shared) -> Result<(), GraphError> {
    st.store.persist().await.map_err(|e| {
        tracing::error!(error = %e, "cannot write the state file");
        GraphError::internal()
    })
}

/// `PATCH /security/incidents/{id}`: answers the incident as it is now.
pub async fn patch(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, GraphError> {
    require(&who, GraphPermission::IncidentWrite)?;
    let p = parse_patch(&body)?;
    apply_patch(&st, &id, &p, who.display())?;
    persist(&st).await?;
    entity_of(&find(&st, &id, false)?)
}

/// `POST /security/incidents/{id}/comments`: answers the whole comment list.
pub async fn comment(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, GraphError> {
    require(&who, GraphPermission::IncidentWrite)?;
    let text = comment_text(&body)?;
    add_comment(&st, &id, text, who.display())?;
    persist(&st).await?;
    let i = find(&st, &id, false)?;
    let comments: Vec<GraphComment> = i.comments;
    Ok(comment_list(
        &format!("security/incidents('{id}')/comments"),
        &comments,
    ))
}
