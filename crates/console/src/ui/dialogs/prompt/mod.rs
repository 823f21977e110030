//! One-line prompts: the filter in the hint row, "assign to…" and the palette as popups.

pub mod assign;
pub mod device_tag;
pub mod field;
pub mod filter;
pub mod palette;
pub mod tags;
