//! The console crate's integration tests, one binary: `update()` behaviour, screen snapshots,
//! hostile text through the real render path, and the import-graph checker.

mod app_update;
mod console_imports;
mod graph_fixture;
// Issue 10: devices for the device tests.
mod device_fixture;
mod hostile_render;
mod ui_snapshots;
