//! The searchable text of each cached alert (issue 9: the list filters on evidence, the
//! description and technique ids without reading the JSON). It lives in its own table beside the
//! compact rows and is read with them (`rows_read`).

use super::error::StoreError;
use mde_model::AlertRow;
use rusqlite::{Statement, params};

/// The migration that adds the table. Alerts cached before it have no text, so the watermark is
/// forgotten: the next start fetches everything again and fills it.
pub(crate) const MIGRATION: &str = "CREATE TABLE alert_search (
        id TEXT PRIMARY KEY NOT NULL,
        text TEXT NOT NULL
    );
    DELETE FROM sync_state WHERE key = 'watermark';";

// Kept under the alert's key since v9 (`alert_key`).
pub(crate) const UPSERT: &str = "INSERT INTO alert_text (key, text) VALUES (?1, ?2)
    ON CONFLICT(key) DO UPDATE SET text = excluded.text WHERE alert_text.text IS NOT excluded.text";

/// Stores the text of the row under `key` with `stmt` (prepared from [`UPSERT`] once per
/// batch: preparing it per alert through the statement cache copied the SQL each time); true
/// when it was new or different.
pub(crate) fn upsert(
    stmt: &mut Statement<'_>,
    key: i64,
    row: &AlertRow,
) -> Result<bool, StoreError> {
    Ok(stmt.execute(params![key, row.search.as_str()])? > 0)
}
