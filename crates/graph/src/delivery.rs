//! Has an incident write already reached the service? Asked before resending one that may have
//! been delivered: the fields are compared (absolute values), and a comment is counted against
//! the number of identical comments seen before the first send, so it is never posted twice.

use mde_model::graph::{Incident, IncidentChange};

/// How many comments on `incident` have exactly `text`.
pub fn comment_count(incident: &Incident, text: &str) -> usize {
    incident
        .comments
        .iter()
        .filter(|c| c.comment == text)
        .count()
}

/// True when the incident already shows every field `change` sets.
pub fn fields_applied(i: &Incident, change: &IncidentChange) -> bool {
    change.status.as_ref().is_none_or(|s| *s == i.status)
        && change.assigned_to.as_ref().is_none_or(|a| {
            i.assigned_to
                .as_deref()
                .is_some_and(|b| a.eq_ignore_ascii_case(b))
        })
        && change
            .classification
            .as_ref()
            .is_none_or(|c| i.classification.as_ref() == Some(c))
        && change
            .determination
            .as_ref()
            .is_none_or(|d| i.determination.as_ref() == Some(d))
        && change
            .custom_tags
            .as_ref()
            .is_none_or(|t| *t == i.custom_tags)
        && change
            .resolving_comment
            .as_ref()
            .is_none_or(|r| i.resolving_comment.as_ref() == Some(r))
}

/// True when `change` is already on the incident: its fields, and with a comment, more
/// comments with its text than `baseline` (the count before the first send).
pub fn already_applied(i: &Incident, change: &IncidentChange, baseline: usize) -> bool {
    let comment_there = change
        .comment
        .as_deref()
        .is_none_or(|t| comment_count(i, t) > baseline);
    comment_there && fields_applied(i, change)
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::graph::{GraphComment, IncidentStatus};

    #[test]
    fn fields_and_comments_decide() {
        let mut i = Incident::new("1", "x");
        i.status = IncidentStatus::Resolved;
        i.assigned_to = Some("Me@X".into());
        let c = |s: &str| GraphComment {
            comment: s.into(),
            created_by_display_name: None,
            created_date_time: None,
        };
        i.comments = vec![c("done"), c("done")];
        let change = IncidentChange {
            status: Some(IncidentStatus::Resolved),
            assigned_to: Some("me@x".into()),
            comment: Some("done".into()),
            ..Default::default()
        };
        assert!(already_applied(&i, &change, 1));
        assert!(
            !already_applied(&i, &change, 2),
            "the two were there before"
        );
        let other = IncidentChange {
            status: Some(IncidentStatus::Active),
            ..Default::default()
        };
        assert!(!already_applied(&i, &other, 0));
        assert_eq!(comment_count(&i, "done"), 2);
    }
}
