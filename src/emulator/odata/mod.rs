//! OData for `/api/alerts`: a real `$filter` language (lexer → recursive-descent parser → typed
//! evaluator) and the system query options `$top $skip $expand $orderby $select $count`.

pub mod filter;
pub mod lexer;
pub mod parser;
pub mod properties;
pub mod query;

pub use filter::Filter;
pub use query::{ListQuery, OrderBy};

/// A malformed or unsupported query; becomes a 400 `ODataError` naming the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ODataError(pub String);
