//! Exactly-once delivery of a triage write across ambiguous failures.
//!
//! Field changes set absolute values, so sending them again is harmless. A comment is appended
//! each time the service receives it, so after a failure that leaves it unknown whether the
//! service acted (timeout, connection lost mid-answer, 5xx) the alert is read back and the
//! comment counted: only when it is not there is the write sent again. The count taken before
//! the first send (`baseline`) is what makes this exact even when the same text was posted
//! before; the outbox stores it with the write so a restart keeps the guarantee.

use super::client::MdeClient;
use super::error::ApiError;
use mde_model::protocol::TriageChange;
use mde_model::{Alert, ParsedAlert};
use std::collections::HashMap;

/// How many comments on `alert` have exactly `text`.
pub fn comment_count(alert: &Alert, text: &str) -> usize {
    alert.comments.iter().filter(|c| c.comment == text).count()
}

/// True when the alert already shows every field `change` sets.
pub fn fields_applied(alert: &Alert, change: &TriageChange) -> bool {
    change.status.as_ref().is_none_or(|s| *s == alert.status)
        && change
            .assigned_to
            .as_ref()
            .is_none_or(|a| Some(a) == alert.assigned_to.as_ref())
        && change
            .classification
            .as_ref()
            .is_none_or(|c| Some(c) == alert.classification.as_ref())
        && change
            .determination
            .as_ref()
            .is_none_or(|d| Some(d) == alert.determination.as_ref())
}

/// The change without its comment (None when only a comment was set).
fn fields_only(change: &TriageChange) -> Option<TriageChange> {
    let f = TriageChange {
        comment: None,
        ..change.clone()
    };
    (!f.is_empty()).then_some(f)
}

/// Sends `change` to one alert so that it takes effect exactly once, trying up to `rounds` times.
/// `baseline` is the number of comments equal to the change's comment before the write was first
/// sent; None reads it now (right only when this write has certainly not been sent before).
pub async fn update_once(
    client: &MdeClient,
    id: &str,
    change: &TriageChange,
    baseline: Option<usize>,
    rounds: u32,
) -> Result<ParsedAlert, ApiError> {
    let baseline = match (&change.comment, baseline) {
        (Some(text), None) => Some(comment_count(&client.get(id).await?.alert, text)),
        (_, b) => b,
    };
    let mut round = 0;
    loop {
        let err = match client.update(id, change).await {
            Ok(a) => return Ok(a),
            Err(e) => e,
        };
        round += 1;
        if !err.is_transient() || round >= rounds.max(1) {
            return Err(err);
        }
        if let (Some(text), Some(base), true) = (&change.comment, baseline, err.is_ambiguous()) {
            let now = client.get(id).await?;
            if comment_count(&now.alert, text) > base {
                tracing::info!(alert = id, "write delivered although its answer was lost");
                return finish_fields(client, id, change, now).await;
            }
        }
        tokio::time::sleep(client.retry_policy().backoff(round, super::retry::jitter())).await;
    }
}

/// Sends `change` to every id with batchUpdate, exactly once per alert, up to `rounds` times.
/// `baselines` maps ids to their comment counts before the first send (see `update_once`).
pub async fn batch_update_once(
    client: &MdeClient,
    ids: &[String],
    change: &TriageChange,
    baselines: Option<HashMap<String, usize>>,
    rounds: u32,
) -> Result<(), ApiError> {
    let baselines = match (&change.comment, baselines) {
        (Some(text), None) => {
            let mut b = HashMap::new();
            for id in ids {
                b.insert(
                    id.clone(),
                    comment_count(&client.get(id).await?.alert, text),
                );
            }
            Some(b)
        }
        (_, b) => b,
    };
    let mut pending: Vec<String> = ids.to_vec();
    let mut round = 0;
    loop {
        let err = match client.batch_update(&pending, change).await {
            Ok(()) => return Ok(()),
            Err(e) => e,
        };
        round += 1;
        if !err.is_transient() || round >= rounds.max(1) {
            return Err(err);
        }
        if let (Some(text), Some(base), true) = (&change.comment, &baselines, err.is_ambiguous()) {
            let mut still = Vec::with_capacity(pending.len());
            for id in pending {
                let now = client.get(&id).await?;
                if comment_count(&now.alert, text) > base.get(&id).copied().unwrap_or(0) {
                    finish_fields(client, &id, change, now).await?;
                } else {
                    still.push(id);
                }
            }
            pending = still;
            if pending.is_empty() {
                return Ok(());
            }
        }
        tokio::time::sleep(client.retry_policy().backoff(round, super::retry::jitter())).await;
    }
}

/// The comment arrived; make sure the fields did too (idempotent, so a plain update suffices).
async fn finish_fields(
    client: &MdeClient,
    id: &str,
    change: &TriageChange,
    now: ParsedAlert,
) -> Result<ParsedAlert, ApiError> {
    match fields_only(change) {
        Some(f) if !fields_applied(&now.alert, &f) => client.update(id, &f).await,
        _ => Ok(now),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::{Comment, Status};

    #[test]
    fn counts_exact_comments_and_compares_fields() {
        let mut a = Alert::new("da1", "t");
        let c = |s: &str| Comment {
            comment: s.into(),
            created_by: None,
            created_time: None,
        };
        a.comments = vec![c("ack"), c("ack "), c("ack")];
        assert_eq!(comment_count(&a, "ack"), 2);
        assert_eq!(comment_count(&a, "nope"), 0);
        a.status = Status::InProgress;
        let ch = TriageChange {
            status: Some(Status::InProgress),
            ..Default::default()
        };
        assert!(fields_applied(&a, &ch));
        let ch = TriageChange {
            assigned_to: Some("me".into()),
            ..ch
        };
        assert!(!fields_applied(&a, &ch));
        assert!(
            fields_only(&TriageChange {
                comment: Some("x".into()),
                ..Default::default()
            })
            .is_none()
        );
    }
}
