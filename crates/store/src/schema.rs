//! The schema and its migrations, versioned through `PRAGMA user_version`.

use super::error::StoreError;
use rusqlite::Connection;

/// Each migration brings the schema from version `index` to `index + 1`.
const MIGRATIONS: &[&str] = &[
    // v1: alert cache (compact columns apart from the raw JSON, so listing rows never reads the JSON),
    // sync state, outbox, drafts, audit log.
    "CREATE TABLE alerts (
        id TEXT PRIMARY KEY NOT NULL,
        severity TEXT NOT NULL,
        status TEXT NOT NULL,
        classification TEXT,
        determination TEXT,
        title TEXT NOT NULL,
        device TEXT,
        user TEXT,
        assigned_to TEXT,
        category TEXT,
        detection_source TEXT,
        incident_id INTEGER,
        rbac_group TEXT,
        created INTEGER,
        last_update INTEGER,
        evidence_count INTEGER NOT NULL,
        comment_count INTEGER NOT NULL
    );
    CREATE INDEX alerts_last_update ON alerts(last_update);
    CREATE TABLE alert_raw (
        id TEXT PRIMARY KEY NOT NULL,
        raw TEXT NOT NULL
    );
    CREATE TABLE sync_state (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    );
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        write TEXT NOT NULL,
        state TEXT NOT NULL,
        reason TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_ms INTEGER NOT NULL,
        queued_at TEXT NOT NULL,
        identity TEXT,
        force INTEGER NOT NULL DEFAULT 0,
        updated_ms INTEGER NOT NULL
    );
    CREATE INDEX outbox_due ON outbox(state, next_attempt_ms);
    CREATE TABLE drafts (
        alert_id TEXT PRIMARY KEY NOT NULL,
        text TEXT NOT NULL,
        saved_ms INTEGER NOT NULL
    );
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        alert_ids TEXT NOT NULL,
        detail TEXT NOT NULL
    );",
    // v2: per alert, how many comments carried the write's text before it was first sent, so a
    // resend can tell our comment from an identical earlier one.
    "ALTER TABLE outbox ADD COLUMN baselines TEXT;",
    // v3: the raw JSON carries its own lastUpdateTime, so an upsert decides in one statement
    // whether it is newer (no read per alert while ingesting a page).
    "ALTER TABLE alert_raw ADD COLUMN last_update INTEGER;",
    // v4 (issue 9): the searchable text of each alert, beside its row.
    super::search_index::MIGRATION,
    // v5 (device response, issue 10): machine and machine-action cache, and the response
    // actions this program sent.
    super::devices::DEVICE_TABLES,
    // v6 (issue 11): incidents and their alert links, the hunt cache, the alerts' source product (Graph).
    super::incidents::MIGRATION,
    // v7 (issue 12): each audit row names its outbox entry and the identity that queued it.
    super::audit::AUDIT_LINKS_MIGRATION,
    // v8 (scale issue): the open queue in first-screen order, for a warm start's first rows.
    super::rows_read::FIRST_SCREEN_INDEX,
    // v9 (scale issue): the alert tables keyed by an integer, one text index instead of three.
    super::alert_key::MIGRATION,
    // v10: the first-screen index again, on v9's table (dropping the old table dropped it).
    super::rows_read::FIRST_SCREEN_INDEX,
    // v11 (scale issue): no query reads the rows by `last_update` (the upsert compares it per
    // row, by key), yet a first sync rewrote most of that index's pages at every commit, because
    // alerts arrive in no time order (100k alerts: 90 MB more log).
    "DROP INDEX IF EXISTS alerts_last_update;",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The page size of a new file, the largest SQLite has. Alerts with evidence are several kB; in
/// 64 kB pages a 100k first sync fills a 659 MB file instead of a 731 MB one of 16 kB pages, and
/// writes a quarter as many log frames: the store alone went 322–349 → 416–439 MiB/s (scale
/// issue, BENCHMARKS step 12).
pub(crate) const PAGE_SIZE: u32 = 65_536;

/// Sets the connection options and brings the schema up to date.
pub fn prepare(conn: &mut Connection) -> Result<(), StoreError> {
    // WAL lets the CLI read while the console writes; the busy timeout makes them wait, not fail.
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // Only a new, empty file takes this, and only before WAL mode is set.
    conn.execute_batch(&format!("PRAGMA page_size={PAGE_SIZE};"))?;
    let _mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
    // NORMAL is durable across application crashes in WAL mode (only an OS crash can lose the tail).
    conn.execute_batch("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")?;
    // Scale issue: SQLite's default cache is 2 MB (then 125 pages of 16 kB); a 10,000-alert page
    // inserted in random id order spilled and re-read index pages all through the transaction
    // (perf: pagerStress + getPageNormal ≈ 19% of the ingest). 64 MB is an upper bound, filled
    // only as pages are touched.
    conn.execute_batch("PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;")?;
    migrate(conn)
}

/// The version a store has once `sql`, one of the migrations, has run (the last version if none).
pub(crate) fn version_after(sql: &str) -> i64 {
    MIGRATIONS
        .iter()
        .position(|m| *m == sql)
        .map_or(SCHEMA_VERSION, |i| i as i64 + 1)
}

fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_until(conn, SCHEMA_VERSION)
}

/// Runs the migrations up to `version` (tests build an older store this way).
pub(crate) fn migrate_until(conn: &mut Connection, version: i64) -> Result<(), StoreError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    let wanted = usize::try_from(version).unwrap_or(0);
    for (index, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .take(wanted)
        .skip(found.max(0) as usize)
    {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
