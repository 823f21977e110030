//! mde-api's integration tests: one binary, a module per suite.

mod api_client;
mod device_client;
