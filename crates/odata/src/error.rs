//! The one error of the grammar.

/// A malformed or unsupported filter, in the service's wording (the emulator answers it as a
/// 400 `ODataError`; the CLI reports it as a usage error).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ODataError(pub String);
