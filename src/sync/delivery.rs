//! Has a write already reached the service? Asked before resending an entry that may have been
//! delivered, so that a comment is never posted twice.

use crate::app::msg::TriageChange;
use crate::model::{Alert, Timestamp};
use std::time::Duration;

/// True when `alert` already shows `change`: for a write with a comment, the comment is there
/// (same text, by us when we know who we are, created after the entry was queued less `skew`);
/// for a write without one, every field already has the requested value.
pub fn already_applied(
    alert: &Alert,
    change: &TriageChange,
    queued_at: Timestamp,
    identity: Option<&str>,
    skew: Duration,
) -> bool {
    match &change.comment {
        // PATCH is atomic: if our comment is there, the fields of the same request landed too.
        Some(text) => {
            let since = chrono::Duration::from_std(skew)
                .ok()
                .and_then(|s| queued_at.0.checked_sub_signed(s))
                .map(Timestamp)
                .unwrap_or(queued_at);
            alert.comments.iter().any(|c| {
                c.comment == *text
                    && match (identity, c.created_by.as_deref()) {
                        (Some(me), Some(by)) => me.eq_ignore_ascii_case(by),
                        _ => true,
                    }
                    && c.created_time.is_none_or(|t| t >= since)
            })
        }
        None => fields_match(alert, change),
    }
}

fn fields_match(alert: &Alert, change: &TriageChange) -> bool {
    change.status.as_ref().is_none_or(|s| *s == alert.status)
        && change.assigned_to.as_ref().is_none_or(|a| {
            alert
                .assigned_to
                .as_deref()
                .is_some_and(|b| a.eq_ignore_ascii_case(b))
        })
        && change
            .classification
            .as_ref()
            .is_none_or(|c| alert.classification.as_ref() == Some(c))
        && change
            .determination
            .as_ref()
            .is_none_or(|d| alert.determination.as_ref() == Some(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Comment, Status};

    fn t(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    fn with_comment(text: &str, by: &str, at: &str) -> Alert {
        let mut a = Alert::new("da1", "x");
        a.comments.push(Comment {
            comment: text.into(),
            created_by: Some(by.into()),
            created_time: Some(t(at)),
        });
        a
    }

    #[test]
    fn our_comment_after_queueing_counts_as_delivered() {
        let change = TriageChange {
            comment: Some("checked".into()),
            ..Default::default()
        };
        let queued = t("2024-01-01T10:00:00Z");
        let skew = Duration::from_secs(60);
        let ours = with_comment("checked", "me@x", "2024-01-01T10:00:05Z");
        assert!(already_applied(&ours, &change, queued, Some("ME@x"), skew));
        let theirs = with_comment("checked", "other@x", "2024-01-01T10:00:05Z");
        assert!(!already_applied(
            &theirs,
            &change,
            queued,
            Some("me@x"),
            skew
        ));
        let old = with_comment("checked", "me@x", "2024-01-01T09:00:00Z");
        assert!(!already_applied(&old, &change, queued, Some("me@x"), skew));
        let other_text = with_comment("checked!", "me@x", "2024-01-01T10:00:05Z");
        assert!(!already_applied(&other_text, &change, queued, None, skew));
    }

    #[test]
    fn without_a_comment_the_fields_decide() {
        let mut a = Alert::new("da1", "x");
        a.status = Status::Resolved;
        a.assigned_to = Some("Me@X".into());
        let q = t("2024-01-01T10:00:00Z");
        let d = Duration::ZERO;
        let mut change = TriageChange {
            status: Some(Status::Resolved),
            assigned_to: Some("me@x".into()),
            ..Default::default()
        };
        assert!(already_applied(&a, &change, q, None, d));
        change.status = Some(Status::InProgress);
        assert!(!already_applied(&a, &change, q, None, d));
    }
}
