//! The Microsoft Graph security API client: incidents, every Defender product's alerts
//! (alerts_v2) and advanced hunting, on mde-api's transport (the same sign-in methods, retry and
//! backoff rules, typed errors) with its own token audience; and the hunting query builder,
//! which writes KQL only from validated values.

mod alerts;
mod client;
pub mod delivery;
pub mod hosts;
pub mod hunting;
mod incidents;
pub mod query;
mod write_body;

pub use client::{GraphClient, GraphSet};
pub use hosts::graph_base;
pub use hunting::builder::{KqlQuery, build};
pub use query::GraphQuery;
