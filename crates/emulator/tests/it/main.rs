//! mde-emulator's integration tests: one binary, a module per suite.

mod demo_data;
mod emulator_contract;
mod graph_contract;
