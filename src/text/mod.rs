//! Text from the API made safe and readable: the one sanitiser every displayed string passes
//! through, plus the reading aids built on it.

pub mod mitre;
pub mod sanitize;

pub use sanitize::{Flags, Sanitized, sanitize_line, sanitize_multiline};
