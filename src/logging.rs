//! Logging to a file, never to the screen the console draws on. One record per line: control
//! characters in a message (an attacker's alert title, say) are escaped so they can neither
//! forge records nor drive the terminal of whoever reads the log.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tracing_subscriber::EnvFilter;

/// The variable that sets the log level (falls back to RUST_LOG, then `info`).
pub const LOG_ENV: &str = "MDE_TRIAGE_LOG";

/// Why logging could not start.
#[derive(Debug, thiserror::Error)]
pub enum LoggingError {
    /// The log file or its directory could not be created.
    #[error("cannot open log file {path}")]
    Open {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: io::Error,
    },
    /// A global subscriber is already installed.
    #[error("logging already initialised")]
    AlreadySet,
}

/// Starts logging to `path`. The level comes from `MDE_TRIAGE_LOG`, else `RUST_LOG`, else `info`;
/// an unreadable level string falls back to `info` rather than failing the program.
pub fn init(path: &Path) -> Result<(), LoggingError> {
    let file = open(path)?;
    let spec = std::env::var(LOG_ENV)
        .or_else(|_| std::env::var("RUST_LOG"))
        .unwrap_or_default();
    let filter = EnvFilter::try_new(if spec.trim().is_empty() {
        "info"
    } else {
        &spec
    })
    .unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(EscapingWriter::new(file)))
        .try_init()
        .map_err(|_| LoggingError::AlreadySet)
}

fn open(path: &Path) -> Result<File, LoggingError> {
    let err = |source| LoggingError::Open {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(err)?;
    }
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(err)
}

/// A writer that receives one formatted record per `write` and escapes every control character
/// in it except the record's final newline.
#[derive(Debug)]
pub struct EscapingWriter<W> {
    inner: W,
}

impl<W: Write> EscapingWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        EscapingWriter { inner }
    }

    /// The wrapped writer.
    pub fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: Write> Write for EscapingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let (body, newline) = match buf.strip_suffix(b"\n") {
            Some(b) => (b, true),
            None => (buf, false),
        };
        let text = String::from_utf8_lossy(body);
        let mut line = mde_text::log_escape(&text).into_owned();
        if newline {
            line.push('\n');
        }
        // One write_all per record keeps records whole when several threads log at once.
        self.inner.write_all(line.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_stays_one_line_and_escapes_never_pass() {
        let mut w = EscapingWriter::new(Vec::new());
        w.write_all(b"INFO title=\"evil\x1b]52;c;aGk=\x07\nFAKE RECORD\r\xc2\x9b\"\n")
            .unwrap();
        let out = String::from_utf8(w.into_inner()).unwrap();
        assert_eq!(out.matches('\n').count(), 1);
        assert!(out.ends_with('\n'));
        assert!(
            !out[..out.len() - 1].chars().any(char::is_control),
            "{out:?}"
        );
        assert!(
            out.contains("]52") && out.contains("\\nFAKE RECORD\\r"),
            "{out}"
        );
    }

    #[test]
    fn clean_text_is_unchanged() {
        let mut w = EscapingWriter::new(Vec::new());
        w.write_all("plain ascii é 漢字\n".as_bytes()).unwrap();
        assert_eq!(w.into_inner(), "plain ascii é 漢字\n".as_bytes());
    }

    #[test]
    fn open_creates_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/mde-triage.log");
        open(&path).unwrap();
        assert!(path.exists());
    }
}
