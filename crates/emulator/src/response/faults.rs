//! A one-shot fault for response tests: serve the next matching request, then cut the connection
//! halfway through the answer (the action *was* created: the lost answer a client must survive
//! without sending the action twice).

use crate::state::Shared;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

/// Which requests to cut, and how many more times.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DropRule {
    /// HTTP method (any when absent).
    #[serde(default)]
    pub method: Option<String>,
    /// The path ends with this (any case), e.g. `/isolate`.
    pub path: String,
    /// How many matching requests to cut (default 1).
    #[serde(default = "one")]
    pub count: u32,
}

fn one() -> u32 {
    1
}

impl DropRule {
    fn matches(&self, method: &Method, path: &str) -> bool {
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method.as_str()))
            && path
                .to_ascii_lowercase()
                .ends_with(&self.path.to_ascii_lowercase())
    }
}

/// Middleware: when a rule matches, serve the request and then drop the answer mid-body.
pub async fn drop_next(State(st): State<Shared>, req: Request, next: Next) -> Response {
    let cut = st.response.take_drop(req.method(), req.uri().path());
    let resp = next.run(req).await;
    if cut {
        crate::faults::truncate(resp).await
    } else {
        resp
    }
}

impl super::ResponseState {
    /// Adds a rule.
    pub fn add_drop(&self, rule: DropRule) {
        self.drops().push(rule);
    }

    /// True (and one use spent) when a rule matches this request.
    pub fn take_drop(&self, method: &Method, path: &str) -> bool {
        let mut rules = self.drops();
        let Some(i) = rules
            .iter()
            .position(|r| r.count > 0 && r.matches(method, path))
        else {
            return false;
        };
        rules[i].count -= 1;
        if rules[i].count == 0 {
            rules.remove(i);
        }
        true
    }
}
