//! mde-sync's integration tests: one binary, a module per suite.

mod emulator_kit;
mod fake_api;
mod queue_truth;
mod store_sync;
mod with_fake_api;
