//! Test-only assets shared by the crates' test suites: the hostile-string corpus and the
//! documentation's example alert. A dev-dependency only, so the product never embeds them.

pub mod corpus;
pub mod fixtures;
