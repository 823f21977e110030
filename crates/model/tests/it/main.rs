//! mde-model's integration tests: one binary, a module per suite.

mod model_parse;
mod page_reader;
mod page_rows;
