//! The outbox: every triage write — to alerts or to an incident — is committed here before it is
//! sent, and settled only after the service confirmed it. States: pending → sending → done | failed(reason) | conflict; a conflict
//! is settled by the analyst (overwrite → pending, discard → discarded).

use super::error::StoreError;
use super::handle::Store;
use super::ticks::now_ms;
use mde_model::Timestamp;
use mde_model::graph::{IncidentWrite, OutboxWrite};
use mde_model::protocol::TriageWrite;
use rusqlite::{OptionalExtension, Row, params};
use std::collections::BTreeMap;

/// Where an outbox entry is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutboxState {
    /// Waiting to be sent (first time or after a transient failure).
    Pending,
    /// Handed to the service; may or may not have arrived.
    Sending,
    /// Confirmed by the service.
    Done,
    /// Refused for good; the reason says why.
    Failed,
    /// The alert changed on the server since the analyst saw it; waits for the analyst.
    Conflict,
    /// Dropped by the analyst.
    Discarded,
}

impl OutboxState {
    /// The name stored in the database and shown by the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Pending => "pending",
            OutboxState::Sending => "sending",
            OutboxState::Done => "done",
            OutboxState::Failed => "failed",
            OutboxState::Conflict => "conflict",
            OutboxState::Discarded => "discarded",
        }
    }

    fn parse(s: &str) -> Result<Self, StoreError> {
        Ok(match s {
            "pending" => OutboxState::Pending,
            "sending" => OutboxState::Sending,
            "done" => OutboxState::Done,
            "failed" => OutboxState::Failed,
            "conflict" => OutboxState::Conflict,
            "discarded" => OutboxState::Discarded,
            other => return Err(StoreError::Corrupt(format!("outbox state {other:?}"))),
        })
    }
}

impl std::fmt::Display for OutboxState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One queued triage write.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxEntry {
    /// Outbox id (what `Msg::WriteQueued` reports).
    pub id: i64,
    /// The write: to alerts (with the ids still to be changed) or to an incident.
    pub write: OutboxWrite,
    /// Current state.
    pub state: OutboxState,
    /// Why it failed or conflicted, or the last transient error.
    pub reason: Option<String>,
    /// How many times it was handed to the service. Above zero, it may already have arrived.
    pub attempts: u32,
    /// Not to be sent before this time (ms since the epoch).
    pub next_attempt_ms: i64,
    /// When it was queued (full precision; comments created after this may be ours).
    pub queued_at: Timestamp,
    /// Who queued it (the comment author to look for), when known.
    pub identity: Option<String>,
    /// The analyst chose to overwrite a conflict: skip the conflict check.
    pub force: bool,
    /// Per alert, the number of comments with the write's text before it was first sent.
    pub baselines: Option<BTreeMap<String, usize>>,
}

impl OutboxEntry {
    /// True when an earlier attempt may have reached the service, so a resend must check first.
    pub fn maybe_sent(&self) -> bool {
        self.attempts > 0
    }
}

/// Outbox entries per state, for the status bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    /// Pending.
    pub pending: u32,
    /// Sending.
    pub sending: u32,
    /// Failed.
    pub failed: u32,
    /// Conflict.
    pub conflict: u32,
    /// Done.
    pub done: u32,
    /// Discarded.
    pub discarded: u32,
}

const COLUMNS: &str =
    "id, write, state, reason, attempts, next_attempt_ms, queued_at, identity, force, baselines";

fn read_entry(row: &Row<'_>) -> Result<OutboxEntry, StoreError> {
    let write: String = row.get(1)?;
    let state: String = row.get(2)?;
    let queued: String = row.get(6)?;
    Ok(OutboxEntry {
        id: row.get(0)?,
        write: serde_json::from_str(&write)?,
        state: OutboxState::parse(&state)?,
        reason: row.get(3)?,
        attempts: row.get(4)?,
        next_attempt_ms: row.get(5)?,
        queued_at: Timestamp::parse(&queued).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        identity: row.get(7)?,
        force: row.get(8)?,
        baselines: row
            .get::<_, Option<String>>(9)?
            .map(|b| serde_json::from_str(&b))
            .transpose()?,
    })
}

impl Store {
    /// Commits a write to the outbox (state pending, due now) and returns its id.
    pub fn enqueue(&self, write: &TriageWrite, identity: Option<&str>) -> Result<i64, StoreError> {
        // An alert write is stored in the shape rows had before incidents, for older builds.
        self.insert_write(serde_json::to_string(write)?, &write.alert_ids, identity)
    }

    /// Commits an incident write to the same outbox (one order, one sender, one exactly-once rule).
    pub fn enqueue_incident(
        &self,
        write: &IncidentWrite,
        identity: Option<&str>,
    ) -> Result<i64, StoreError> {
        let json = serde_json::to_string(&OutboxWrite::Incident(write.clone()))?;
        self.insert_write(json, std::slice::from_ref(&write.incident_id), identity)
    }

    fn insert_write(
        &self,
        json: String,
        ids: &[String],
        identity: Option<&str>,
    ) -> Result<i64, StoreError> {
        let now = now_ms();
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO outbox (write, state, attempts, next_attempt_ms, queued_at, identity, updated_ms)
             VALUES (?1, 'pending', 0, ?2, ?3, ?4, ?2)",
            params![json, now, Timestamp::now().to_wire(), identity],
        )?;
        let id = tx.last_insert_rowid();
        super::audit::append_linked(&tx, "queue", ids, &json, Some(id), identity)?;
        tx.commit()?;
        Ok(id)
    }

    /// One entry.
    pub fn outbox_entry(&self, id: i64) -> Result<Option<OutboxEntry>, StoreError> {
        let conn = self.lock();
        let mut stmt =
            conn.prepare_cached(&format!("SELECT {COLUMNS} FROM outbox WHERE id = ?1"))?;
        stmt.query_row([id], |r| Ok(read_entry(r)))
            .optional()?
            .transpose()
    }

    /// Entries in the given states (all when empty), oldest first.
    pub fn outbox_list(&self, states: &[OutboxState]) -> Result<Vec<OutboxEntry>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM outbox ORDER BY id"))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let e = read_entry(r)?;
            if states.is_empty() || states.contains(&e.state) {
                out.push(e);
            }
        }
        Ok(out)
    }

    /// Entries to send now: pending or sending (left over from a crash) and due, oldest first.
    pub fn outbox_due(&self, now_ms: i64) -> Result<Vec<OutboxEntry>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM outbox WHERE state IN ('pending', 'sending')
             AND next_attempt_ms <= ?1 ORDER BY id"
        ))?;
        let mut rows = stmt.query([now_ms])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(read_entry(r)?);
        }
        Ok(out)
    }

    /// When the next pending or sending entry falls due (ms since the epoch), if any.
    pub fn outbox_next_due(&self) -> Result<Option<i64>, StoreError> {
        Ok(self.lock().query_row(
            "SELECT min(next_attempt_ms) FROM outbox WHERE state IN ('pending', 'sending')",
            [],
            |r| r.get(0),
        )?)
    }

    /// Counts per state.
    pub fn outbox_counts(&self) -> Result<OutboxCounts, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached("SELECT state, count(*) FROM outbox GROUP BY state")?;
        let mut rows = stmt.query([])?;
        let mut c = OutboxCounts::default();
        while let Some(r) = rows.next()? {
            let state: String = r.get(0)?;
            let n: u32 = r.get(1)?;
            match OutboxState::parse(&state)? {
                OutboxState::Pending => c.pending = n,
                OutboxState::Sending => c.sending = n,
                OutboxState::Failed => c.failed = n,
                OutboxState::Conflict => c.conflict = n,
                OutboxState::Done => c.done = n,
                OutboxState::Discarded => c.discarded = n,
            }
        }
        Ok(c)
    }

    /// Records that the entry is being handed to the service (committed before the request goes
    /// out), with the comment baselines of its first send (kept from the first send on).
    pub fn outbox_mark_sending(
        &self,
        id: i64,
        baselines: Option<&BTreeMap<String, usize>>,
    ) -> Result<(), StoreError> {
        let baselines = baselines.map(serde_json::to_string).transpose()?;
        let n = self.lock().execute(
            "UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_ms = ?2,
                baselines = COALESCE(baselines, ?3)
             WHERE id = ?1 AND state IN ('pending', 'sending')",
            params![id, now_ms(), baselines],
        )?;
        if n == 0 {
            return Err(StoreError::NoSuchEntry(id));
        }
        Ok(())
    }

    /// The service confirmed the write.
    pub fn outbox_mark_done(&self, id: i64) -> Result<(), StoreError> {
        self.settle(id, OutboxState::Done, None)
    }

    /// The service refused the write for good.
    pub fn outbox_mark_failed(&self, id: i64, reason: &str) -> Result<(), StoreError> {
        self.settle(id, OutboxState::Failed, Some(reason))
    }

    /// The alert changed on the server since the analyst saw it.
    pub fn outbox_mark_conflict(&self, id: i64, reason: &str) -> Result<(), StoreError> {
        self.settle(id, OutboxState::Conflict, Some(reason))
    }

    /// A transient failure: back to pending, not before `next_attempt_ms`.
    pub fn outbox_reschedule(
        &self,
        id: i64,
        next_attempt_ms: i64,
        reason: &str,
    ) -> Result<(), StoreError> {
        let n = self.lock().execute(
            "UPDATE outbox SET state = 'pending', next_attempt_ms = ?2, reason = ?3, updated_ms = ?4
             WHERE id = ?1 AND state IN ('pending', 'sending')",
            params![id, next_attempt_ms, reason, now_ms()],
        )?;
        if n == 0 {
            return Err(StoreError::NoSuchEntry(id));
        }
        Ok(())
    }

    /// Narrows the write (e.g. to the alerts of a batch not yet changed on the server).
    pub fn outbox_update_write(&self, id: i64, write: &TriageWrite) -> Result<(), StoreError> {
        let json = serde_json::to_string(write)?;
        let n = self.lock().execute(
            "UPDATE outbox SET write = ?2, updated_ms = ?3 WHERE id = ?1",
            params![id, json, now_ms()],
        )?;
        if n == 0 {
            return Err(StoreError::NoSuchEntry(id));
        }
        Ok(())
    }

    /// Puts failed entries (all, or the one given) back to pending, due now; returns how many.
    pub fn outbox_retry_failed(&self, id: Option<i64>) -> Result<usize, StoreError> {
        let now = now_ms();
        Ok(self.lock().execute(
            "UPDATE outbox SET state = 'pending', next_attempt_ms = ?1, updated_ms = ?1
             WHERE state = 'failed' AND (?2 IS NULL OR id = ?2)",
            params![now, id],
        )?)
    }

    /// Settles a conflict: overwrite sends it without the conflict check, discard drops it.
    /// Returns false when the entry was not in conflict.
    pub fn outbox_resolve_conflict(&self, id: i64, overwrite: bool) -> Result<bool, StoreError> {
        let now = now_ms();
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let n = if overwrite {
            tx.execute(
                "UPDATE outbox SET state = 'pending', force = 1, next_attempt_ms = ?2, updated_ms = ?2
                 WHERE id = ?1 AND state = 'conflict'",
                params![id, now],
            )?
        } else {
            tx.execute(
                "UPDATE outbox SET state = 'discarded', updated_ms = ?2
                 WHERE id = ?1 AND state = 'conflict'",
                params![id, now],
            )?
        };
        if n > 0 {
            let action = if overwrite { "overwrite" } else { "discard" };
            super::audit::append_linked(&tx, action, &[], &format!("outbox {id}"), Some(id), None)?;
        }
        tx.commit()?;
        Ok(n > 0)
    }

    /// Drops an entry the analyst no longer wants sent (any state but sending). Returns false if
    /// it does not exist or is being sent right now.
    pub fn outbox_drop(&self, id: i64) -> Result<bool, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let n = tx.execute(
            "UPDATE outbox SET state = 'discarded', updated_ms = ?2
             WHERE id = ?1 AND state IN ('pending', 'failed', 'conflict')",
            params![id, now_ms()],
        )?;
        if n > 0 {
            super::audit::append_linked(&tx, "drop", &[], &format!("outbox {id}"), Some(id), None)?;
        }
        tx.commit()?;
        Ok(n > 0)
    }

    /// Deletes settled entries (done, discarded) last changed before `before_ms`; returns how many.
    pub fn outbox_purge_settled(&self, before_ms: i64) -> Result<usize, StoreError> {
        Ok(self.lock().execute(
            "DELETE FROM outbox WHERE state IN ('done', 'discarded') AND updated_ms < ?1",
            [before_ms],
        )?)
    }

    fn settle(&self, id: i64, state: OutboxState, reason: Option<&str>) -> Result<(), StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let n = tx.execute(
            "UPDATE outbox SET state = ?2, reason = ?3, updated_ms = ?4
             WHERE id = ?1 AND state IN ('pending', 'sending')",
            params![id, state.as_str(), reason, now_ms()],
        )?;
        if n == 0 {
            return Err(StoreError::NoSuchEntry(id));
        }
        let ids: String =
            tx.query_row("SELECT write FROM outbox WHERE id = ?1", [id], |r| r.get(0))?;
        let ids = serde_json::from_str::<OutboxWrite>(&ids)
            .map(|w| w.ids())
            .unwrap_or_default();
        let detail = format!(
            "outbox {id}{}",
            reason.map(|r| format!(": {r}")).unwrap_or_default()
        );
        super::audit::append_linked(&tx, state.as_str(), &ids, &detail, Some(id), None)?;
        tx.commit()?;
        Ok(())
    }
}
