//! mde-sync's integration tests: one binary, a module per suite.

mod device_sync;
mod device_tags;
mod emulator_kit;
mod fake_api;
mod fetch_pages;
mod graph_sync;
mod incident_poll;
mod poll_cost;
mod queue_truth;
mod store_sync;
mod with_fake_api;
