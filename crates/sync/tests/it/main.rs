//! mde-sync's integration tests: one binary, a module per suite.

mod fake_api;
mod graph_sync;
mod store_sync;
mod with_fake_api;
