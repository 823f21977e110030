//! OData `$filter` for `/api/alerts`: one grammar (lexer → recursive-descent parser), one
//! expression tree and one property set, shared by the client's query builder, the CLI's
//! `--filter` and the emulator.

pub mod error;
pub mod filter;
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
