//! Migration v9 (scale issue): the alert cache keyed by an integer. Each alert's row gets an
//! explicit `key INTEGER PRIMARY KEY`, and its JSON and searchable text are kept under that key
//! instead of under the alert's text id. A first sync of 100k alerts then keeps one text index (the
//! rows' `id`) instead of three: the JSON and the text are appended in key order, where each text
//! index took an entry at a random place that every transaction rewrote as it grew. The key is a
//! declared column, not the implicit rowid, so `VACUUM` cannot renumber it under the other tables.

/// Rebuilds the three alert tables around the key, keeping every cached row, JSON and text.
pub(crate) const MIGRATION: &str = "
    CREATE TABLE alerts_keyed (
        key INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
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
        comment_count INTEGER NOT NULL,
        source TEXT
    );
    INSERT INTO alerts_keyed (key, id, severity, status, classification, determination, title,
        device, user, assigned_to, category, detection_source, incident_id, rbac_group, created,
        last_update, evidence_count, comment_count, source)
    SELECT rowid, id, severity, status, classification, determination, title, device, user,
        assigned_to, category, detection_source, incident_id, rbac_group, created, last_update,
        evidence_count, comment_count, source FROM alerts ORDER BY rowid;
    CREATE TABLE alert_json (
        key INTEGER PRIMARY KEY,
        raw TEXT NOT NULL
    );
    INSERT INTO alert_json (key, raw)
    SELECT a.key, r.raw FROM alert_raw r JOIN alerts_keyed a ON a.id = r.id ORDER BY a.key;
    CREATE TABLE alert_text (
        key INTEGER PRIMARY KEY,
        text TEXT NOT NULL
    );
    INSERT INTO alert_text (key, text)
    SELECT a.key, s.text FROM alert_search s JOIN alerts_keyed a ON a.id = s.id ORDER BY a.key;
    DROP TABLE alert_search;
    DROP TABLE alert_raw;
    DROP TABLE alerts;
    ALTER TABLE alerts_keyed RENAME TO alerts;
    CREATE INDEX alerts_last_update ON alerts(last_update);";

impl super::handle::Store {
    /// How many cached alerts opening the file at `path` will copy into the keyed tables (0 for
    /// a new file or one already keyed), so a caller can say why this one start takes longer.
    pub fn alerts_to_rekey(path: &std::path::Path) -> Result<u64, super::error::StoreError> {
        if !path.exists() {
            return Ok(0);
        }
        let conn = rusqlite::Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version == 0 || version >= super::schema::version_after(MIGRATION) {
            return Ok(0);
        }
        let n: i64 = conn.query_row("SELECT count(*) FROM alerts", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}
