//! Undo of a queued write (issue 9): the outbox entry is dropped only while nothing of it can
//! have reached the service — pending and never handed over. Anything else is refused with the
//! reason, and the console reverses a delivered write with a new one instead.

use super::blocking::on_store;
use mde_model::protocol::Msg;
use mde_store::{OutboxState, Store};

/// Drops outbox entry `outbox_id` if it was never sent; the answer says whether it was.
pub(super) async fn cancel_write(store: &Store, outbox_id: i64) -> Msg {
    let result = on_store(store, move |s| {
        let Some(entry) = s.outbox_entry(outbox_id)? else {
            return Ok((false, "it is no longer in the outbox".to_string()));
        };
        let why = match entry.state {
            OutboxState::Pending if !entry.maybe_sent() => {
                // `outbox_drop` refuses an entry the sender marked sending in the meantime.
                return Ok(if s.outbox_drop(outbox_id)? {
                    (true, String::new())
                } else {
                    (false, "it is being sent right now".to_string())
                });
            }
            OutboxState::Failed | OutboxState::Conflict => {
                // Refused or waiting on the analyst: nothing of it is on the service.
                let dropped = s.outbox_drop(outbox_id)?;
                return Ok((dropped, String::new()));
            }
            OutboxState::Pending | OutboxState::Sending => {
                "it may already have reached the service"
            }
            OutboxState::Done => "the service already confirmed it",
            OutboxState::Discarded => "it was already dropped",
        };
        Ok((false, why.to_string()))
    })
    .await;
    match result {
        Ok((dropped, reason)) => Msg::WriteCancelled {
            outbox_id,
            dropped,
            reason,
        },
        Err(e) => Msg::WriteCancelled {
            outbox_id,
            dropped: false,
            reason: format!("the outbox could not be read: {e}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::protocol::{TriageChange, TriageWrite};

    fn write() -> TriageWrite {
        TriageWrite {
            alert_ids: vec!["da1".into()],
            change: TriageChange {
                assigned_to: Some("a@b.c".into()),
                ..TriageChange::default()
            },
            seen_last_update: Vec::new(),
        }
    }

    fn answer(m: Msg) -> (bool, String) {
        match m {
            Msg::WriteCancelled {
                dropped, reason, ..
            } => (dropped, reason),
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn only_a_never_sent_entry_is_dropped() {
        let store = Store::open_in_memory().unwrap();
        let never = store.enqueue(&write(), None).unwrap();
        assert_eq!(
            answer(cancel_write(&store, never).await),
            (true, String::new())
        );
        assert_eq!(
            store.outbox_entry(never).unwrap().unwrap().state,
            OutboxState::Discarded
        );
        // Handed to the service once: it may have arrived, so it stays and undo reverses it.
        let sent = store.enqueue(&write(), None).unwrap();
        store.outbox_mark_sending(sent, None).unwrap();
        let (dropped, why) = answer(cancel_write(&store, sent).await);
        assert!(!dropped && why.contains("may already"), "{why}");
        store.outbox_mark_done(sent).unwrap();
        let (dropped, why) = answer(cancel_write(&store, sent).await);
        assert!(!dropped && why.contains("confirmed"), "{why}");
        let (dropped, why) = answer(cancel_write(&store, 999).await);
        assert!(!dropped && why.contains("no longer"), "{why}");
    }
}
