//! Drawing for operating on a rotation (issue 12): the config's theme laid over the built-in
//! one, the offline file's banner, SLA colours and counts, and the detail's time in status.

pub mod banner;
pub mod detail;
pub mod sla;
pub mod theme;
