//! Contract tests: the emulator driven over HTTP with reqwest, bound to 127.0.0.1:0.
//! The modules live in emulator_contract/ beside this file.

mod control;
mod limits_faults;
mod odata_list;
mod permissions;
mod sign_in;
mod support;
mod writes;
// Device response (issue 10).
mod indicators;
mod machine_action_refusals;
mod machine_actions;
mod machines;
mod response_support;
