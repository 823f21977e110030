//! One-shot faults for response tests: serve the next matching request, then cut the connection
//! halfway through the answer (the action *was* created: the lost answer a client must survive
//! without sending the action twice); or answer it 503 without serving it (the action was not
//! created, but the client cannot know).

use crate::state::Shared;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

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
    /// Answer 503 without serving the request, instead of serving it and cutting the answer.
    #[serde(default)]
    pub fail: bool,
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

/// Middleware: when a rule matches, serve the request and drop the answer mid-body, or answer
/// 503 without serving it.
pub async fn drop_next(State(st): State<Shared>, req: Request, next: Next) -> Response {
    match st.response.take_drop(req.method(), req.uri().path()) {
        None => next.run(req).await,
        Some(false) => crate::faults::truncate(next.run(req).await).await,
        Some(true) => crate::errors::ApiError::new(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            "ServiceUnavailable",
            "The service is temporarily unavailable.",
        )
        .into_response(),
    }
}

impl super::ResponseState {
    /// Adds a rule.
    pub fn add_drop(&self, rule: DropRule) {
        self.drops().push(rule);
    }

    /// When a rule matches this request (one use spent): whether to fail it unserved.
    pub fn take_drop(&self, method: &Method, path: &str) -> Option<bool> {
        let mut rules = self.drops();
        let i = rules
            .iter()
            .position(|r| r.count > 0 && r.matches(method, path))?;
        let fail = rules[i].fail;
        rules[i].count -= 1;
        if rules[i].count == 0 {
            rules.remove(i);
        }
        Some(fail)
    }
}
