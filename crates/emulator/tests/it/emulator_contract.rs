//! Contract tests: the emulator driven over HTTP with reqwest, bound to 127.0.0.1:0.
//! The modules live in emulator_contract/ beside this file.

mod control;
mod limits_faults;
mod odata_list;
mod permissions;
mod sign_in;
mod support;
mod writes;
