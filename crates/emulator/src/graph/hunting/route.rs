//! `POST /security/runHuntingQuery`: `{"Query": "…", "Timespan": "…"}` (a lowercase `query`
//! too, as some clients send), answered with `{schema, results}`; the hunting quota (45 a
//! minute, 1,500 an hour per tenant) with the string code `"429"`; the 400s of a query that
//! does not parse, does not resolve, or would exceed the row limit.

use super::error::KqlError;
use super::eval::{RunContext, run};
use super::parser::parse;
use super::tables::Tables;
use super::timespan::window;
use crate::auth::Identity;
use crate::graph::auth::{GraphPermission, require};
use crate::graph::errors::GraphError;
use crate::graph::responses::{context, json};
use crate::state::Shared;
use axum::Extension;
use axum::extract::State;
use axum::response::Response;
use serde_json::{Value, json};
use std::time::Instant;

/// Longest query text accepted.
const MAX_QUERY_CHARS: usize = 100_000;

fn field<'a>(obj: &'a serde_json::Map<String, Value>, name: &str) -> Option<&'a Value> {
    obj.get(name).or_else(|| {
        obj.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

/// Runs a hunting query.
pub async fn run_query(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    body: String,
) -> Result<Response, GraphError> {
    require(&who, GraphPermission::Hunting)?;
    if let Err(secs) = st.graph.hunting.check(
        &who.tenant,
        crate::rate_limit::Class::General,
        Instant::now(),
    ) {
        let c = &st.graph.config;
        let message = if secs > 60 {
            format!(
                "API calls quota exceeded! maximum allowed {} per 01:00:00",
                c.hunting_per_hour
            )
        } else {
            format!(
                "API calls quota exceeded! maximum allowed {} per 00:01:00",
                c.hunting_per_minute
            )
        };
        return Err(GraphError::throttled("429", message, secs));
    }
    let obj = match serde_json::from_str::<Value>(&body) {
        Ok(Value::Object(m)) => m,
        _ => {
            return Err(GraphError::bad_request(
                "The request body must be a JSON object with a 'Query'.",
            ));
        }
    };
    let query = match field(&obj, "Query") {
        Some(Value::String(q)) if !q.trim().is_empty() => q.clone(),
        Some(Value::String(_)) => {
            return Err(GraphError::bad_request("The 'Query' parameter is empty."));
        }
        Some(_) => {
            return Err(GraphError::bad_request(
                "The 'Query' parameter must be a string.",
            ));
        }
        None => {
            return Err(GraphError::bad_request(
                "The 'Query' parameter is required.",
            ));
        }
    };
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(GraphError::bad_request(format!(
            "The query is longer than {MAX_QUERY_CHARS} characters."
        )));
    }
    let timespan = match field(&obj, "Timespan") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            return Err(GraphError::bad_request(
                "The 'Timespan' parameter must be a string.",
            ));
        }
    };
    let now = st.clock.now();
    let win = window(timespan.as_deref(), now).map_err(|e| GraphError::bad_request(e.0))?;
    let refused = |e: KqlError| GraphError::bad_request(e.message(&query));
    let parsed = parse(&query).map_err(refused)?;
    let result = {
        let mde = st.store.read();
        let other = st.graph.alerts();
        let tables = Tables {
            mde: &mde,
            other: &other,
        };
        run(
            &parsed,
            &tables,
            RunContext {
                now,
                window: win,
                max_rows: st.graph.config.hunting_max_rows,
            },
        )
        .map_err(refused)?
    };
    Ok(json(&json!({
        "@odata.context": context("microsoft.graph.security.huntingQueryResults"),
        "schema": result.schema_json(),
        "results": result.results_json(),
    })))
}
