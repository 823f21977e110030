//! The searchable text of each cached alert (issue 9: the list filters on evidence, the
//! description and technique ids without reading the JSON). It lives in its own table beside the
//! compact rows and is attached to them when they are read.

use super::error::StoreError;
use mde_model::{AlertRow, SearchText};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use std::collections::HashMap;

/// The migration that adds the table. Alerts cached before it have no text, so the watermark is
/// forgotten: the next start fetches everything again and fills it.
pub(crate) const MIGRATION: &str = "CREATE TABLE alert_search (
        id TEXT PRIMARY KEY NOT NULL,
        text TEXT NOT NULL
    );
    DELETE FROM sync_state WHERE key = 'watermark';";

const UPSERT: &str = "INSERT INTO alert_search (id, text) VALUES (?1, ?2)
    ON CONFLICT(id) DO UPDATE SET text = excluded.text WHERE alert_search.text IS NOT excluded.text";

/// Stores the row's text; true when it was new or different.
pub(crate) fn upsert(tx: &Transaction<'_>, row: &AlertRow) -> Result<bool, StoreError> {
    let mut stmt = tx.prepare_cached(UPSERT)?;
    Ok(stmt.execute(params![row.id, row.search.as_str()])? > 0)
}

/// Attaches the stored text to every row (one pass over the table).
pub(crate) fn attach_all(conn: &Connection, rows: &mut [AlertRow]) -> Result<(), StoreError> {
    let mut texts: HashMap<String, String> = HashMap::with_capacity(rows.len());
    let mut stmt = conn.prepare_cached("SELECT id, text FROM alert_search")?;
    let mut found = stmt.query([])?;
    while let Some(r) = found.next()? {
        texts.insert(r.get(0)?, r.get(1)?);
    }
    for row in rows {
        if let Some(t) = texts.get(&row.id) {
            row.search = SearchText::from_stored(t);
        }
    }
    Ok(())
}

/// Attaches the stored text to a few rows.
pub(crate) fn attach_each(conn: &Connection, rows: &mut [AlertRow]) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached("SELECT text FROM alert_search WHERE id = ?1")?;
    for row in rows {
        let text: Option<String> = stmt.query_row([&row.id], |r| r.get(0)).optional()?;
        if let Some(t) = text {
            row.search = SearchText::from_stored(&t);
        }
    }
    Ok(())
}
