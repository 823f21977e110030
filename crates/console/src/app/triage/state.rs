//! What triage owns: optimistic changes waiting for the service, unsent comment drafts, and
//! the recent owners.

use super::history::Done;
use super::write::Pending;
use std::collections::HashMap;

/// Most recent owners kept for "assign to…".
const MAX_OWNERS: usize = 10;

/// Everything triage owns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Triage {
    /// Optimistic changes waiting for the service.
    pub pending: Vec<Pending>,
    /// Unsent comment drafts by alert id.
    pub drafts: HashMap<String, String>,
    /// The unsent draft of a comment to several alerts.
    pub bulk_draft: Option<String>,
    /// Owners offered by "assign to…", most recent first.
    pub recent_owners: Vec<String>,
    /// The changes of this session, newest last (for undo).
    pub history: Vec<Done>,
}

impl Triage {
    /// Triage state offering these owners (the analyst's own identity last, if missing).
    pub fn new(mut recent_owners: Vec<String>, identity: &str) -> Triage {
        if !identity.is_empty() && !recent_owners.iter().any(|o| o == identity) {
            recent_owners.push(identity.to_string());
        }
        Triage {
            recent_owners,
            ..Triage::default()
        }
    }

    /// True when a write on this alert waits for the service.
    pub fn is_pending(&self, id: &str) -> bool {
        self.pending.iter().any(|p| p.covers(id))
    }

    /// The change sent by request `req`.
    pub fn done_mut(&mut self, req: mde_model::protocol::RequestId) -> Option<&mut Done> {
        self.history.iter_mut().find(|d| d.req == req)
    }

    /// The change held in outbox entry `outbox_id`.
    pub fn done_by_outbox(&mut self, outbox_id: i64) -> Option<&mut Done> {
        self.history
            .iter_mut()
            .find(|d| d.outbox_id == Some(outbox_id))
    }

    /// Puts an owner first among the recent ones.
    pub fn remember_owner(&mut self, owner: &str) {
        self.recent_owners
            .retain(|o| !o.eq_ignore_ascii_case(owner));
        self.recent_owners.insert(0, owner.to_string());
        self.recent_owners.truncate(MAX_OWNERS);
    }
}
