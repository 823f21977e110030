//! Graph comments (`alertComment`): `{comment, createdByDisplayName, createdDateTime}`. The same
//! doc set shows incident comments as `{comment, createdBy, createdTime}`; both are read.

use crate::comment::Comment;
use crate::lenient;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// One comment on an alert or incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GraphComment {
    /// The text.
    #[serde(default, deserialize_with = "lenient::string_or_null")]
    pub comment: String,
    /// Who wrote it.
    #[serde(default, alias = "createdBy")]
    pub created_by_display_name: Option<String>,
    /// When.
    #[serde(default, alias = "createdTime", deserialize_with = "lenient::opt_time")]
    pub created_date_time: Option<Timestamp>,
}

impl From<&GraphComment> for Comment {
    fn from(c: &GraphComment) -> Self {
        Comment {
            comment: c.comment.clone(),
            created_by: c.created_by_display_name.clone(),
            created_time: c.created_date_time,
        }
    }
}

impl From<&Comment> for GraphComment {
    fn from(c: &Comment) -> Self {
        GraphComment {
            comment: c.comment.clone(),
            created_by_display_name: c.created_by.clone(),
            created_date_time: c.created_time,
        }
    }
}

/// The answer of `POST …/comments`: the whole list (`{"value": [...]}`, or a bare array).
pub fn parse_comment_list(json: &str) -> Result<Vec<GraphComment>, serde_json::Error> {
    #[derive(Deserialize)]
    struct Envelope {
        #[serde(default)]
        value: Vec<GraphComment>,
    }
    if json.trim_start().starts_with('[') {
        serde_json::from_str(json)
    } else {
        serde_json::from_str::<Envelope>(json).map(|e| e.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_documented_shapes_parse() {
        let a: GraphComment = serde_json::from_str(
            r#"{"comment":"x","createdByDisplayName":"me","createdDateTime":"2024-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        let b: GraphComment = serde_json::from_str(
            r#"{"comment":"x","createdBy":"me","createdTime":"2024-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(a, b);
        let list =
            parse_comment_list(r#"{"@odata.context":"x","value":[{"comment":null}]}"#).unwrap();
        assert_eq!(list[0].comment, "");
        assert_eq!(parse_comment_list("[]").unwrap(), vec![]);
    }
}
