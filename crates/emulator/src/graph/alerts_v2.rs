//! `/security/alerts_v2`: list (`$filter`, `$top`, `$skip`, `$count`, `@odata.nextLink`), get,
//! PATCH and `POST …/comments`, over endpoint alerts (projected from the MDE store) and the
//! other products' alerts alike.

use super::alert_ref::AlertRef;
use super::alert_write::{apply, changes, object, parse_comment, parse_patch};
use super::auth::{GraphPermission, require};
use super::errors::GraphError;
use super::filter_eval::matches;
use super::list_query::{GraphListQuery, SortKey};
use super::responses::{context, entity, json};
use crate::auth::Identity;
use crate::routes::update::apply_all;
use crate::state::Shared;
use crate::triage::Change;
use axum::Extension;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use mde_model::graph::{GraphAlert, GraphComment};
use mde_odata::graph::GraphAlertProp;
use serde_json::{Value, json};

/// Orders list items by the query's key, then by id for a stable page order.
pub fn sort_refs(items: &mut [AlertRef<'_>], order: (SortKey, bool)) {
    items.sort_by(|a, b| {
        let key = |r: &AlertRef<'_>| match order.0 {
            SortKey::Created => r.created(),
            SortKey::LastUpdate => r.last_update(),
        };
        let o = key(a).cmp(&key(b)).then_with(|| a.id().cmp(b.id()));
        if order.1 { o.reverse() } else { o }
    });
}

/// `GET /security/alerts_v2`.
pub async fn list(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    RawQuery(raw): RawQuery,
) -> Result<Response, GraphError> {
    require(&who, GraphPermission::AlertRead)?;
    let q = GraphListQuery::<GraphAlertProp>::parse(
        raw.as_deref(),
        st.graph.config.alerts_max_top,
        None,
    )?;
    let body = {
        let mde = st.store.read();
        let other = st.graph.alerts();
        let mut hits: Vec<AlertRef<'_>> = AlertRef::all(&mde, &other)
            .into_iter()
            .filter(|a| q.filter.as_ref().is_none_or(|f| matches(f, &|p| a.read(p))))
            .collect();
        sort_refs(&mut hits, q.order);
        let total = hits.len();
        let value: Vec<GraphAlert> = hits
            .iter()
            .skip(q.skip)
            .take(q.top)
            .map(AlertRef::to_graph)
            .collect();
        let mut body = serde_json::Map::new();
        body.insert(
            "@odata.context".into(),
            context("security/alerts_v2").into(),
        );
        if q.count {
            body.insert("@odata.count".into(), total.into());
        }
        if q.skip + q.top < total && q.top > 0 {
            let base = format!("{}/v1.0/security/alerts_v2", st.base_url);
            body.insert("@odata.nextLink".into(), q.next_link(&base).into());
        }
        body.insert(
            "value".into(),
            serde_json::to_value(value).map_err(|_| GraphError::internal())?,
        );
        Value::Object(body)
    };
    Ok(json(&body))
}

/// The alert with this id in Graph's shape.
pub fn find(st: &Shared, id: &str) -> Result<GraphAlert, GraphError> {
    let mde = st.store.read();
    if let Some(r) = mde.by_id.get(id) {
        return Ok(AlertRef::Endpoint(r).to_graph());
    }
    st.graph
        .alerts()
        .get(id)
        .cloned()
        .ok_or_else(|| GraphError::not_found(format!("Alert with id '{id}' was not found.")))
}

/// `GET /security/alerts_v2/{id}`.
pub async fn get(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    Path(id): Path<String>,
) -> Result<Response, GraphError> {
    require(&who, GraphPermission::AlertRead)?;
    let g = find(&st, &id)?;
    Ok(entity(
        "security/alerts_v2/$entity",
        serde_json::to_value(g).map_err(|_| GraphError::internal())?,
    ))
}

/// Applies a change to one alert of either kind; 404 when there is none with this id.
pub fn apply_to_alert(st: &Shared, id: &str, c: &Change, who: &str) -> Result<(), GraphError> {
    let endpoint = st.store.read().by_id.contains_key(id);
    if endpoint {
        return apply_all(st, &[id.to_string()], c, who)
            .map_err(|_| GraphError::not_found(format!("Alert with id '{id}' was not found.")));
    }
    let now = st.clock.now();
    let mut mde = st.store.write();
    let mut other = st.graph.alerts_mut();
    let g = other
        .get_mut(id)
        .ok_or_else(|| GraphError::not_found(format!("Alert with id '{id}' was not found.")))?;
    if changes(c, g) {
        let stamp = mde.stamp(now);
        apply(c, g, who, stamp);
    }
    Ok(())
}

async fn persist(st: &Shared) -> Result<(), GraphError> {
    st.store.persist().await.map_err(|e| {
        tracing::error!(error = %e, "cannot write the state file");
        GraphError::internal()
    })
}

/// `PATCH /security/alerts_v2/{id}`: answers the alert as it is now.
pub async fn patch(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, GraphError> {
    require(&who, GraphPermission::AlertWrite)?;
    let change = parse_patch(&object(&body)?)?;
    {
        let _one_at_a_time = st.graph.write_lock();
        apply_to_alert(&st, &id, &change, who.display())?;
    }
    persist(&st).await?;
    let g = find(&st, &id)?;
    Ok(entity(
        "security/alerts_v2/$entity",
        serde_json::to_value(g).map_err(|_| GraphError::internal())?,
    ))
}

/// `POST /security/alerts_v2/{id}/comments`: answers the whole comment list.
pub async fn comment(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, GraphError> {
    require(&who, GraphPermission::AlertWrite)?;
    let text = parse_comment(&object(&body)?)?;
    let change = Change {
        comment: Some(text),
        ..Change::default()
    };
    {
        let _one_at_a_time = st.graph.write_lock();
        apply_to_alert(&st, &id, &change, who.display())?;
    }
    persist(&st).await?;
    let g = find(&st, &id)?;
    Ok(comment_list(
        &format!("security/alerts_v2('{id}')/comments"),
        &g.comments,
    ))
}

/// The answer of a comments POST: the full list.
pub fn comment_list(fragment: &str, comments: &[GraphComment]) -> Response {
    let value: Vec<Value> = comments
        .iter()
        .map(|c| {
            json!({
                "@odata.type": "#microsoft.graph.security.alertComment",
                "comment": c.comment,
                "createdByDisplayName": c.created_by_display_name,
                "createdDateTime": c.created_date_time,
            })
        })
        .collect();
    json(&json!({"@odata.context": context(fragment), "value": value}))
}
