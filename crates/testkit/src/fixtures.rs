//! Documents the tests parse, compiled in so every crate's tests read the same bytes.

/// The example response of `GET /api/alerts/{id}` from the API documentation.
pub const GET_ALERT: &str = include_str!("../fixtures/get-alert.json");
