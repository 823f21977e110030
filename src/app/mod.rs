//! All console state and the one function that changes it. No I/O here.

pub mod msg;
