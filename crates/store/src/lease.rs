//! The outbox lease: only one process (console or CLI) sends a profile's outbox at a time, or two
//! of them could both find a comment missing and both post it.

use super::error::StoreError;
use super::handle::Store;
use super::ticks::now_ms;
use rusqlite::{OptionalExtension, params};

const LEASE_KEY: &str = "outbox_lease";

#[derive(serde::Serialize, serde::Deserialize)]
struct Lease {
    owner: String,
    pid: u32,
    until_ms: i64,
}

/// A name for this process as a lease holder.
pub fn lease_owner() -> String {
    format!("{}-{}", std::process::id(), now_ms())
}

/// True when `pid` is certainly gone (Linux only; elsewhere the lease just expires).
fn process_gone(pid: u32) -> bool {
    std::path::Path::new("/proc/self").exists()
        && !std::path::Path::new(&format!("/proc/{pid}")).exists()
}

impl Store {
    /// Takes or renews the outbox lease for `ttl_ms`. Fails (false) while another live holder has
    /// it; a holder that died (SIGKILL) or let it expire loses it.
    pub fn outbox_claim(&self, owner: &str, ttl_ms: i64) -> Result<bool, StoreError> {
        let mut conn = self.lock();
        // IMMEDIATE: the read and the write of the lease must not interleave with another process.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current: Option<String> = tx
            .query_row(
                "SELECT value FROM sync_state WHERE key = ?1",
                [LEASE_KEY],
                |r| r.get(0),
            )
            .optional()?;
        let now = now_ms();
        let free = match current.as_deref().map(serde_json::from_str::<Lease>) {
            Some(Ok(l)) => l.owner == owner || l.until_ms < now || process_gone(l.pid),
            _ => true,
        };
        if free {
            let lease = Lease {
                owner: owner.to_string(),
                pid: std::process::id(),
                until_ms: now + ttl_ms,
            };
            tx.execute(
                "INSERT INTO sync_state (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![LEASE_KEY, serde_json::to_string(&lease)?],
            )?;
        }
        tx.commit()?;
        Ok(free)
    }

    /// Gives the lease up, if `owner` holds it.
    pub fn outbox_release(&self, owner: &str) -> Result<(), StoreError> {
        let conn = self.lock();
        let current: Option<String> = conn
            .query_row(
                "SELECT value FROM sync_state WHERE key = ?1",
                [LEASE_KEY],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(Ok(l)) = current.as_deref().map(serde_json::from_str::<Lease>)
            && l.owner == owner
        {
            conn.execute("DELETE FROM sync_state WHERE key = ?1", [LEASE_KEY])?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_holder_at_a_time_until_release_or_expiry() {
        let s = Store::open_in_memory().unwrap();
        assert!(s.outbox_claim("a", 60_000).unwrap());
        assert!(s.outbox_claim("a", 60_000).unwrap(), "renewal");
        assert!(!s.outbox_claim("b", 60_000).unwrap());
        s.outbox_release("b").unwrap();
        assert!(
            !s.outbox_claim("b", 60_000).unwrap(),
            "only the holder releases"
        );
        s.outbox_release("a").unwrap();
        assert!(s.outbox_claim("b", -1).unwrap());
        assert!(
            s.outbox_claim("a", 60_000).unwrap(),
            "expired lease is taken over"
        );
    }
}
