//! mde-graph's integration tests: one binary, a module per suite.

mod builder;
mod client;
mod sign_in;
