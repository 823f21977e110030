//! Text from the API made safe and readable: the one sanitiser every displayed string passes
//! through, plus the reading aids built on it.

pub mod b64text;
pub mod charclass;
pub mod csv;
pub mod defang;
pub mod escapes;
pub mod links;
pub mod log_escape;
pub mod mitre;
pub mod osc52;
pub mod powershell;
pub mod sanitize;
pub mod script;
pub mod title;
pub mod warning;
pub mod width;

pub use csv::{csv_cell, csv_row};
pub use defang::{defang_domain, defang_ip, defang_url, for_clipboard};
pub use log_escape::log_escape;
pub use osc52::osc52_sequence;
pub use sanitize::{Flags, Sanitized, inspect, sanitize_line, sanitize_multiline};
pub use warning::{real_extension, reveal_codepoints, warning};
pub use width::{bounded, fit, truncate};
