//! The local SQLite store: alert cache, outbox of triage writes, comment drafts.
