//! Indicators: `GET/POST /api/indicators`, `DELETE /api/indicators/{id}`, with the documented
//! values, validation, expiry and the per-tenant cap.

pub mod routes;
pub mod validate;
