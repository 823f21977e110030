//! The device side of the store: a cache of machines and of their machine actions (what the
//! device panel shows when the service is slow or down), and the log of response actions this
//! program sent (`action_sends`). Sends are not triage writes: they are never queued for later
//! or replayed; a row records what was asked, when the first attempt began (the lookup after a
//! lost answer searches from there), and how it ended. Every step is also in the audit log.

use super::audit;
use super::error::StoreError;
use super::handle::Store;
use super::ticks::{from_ticks, now_ms, to_ticks};
use mde_model::Timestamp;
use mde_model::device::{
    ActionFailure, ActionRequest, ActionSend, ActionStatus, Machine, MachineAction, SendState,
};
use rusqlite::{OptionalExtension, Row, params};

/// The migration adding the device tables (appended to the schema's list).
pub(crate) const DEVICE_TABLES: &str = "CREATE TABLE machines (
        id TEXT PRIMARY KEY NOT NULL,
        dns_name TEXT,
        raw TEXT NOT NULL,
        fetched INTEGER NOT NULL
    );
    CREATE INDEX machines_dns ON machines(dns_name COLLATE NOCASE);
    CREATE TABLE machine_actions (
        id TEXT PRIMARY KEY NOT NULL,
        machine_id TEXT NOT NULL,
        type TEXT NOT NULL,
        status TEXT NOT NULL,
        created INTEGER,
        updated INTEGER,
        raw TEXT NOT NULL
    );
    CREATE INDEX machine_actions_machine ON machine_actions(machine_id, created);
    CREATE TABLE action_sends (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        machine_id TEXT NOT NULL,
        type TEXT NOT NULL,
        request TEXT NOT NULL,
        started INTEGER NOT NULL,
        state TEXT NOT NULL,
        action_id TEXT,
        status TEXT,
        failure TEXT,
        updated_ms INTEGER NOT NULL
    );
    CREATE INDEX action_sends_machine ON action_sends(machine_id, id);
    CREATE INDEX action_sends_state ON action_sends(state);";

/// A cached machine.
#[derive(Debug, Clone, PartialEq)]
pub struct CachedMachine {
    /// The machine.
    pub machine: Machine,
    /// Its JSON as received.
    pub raw: String,
    /// When it was fetched.
    pub fetched: Option<Timestamp>,
}

// Only a copy at least as new replaces the cached one: a slow answer must not undo a fresh one.
const UPSERT_ACTION: &str = "INSERT INTO machine_actions
        (id, machine_id, type, status, created, updated, raw)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
    ON CONFLICT(id) DO UPDATE SET status = excluded.status, updated = excluded.updated,
        raw = excluded.raw
    WHERE machine_actions.updated IS NULL OR excluded.updated IS NULL
        OR excluded.updated >= machine_actions.updated";

const SELECT_SEND: &str =
    "SELECT id, request, started, state, action_id, status, failure FROM action_sends";

fn read_send(r: &Row<'_>) -> Result<ActionSend, StoreError> {
    let request: String = r.get(1)?;
    let request: ActionRequest = serde_json::from_str(&request)?;
    let started = from_ticks(r.get(2)?)
        .ok_or_else(|| StoreError::Corrupt("action send start time".into()))?;
    let state: String = r.get(3)?;
    let state = match state.as_str() {
        "sending" => SendState::Sending,
        "accepted" => SendState::Accepted {
            action_id: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
            status: ActionStatus::parse(&r.get::<_, Option<String>>(5)?.unwrap_or_default()),
        },
        "failed" => {
            let f: String = r.get::<_, Option<String>>(6)?.unwrap_or_default();
            SendState::Failed(serde_json::from_str(&f)?)
        }
        other => return Err(StoreError::Corrupt(format!("action send state {other:?}"))),
    };
    Ok(ActionSend {
        send_id: r.get(0)?,
        request,
        started,
        state,
    })
}

fn detail(send_id: i64, req: &ActionRequest, extra: serde_json::Value) -> String {
    let mut v = serde_json::json!({
        "sendId": send_id,
        "machineId": req.machine_id,
        "device": req.device_name,
        "action": req.action.name(),
        "type": req.action.action_type().as_str(),
        "comment": req.comment,
    });
    if let (Some(m), serde_json::Value::Object(e)) = (v.as_object_mut(), extra) {
        m.extend(e);
    }
    v.to_string()
}

fn alerts_of(req: &ActionRequest) -> Vec<String> {
    req.alert_id.iter().cloned().collect()
}

impl Store {
    /// Caches a machine as fetched now.
    pub fn upsert_machine(&self, m: &Machine, raw: &str) -> Result<(), StoreError> {
        self.lock().execute(
            "INSERT INTO machines (id, dns_name, raw, fetched) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(id) DO UPDATE SET dns_name = excluded.dns_name, raw = excluded.raw,
                 fetched = excluded.fetched",
            params![m.id, m.computer_dns_name, raw, to_ticks(&Timestamp::now())],
        )?;
        Ok(())
    }

    /// A cached machine by id, or else by name (any case; FQDN or first label).
    pub fn cached_machine(&self, id_or_name: &str) -> Result<Option<CachedMachine>, StoreError> {
        let conn = self.lock();
        let row = conn
            .query_row(
                "SELECT raw, fetched FROM machines WHERE id = ?1
                 UNION ALL
                 SELECT raw, fetched FROM machines
                 WHERE dns_name = ?1 COLLATE NOCASE OR dns_name LIKE ?2 ESCAPE '\\'
                 LIMIT 1",
                params![id_or_name, format!("{}.%", like_escape(id_or_name))],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)),
            )
            .optional()?;
        let Some((raw, fetched)) = row else {
            return Ok(None);
        };
        Ok(Some(CachedMachine {
            machine: serde_json::from_str(&raw)?,
            raw,
            fetched: from_ticks(fetched),
        }))
    }

    /// Caches machine actions (a copy only replaces one at least as new).
    pub fn upsert_machine_actions(&self, actions: &[MachineAction]) -> Result<(), StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached(UPSERT_ACTION)?;
            for a in actions {
                let Some(machine) = a.machine_id.as_deref() else {
                    continue;
                };
                stmt.execute(params![
                    a.id,
                    machine,
                    a.action_type.as_str(),
                    a.status.as_str(),
                    a.creation_date_time_utc.as_ref().map(to_ticks),
                    a.last_update_date_time_utc.as_ref().map(to_ticks),
                    serde_json::to_string(a)?,
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The cached actions of a device, newest first, at most `limit`.
    pub fn cached_machine_actions(
        &self,
        machine_id: &str,
        limit: usize,
    ) -> Result<Vec<MachineAction>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(
            "SELECT raw FROM machine_actions WHERE machine_id = ?1
             ORDER BY created DESC, id DESC LIMIT ?2",
        )?;
        let mut rows = stmt.query(params![
            machine_id,
            i64::try_from(limit).unwrap_or(i64::MAX)
        ])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let raw: String = r.get(0)?;
            out.push(serde_json::from_str(&raw)?);
        }
        Ok(out)
    }

    /// Records that an action is about to be sent (state `sending`), with the audit entry, in
    /// one transaction: if the program dies mid-send, the next start finds the row and looks the
    /// action up instead of forgetting it (or sending it again).
    pub fn begin_send(&self, req: &ActionRequest, started: Timestamp) -> Result<i64, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO action_sends (machine_id, type, request, started, state, updated_ms)
             VALUES (?1, ?2, ?3, ?4, 'sending', ?5)",
            params![
                req.machine_id,
                req.action.action_type().as_str(),
                serde_json::to_string(req)?,
                to_ticks(&started),
                now_ms()
            ],
        )?;
        let id = tx.last_insert_rowid();
        audit::append(
            &tx,
            "action-send",
            &alerts_of(req),
            &detail(id, req, serde_json::json!({})),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// A failed send is tried again: back to `sending` (the first attempt's start is kept).
    pub fn retry_send(&self, send_id: i64) -> Result<ActionSend, StoreError> {
        let send = self
            .send(send_id)?
            .ok_or(StoreError::NoSuchEntry(send_id))?;
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        tx.execute(
            "UPDATE action_sends SET state = 'sending', failure = NULL, updated_ms = ?2
             WHERE id = ?1",
            params![send_id, now_ms()],
        )?;
        audit::append(
            &tx,
            "action-retry",
            &alerts_of(&send.request),
            &detail(send_id, &send.request, serde_json::json!({})),
        )?;
        tx.commit()?;
        Ok(ActionSend {
            state: SendState::Sending,
            ..send
        })
    }

    /// The service holds the action (its answer, or a lookup found it): record its id and status.
    /// Audited once when accepted and once when it reaches a final state.
    pub fn send_progress(
        &self,
        send_id: i64,
        action: &MachineAction,
    ) -> Result<ActionSend, StoreError> {
        let before = self
            .send(send_id)?
            .ok_or(StoreError::NoSuchEntry(send_id))?;
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        tx.execute(
            "UPDATE action_sends SET state = 'accepted', action_id = ?2, status = ?3,
                 failure = NULL, updated_ms = ?4 WHERE id = ?1",
            params![send_id, action.id, action.status.as_str(), now_ms()],
        )?;
        let extra = serde_json::json!({"actionId": action.id, "status": action.status.as_str()});
        let was = match &before.state {
            SendState::Accepted { action_id, status } if *action_id == action.id => Some(status),
            _ => None,
        };
        if was.is_none() {
            audit::append(
                &tx,
                "action-created",
                &alerts_of(&before.request),
                &detail(send_id, &before.request, extra.clone()),
            )?;
        }
        if action.status.is_terminal() && was.is_none_or(|s| !s.is_terminal()) {
            audit::append(
                &tx,
                "action-final",
                &alerts_of(&before.request),
                &detail(send_id, &before.request, extra),
            )?;
        }
        tx.commit()?;
        Ok(ActionSend {
            state: SendState::Accepted {
                action_id: action.id.clone(),
                status: action.status.clone(),
            },
            ..before
        })
    }

    /// The send did not take effect; audited with the reason.
    pub fn send_failed(
        &self,
        send_id: i64,
        failure: &ActionFailure,
    ) -> Result<ActionSend, StoreError> {
        let before = self
            .send(send_id)?
            .ok_or(StoreError::NoSuchEntry(send_id))?;
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        tx.execute(
            "UPDATE action_sends SET state = 'failed', failure = ?2, updated_ms = ?3 WHERE id = ?1",
            params![send_id, serde_json::to_string(failure)?, now_ms()],
        )?;
        let extra = serde_json::json!({"failure": failure});
        audit::append(
            &tx,
            "action-failed",
            &alerts_of(&before.request),
            &detail(send_id, &before.request, extra),
        )?;
        tx.commit()?;
        Ok(ActionSend {
            state: SendState::Failed(failure.clone()),
            ..before
        })
    }

    /// One send.
    pub fn send(&self, send_id: i64) -> Result<Option<ActionSend>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&format!("{SELECT_SEND} WHERE id = ?1"))?;
        let mut rows = stmt.query([send_id])?;
        match rows.next()? {
            Some(r) => Ok(Some(read_send(r)?)),
            None => Ok(None),
        }
    }

    /// Sends still in flight or waiting on the service (`sending`, or accepted and not final),
    /// oldest first: what the tracker resumes after a restart.
    pub fn open_sends(&self) -> Result<Vec<ActionSend>, StoreError> {
        self.sends_where(
            "state = 'sending' OR (state = 'accepted' AND status NOT IN
                ('Succeeded', 'Failed', 'TimeOut', 'Cancelled'))",
            params![],
        )
    }

    /// The sends of one device, newest first, at most `limit`.
    pub fn sends_for(&self, machine_id: &str, limit: usize) -> Result<Vec<ActionSend>, StoreError> {
        let mut v = self.sends_where("machine_id = ?1", params![machine_id])?;
        v.reverse();
        v.truncate(limit);
        Ok(v)
    }

    fn sends_where(
        &self,
        cond: &str,
        p: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<ActionSend>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&format!("{SELECT_SEND} WHERE {cond} ORDER BY id"))?;
        let mut rows = stmt.query(p)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(read_send(r)?);
        }
        Ok(out)
    }

    /// Logs a response step that is not a send (a cancel, an indicator added or deleted).
    pub fn audit_response(
        &self,
        action: &str,
        alert_ids: &[String],
        detail: &serde_json::Value,
    ) -> Result<(), StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        audit::append(&tx, action, alert_ids, &detail.to_string())?;
        tx.commit()?;
        Ok(())
    }
}

/// Escapes `%`, `_` and `\` for a LIKE pattern.
fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
