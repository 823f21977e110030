//! A faithful emulator of the MDE alerts API (axum): sign-in, OData, rate limits, errors, faults.
//! See docs/emulator.md for the routes, control endpoints and a curl session.

pub mod auth;
pub mod clock;
pub mod config;
pub mod demo_data;
pub mod dice;
pub mod errors;
pub mod faults;
pub mod fields;
pub mod form;
pub mod graph;
pub mod load;
pub mod odata;
pub mod packed;
pub mod rate_limit;
pub mod record;
pub mod response;
pub mod responses;
pub mod rng;
pub mod routes;
pub mod selected;
pub mod server;
pub mod shape;
pub mod state;
pub mod store;
pub mod throttle;
pub mod triage;

pub use config::{ClientApp, EmulatorConfig, Faults, RateLimits};
pub use errors::EmulatorError;
pub use server::{EmulatorHandle, run_forever, spawn};
