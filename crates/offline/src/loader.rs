//! The loader: opens a file (gzip by its magic bytes), reads it in chunks through the scanner
//! and parses each record as it completes, so alerts come out while the file is still being
//! read. It is an iterator; the caller decides how to batch and where to run it.

use super::scanner::{Found, Position, Scanner, Shape, SkippedRecord};
use mde_model::{ParsedAlert, parse_alert};
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Bytes read per step: big enough to be cheap, small enough that the first screen is quick.
const CHUNK: usize = 256 * 1024;

/// One thing the loader found.
#[derive(Debug, Clone)]
pub enum LoadEvent {
    /// An alert that parsed.
    Alert(Box<ParsedAlert>),
    /// A record that did not, with where it was and why.
    Skipped(SkippedRecord),
}

/// The file could not be read at all, or stopped being readable.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Opening or reading failed (a gzip stream that is corrupt lands here too).
    #[error("reading {what} failed at byte {byte}: {source}")]
    Io {
        /// The file, or "the input".
        what: String,
        /// How far the (decompressed) stream had been read.
        byte: u64,
        /// The error.
        #[source]
        source: io::Error,
    },
    /// The first bytes are not JSON: not an API export.
    #[error(
        "{what} is not an API export: it starts with {found:?} (expected a {{\"value\": [...]}} page, an array, or one alert per line)"
    )]
    NotAnExport {
        /// The file.
        what: String,
        /// Its first characters.
        found: String,
    },
}

/// How far the loader has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Bytes of the file read so far (compressed bytes for a gzip file).
    pub bytes_read: u64,
    /// The file's size, when known.
    pub bytes_total: Option<u64>,
    /// Alerts parsed.
    pub alerts: u64,
    /// Records skipped.
    pub skipped: u64,
    /// True once the whole file has been read.
    pub done: bool,
}

/// Counts the bytes taken from the underlying file (before decompression).
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The streaming reader of one export.
pub struct FileLoader {
    what: String,
    input: Box<dyn Read + Send>,
    read: Arc<AtomicU64>,
    progress: Progress,
    scanner: Scanner,
    chunk: Vec<u8>,
    found: Vec<Found>,
    ready: VecDeque<LoadEvent>,
    gzip: bool,
    first: bool,
    failed: bool,
    error: Option<LoadError>,
}

impl std::fmt::Debug for FileLoader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileLoader")
            .field("what", &self.what)
            .field("progress", &self.progress)
            .finish_non_exhaustive()
    }
}

impl FileLoader {
    /// Opens a file.
    pub fn open(path: &Path) -> Result<FileLoader, LoadError> {
        let what = path.display().to_string();
        let io_err = |source| LoadError::Io {
            what: what.clone(),
            byte: 0,
            source,
        };
        let file = File::open(path).map_err(io_err)?;
        let total = file.metadata().ok().map(|m| m.len());
        Self::from_reader(what.clone(), file, total)
    }

    /// Reads from any reader; `what` names it in messages, `total` is its size when known.
    pub fn from_reader(
        what: String,
        reader: impl Read + Send + 'static,
        total: Option<u64>,
    ) -> Result<FileLoader, LoadError> {
        let read = Arc::new(AtomicU64::new(0));
        let mut buffered = BufReader::with_capacity(
            CHUNK,
            Counting {
                inner: reader,
                count: read.clone(),
            },
        );
        let head = buffered.fill_buf().map_err(|source| LoadError::Io {
            what: what.clone(),
            byte: 0,
            source,
        })?;
        let gzip = head.starts_with(&[0x1f, 0x8b]);
        let input: Box<dyn Read + Send> = if gzip {
            Box::new(flate2::read::MultiGzDecoder::new(buffered))
        } else {
            Box::new(buffered)
        };
        Ok(FileLoader {
            what,
            input,
            read,
            progress: Progress {
                bytes_total: total,
                ..Progress::default()
            },
            scanner: Scanner::new(),
            chunk: vec![0; CHUNK],
            found: Vec::new(),
            ready: VecDeque::new(),
            gzip,
            first: true,
            failed: false,
            error: None,
        })
    }

    /// How far it has got.
    pub fn progress(&self) -> Progress {
        Progress {
            bytes_read: self.read.load(Ordering::Relaxed),
            ..self.progress
        }
    }

    /// The file's shape, once its first record has been seen.
    pub fn shape(&self) -> Option<Shape> {
        self.scanner.shape()
    }

    /// True when the file was gzip-compressed.
    pub fn is_gzip(&self) -> bool {
        self.gzip
    }

    /// Reads one chunk; false at the end (or after an error, which is returned once).
    fn fill(&mut self) -> Result<bool, LoadError> {
        let n = loop {
            match self.input.read(&mut self.chunk) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(source) => {
                    // What was read before the error still counts; the error comes after it.
                    self.failed = true;
                    self.scanner.finish(&mut self.found);
                    self.parse_found();
                    self.error = Some(LoadError::Io {
                        what: self.what.clone(),
                        byte: self.scanner.bytes(),
                        source,
                    });
                    return Ok(false);
                }
            }
        };
        if self.first && n > 0 {
            self.first = false;
            let text = String::from_utf8_lossy(&self.chunk[..n.min(64)]);
            let lead = text.trim_start_matches('\u{feff}').trim_start();
            if !lead.starts_with(['{', '[']) {
                self.failed = true;
                return Err(LoadError::NotAnExport {
                    what: self.what.clone(),
                    found: lead.chars().take(16).collect(),
                });
            }
        }
        if n == 0 {
            self.scanner.finish(&mut self.found);
        } else {
            self.scanner.feed(&self.chunk[..n], &mut self.found);
        }
        self.parse_found();
        Ok(n > 0)
    }

    fn parse_found(&mut self) {
        for found in self.found.drain(..) {
            let event = match found {
                Found::Record { bytes, position } => parse_record(&bytes, position),
                Found::Skipped(s) => LoadEvent::Skipped(s),
            };
            match &event {
                LoadEvent::Alert(_) => self.progress.alerts += 1,
                LoadEvent::Skipped(_) => self.progress.skipped += 1,
            }
            self.ready.push_back(event);
        }
    }
}

impl Iterator for FileLoader {
    type Item = Result<LoadEvent, LoadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(e) = self.ready.pop_front() {
                return Some(Ok(e));
            }
            if let Some(e) = self.error.take() {
                return Some(Err(e));
            }
            if self.failed || self.progress.done {
                return None;
            }
            match self.fill() {
                Ok(true) => {}
                Ok(false) if self.failed => {}
                Ok(false) => self.progress.done = true,
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// Parses one record's bytes; a failure keeps the position, the id if readable, and the line
/// inside the file where serde stopped.
fn parse_record(bytes: &[u8], position: Position) -> LoadEvent {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return LoadEvent::Skipped(SkippedRecord {
                position,
                id: None,
                reason: format!("not UTF-8 text (at byte {} of the record)", e.valid_up_to()),
            });
        }
    };
    match parse_alert(text) {
        Ok(p) => LoadEvent::Alert(Box::new(p)),
        Err(reason) => LoadEvent::Skipped(SkippedRecord {
            position,
            id: id_of(text),
            reason: in_file_terms(&reason, position),
        }),
    }
}

/// serde counts lines from the record's start; say where that is in the file instead.
fn in_file_terms(reason: &str, position: Position) -> String {
    let Some((head, tail)) = reason.rsplit_once(" at line ") else {
        return reason.to_string();
    };
    let mut nums = tail.split(" column ").map(|n| n.trim().parse::<u64>());
    match (nums.next(), nums.next()) {
        (Some(Ok(1)), Some(Ok(col))) => {
            format!("{head} at byte {}", position.byte + col.saturating_sub(1))
        }
        (Some(Ok(line)), Some(Ok(col))) => {
            format!("{head} at line {} column {col}", position.line + line - 1)
        }
        _ => reason.to_string(),
    }
}

/// The `"id"` of a record that did not parse as an alert, when it is a JSON object at all.
fn id_of(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: Option<serde_json::Value>,
    }
    let v = serde_json::from_str::<IdOnly>(text).ok()?.id?;
    Some(match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    })
}
