//! mde-text's integration tests: one binary, a module per suite.

mod hostile_text;
