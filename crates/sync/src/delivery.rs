//! Has a write already reached the service? Asked before resending an entry that may have been
//! delivered, so that a comment is never posted twice.

use mde_model::protocol::TriageChange;
use mde_model::{Alert, Timestamp};
use std::time::Duration;

/// What is known about the write being checked.
#[derive(Debug, Clone, Copy)]
pub struct Sent<'a> {
    /// When the entry was queued.
    pub queued_at: Timestamp,
    /// Our `createdBy`, when known.
    pub identity: Option<&'a str>,
    /// Clock skew allowed against the service.
    pub skew: Duration,
    /// Comments with the same text on this alert before the first send, when recorded.
    pub baseline: Option<usize>,
}

/// True when `alert` already shows `change`. With a comment: more comments with its text than
/// before the first send (`baseline`), or, when that count was never taken, one with its text by
/// us created after the entry was queued less the skew. Without a comment: every field already
/// has the requested value.
pub fn already_applied(alert: &Alert, change: &TriageChange, sent: Sent<'_>) -> bool {
    let Sent {
        queued_at,
        identity,
        skew,
        baseline,
    } = sent;
    match &change.comment {
        // PATCH is atomic: if our comment is there, the fields of the same request landed too.
        Some(text) if baseline.is_some() => {
            let now = alert.comments.iter().filter(|c| c.comment == *text).count();
            baseline.is_some_and(|b| now > b)
        }
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

/// True when every field `change` sets already has that value on the alert.
pub(crate) fn fields_match(alert: &Alert, change: &TriageChange) -> bool {
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
    use mde_model::{Comment, Status};

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
        let sent = |identity| Sent {
            queued_at: t("2024-01-01T10:00:00Z"),
            identity,
            skew: Duration::from_secs(60),
            baseline: None,
        };
        let ours = with_comment("checked", "me@x", "2024-01-01T10:00:05Z");
        assert!(already_applied(&ours, &change, sent(Some("ME@x"))));
        let theirs = with_comment("checked", "other@x", "2024-01-01T10:00:05Z");
        assert!(!already_applied(&theirs, &change, sent(Some("me@x"))));
        let old = with_comment("checked", "me@x", "2024-01-01T09:00:00Z");
        assert!(!already_applied(&old, &change, sent(Some("me@x"))));
        let other_text = with_comment("checked!", "me@x", "2024-01-01T10:00:05Z");
        assert!(!already_applied(&other_text, &change, sent(None)));
        // With the count from before the first send, an identical earlier comment is not ours.
        let counted = |baseline| Sent {
            baseline: Some(baseline),
            ..sent(None)
        };
        assert!(!already_applied(&ours, &change, counted(1)));
        assert!(already_applied(&ours, &change, counted(0)));
    }

    #[test]
    fn without_a_comment_the_fields_decide() {
        let mut a = Alert::new("da1", "x");
        a.status = Status::Resolved;
        a.assigned_to = Some("Me@X".into());
        let q = Sent {
            queued_at: t("2024-01-01T10:00:00Z"),
            identity: None,
            skew: Duration::ZERO,
            baseline: None,
        };
        let mut change = TriageChange {
            status: Some(Status::Resolved),
            assigned_to: Some("me@x".into()),
            ..Default::default()
        };
        assert!(already_applied(&a, &change, q));
        change.status = Some(Status::InProgress);
        assert!(!already_applied(&a, &change, q));
    }
}
