//! Drafts of unsent comments, one per alert, kept across restarts.

use super::error::StoreError;
use super::handle::Store;
use super::ticks::now_ms;
use rusqlite::{OptionalExtension, params};

impl Store {
    /// Saves the draft of an alert's comment; empty (or all-whitespace) text deletes it.
    pub fn save_draft(&self, alert_id: &str, text: &str) -> Result<(), StoreError> {
        if text.trim().is_empty() {
            return self.delete_draft(alert_id);
        }
        self.lock().execute(
            "INSERT INTO drafts (alert_id, text, saved_ms) VALUES (?1, ?2, ?3)
             ON CONFLICT(alert_id) DO UPDATE SET text = excluded.text, saved_ms = excluded.saved_ms",
            params![alert_id, text, now_ms()],
        )?;
        Ok(())
    }

    /// The saved draft of an alert's comment, if any.
    pub fn load_draft(&self, alert_id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .lock()
            .query_row(
                "SELECT text FROM drafts WHERE alert_id = ?1",
                [alert_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Deletes an alert's draft (after the comment was queued, say).
    pub fn delete_draft(&self, alert_id: &str) -> Result<(), StoreError> {
        self.lock()
            .execute("DELETE FROM drafts WHERE alert_id = ?1", [alert_id])?;
        Ok(())
    }
}
