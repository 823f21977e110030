//! Offline files: API exports read as a stream, so the first alerts are ready before the whole
//! file has been read. Four shapes are recognised by their first bytes: a `{"value": [...]}`
//! page (several pages one after another too), a bare array, NDJSON (one alert per line), and a
//! single alert object (`GET /api/alerts/{id}`); any of them gzip-compressed (by the magic
//! bytes, not the file name). A malformed record is reported with its position (record index,
//! line, byte offset) and skipped; the rest loads.

mod loader;
mod scanner;

pub use loader::{FileLoader, LoadError, LoadEvent, Progress};
pub use scanner::{Position, Shape, SkippedRecord};
