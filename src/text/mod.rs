//! Text from the API made safe and readable: the one sanitiser every displayed string passes
//! through, plus the reading aids built on it.

pub mod b64text;
pub mod charclass;
pub mod escapes;
pub mod powershell;
pub mod sanitize;
pub mod script;
pub mod warning;
pub mod width;

pub use sanitize::{Flags, Sanitized, inspect, sanitize_line, sanitize_multiline};
pub use warning::{real_extension, warning};
pub use width::{bounded, fit, truncate};
