//! mde-sync's integration tests: one binary, a module per suite.

mod device_sync;
mod fake_api;
mod store_sync;
mod with_fake_api;
