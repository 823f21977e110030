//! mde-sync's integration tests: one binary, a module per suite.

mod fake_api;
mod store_sync;
mod with_fake_api;
