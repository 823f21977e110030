//! Contract tests: the emulator driven over HTTP with reqwest, bound to 127.0.0.1:0.
//! One test binary; the modules live in tests/emulator_contract/.

#[path = "emulator_contract/control.rs"]
mod control;
#[path = "emulator_contract/limits_faults.rs"]
mod limits_faults;
#[path = "emulator_contract/odata_list.rs"]
mod odata_list;
#[path = "emulator_contract/permissions.rs"]
mod permissions;
#[path = "emulator_contract/sign_in.rs"]
mod sign_in;
#[path = "emulator_contract/support.rs"]
mod support;
#[path = "emulator_contract/writes.rs"]
mod writes;
