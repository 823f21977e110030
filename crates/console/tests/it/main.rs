//! The console crate's integration tests, one binary: `update()` behaviour, screen snapshots,
//! hostile text through the real render path, and the import-graph checker.

mod app_update;
mod console_imports;
mod graph_fixture;
mod hostile_render;
mod ui_snapshots;
