//! OData `$filter`: one grammar (lexer → recursive-descent parser), one expression tree, and
//! one property set per entity (the alerts' `Prop`; Graph's alerts_v2 and incidents in
//! `graph`), shared by the client's query builders, the CLI's `--filter` and the emulator.

pub mod error;
pub mod filter;
pub mod graph;
pub mod lexer;
pub mod literal;
pub mod parser;
pub mod prop;
mod typing;

pub use error::ODataError;
pub use filter::{CmpOp, Filter};
pub use literal::Literal;
pub use parser::{parse, parse_as};
pub use prop::{Kind, Prop, Property, severity_value, status_value, unsupported_property};
