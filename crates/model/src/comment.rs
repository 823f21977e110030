//! Alert comments.

use super::time::Timestamp;
use serde::{Deserialize, Serialize};

/// One comment on an alert. The docs' table says `createTime`; the wire says `createdTime`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    /// The text.
    #[serde(default, deserialize_with = "super::lenient::string_or_null")]
    pub comment: String,
    /// Who wrote it (UPN or app name).
    #[serde(default)]
    pub created_by: Option<String>,
    /// When it was written.
    #[serde(
        default,
        alias = "createTime",
        deserialize_with = "super::lenient::opt_time"
    )]
    pub created_time: Option<Timestamp>,
}
