//! Reading a page of alerts in one pass: each alert is deserialised once, typed, straight from
//! the page text, and its raw JSON is the slice it was read from (no scan into `RawValue`s
//! first, no second parse). The same reader takes the page whole (`parse_page`) or as its bytes
//! arrive (`PageReader::feed`), handing out the alerts read so far, so a sync never holds a
//! whole 10,000-alert page.

use super::page::{Page, PageError, PageItem, ParsedAlert, ParsedRow, SkippedAlert};
use serde::de::{Error as _, IgnoredAny};
use serde_json::error::Category;

/// Bytes gathered before a streamed page is read further: an alert cut by the end of the
/// buffer is read again once more bytes came, so small pieces would read many twice.
const READ_AT: usize = 256 * 1024;

/// Where the reader is in the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Nothing read yet.
    Start,
    /// Inside `{…}`, before a key (`first`: no key read yet).
    Envelope { first: bool },
    /// Inside the array of alerts (`envelope`: the array is the envelope's `value`).
    Items { envelope: bool, first: bool },
    /// The page's value is complete: only whitespace may follow.
    End,
}

/// Reads could not go on: more bytes are needed, or the page is malformed.
enum Stop {
    More,
    Bad(serde_json::Error),
}

impl From<serde_json::Error> for Stop {
    fn from(e: serde_json::Error) -> Self {
        if e.classify() == Category::Eof {
            Stop::More
        } else {
            Stop::Bad(e)
        }
    }
}

/// A page read as its bytes arrive, into typed alerts or (`PageReader<ParsedRow>`) rows.
#[derive(Debug)]
pub struct PageReader<T = ParsedAlert> {
    /// Bytes received and not read yet, valid UTF-8.
    buf: String,
    /// The tail of a character cut between two pieces.
    cut: Vec<u8>,
    stage: Stage,
    index: usize,
    seen_value: bool,
    page: Page<T>,
}

impl<T: PageItem> Default for PageReader<T> {
    fn default() -> Self {
        PageReader {
            buf: String::new(),
            cut: Vec::new(),
            stage: Stage::Start,
            index: 0,
            seen_value: false,
            page: Page::default(),
        }
    }
}

impl PageReader {
    /// A reader at the start of a page, reading typed alerts.
    pub fn new() -> Self {
        PageReader::default()
    }
}

impl PageReader<ParsedRow> {
    /// A reader at the start of a page, reading each alert straight into its row.
    pub fn rows() -> Self {
        PageReader::default()
    }
}

impl<T: PageItem> PageReader<T> {
    /// Takes the next piece of the page and reads what it completes.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<(), PageError> {
        let mut bytes = bytes;
        let joined;
        if !self.cut.is_empty() {
            self.cut.extend_from_slice(bytes);
            joined = std::mem::take(&mut self.cut);
            bytes = &joined;
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => self.buf.push_str(s),
            Err(e) if e.error_len().is_none() => {
                let (ok, rest) = bytes.split_at(e.valid_up_to());
                self.buf
                    .push_str(std::str::from_utf8(ok).unwrap_or_default());
                self.cut = rest.to_vec();
            }
            Err(_) => {
                return Err(PageError(serde_json::Error::custom(
                    "invalid UTF-8 in the page",
                )));
            }
        }
        if self.buf.len() >= READ_AT {
            self.read(false)?;
        }
        Ok(())
    }

    /// The alerts read so far (taken out of the reader), and the ones skipped.
    pub fn take(&mut self) -> (Vec<T>, Vec<SkippedAlert>) {
        (
            std::mem::take(&mut self.page.alerts),
            std::mem::take(&mut self.page.skipped),
        )
    }

    /// Alerts read so far and not taken.
    pub fn ready(&self) -> usize {
        self.page.alerts.len() + self.page.skipped.len()
    }

    /// The page has ended: reads the rest; what was not taken is in the page returned.
    pub fn finish(mut self) -> Result<Page<T>, PageError> {
        if !self.cut.is_empty() {
            return Err(PageError(serde_json::Error::custom(
                "the page ends inside a character",
            )));
        }
        self.read(true)?;
        Ok(self.page)
    }

    fn read(&mut self, eof: bool) -> Result<(), PageError> {
        let mut cursor = Cursor {
            stage: self.stage,
            index: self.index,
            seen_value: self.seen_value,
        };
        let used = cursor.advance(&self.buf, eof, &mut self.page)?;
        self.buf.drain(..used);
        self.stage = cursor.stage;
        self.index = cursor.index;
        self.seen_value = cursor.seen_value;
        Ok(())
    }
}

/// Reads a whole page in one pass.
pub(crate) fn read_whole<T: PageItem>(json: &str) -> Result<Page<T>, PageError> {
    let mut page = Page::default();
    let mut cursor = Cursor {
        stage: Stage::Start,
        index: 0,
        seen_value: false,
    };
    cursor.advance(json, true, &mut page)?;
    Ok(page)
}

struct Cursor {
    stage: Stage,
    index: usize,
    seen_value: bool,
}

impl Cursor {
    /// Reads as far as `text` goes; returns the bytes used (whole steps only). Running out of
    /// bytes is an error only at the end (`eof`).
    fn advance<T: PageItem>(
        &mut self,
        text: &str,
        eof: bool,
        page: &mut Page<T>,
    ) -> Result<usize, PageError> {
        let mut at = 0;
        loop {
            match self.step(text, at, eof, page) {
                Ok(Some(next)) => at = next,
                Ok(None) => return Ok(at),
                Err(Stop::More) if !eof => return Ok(at),
                Err(Stop::More) => {
                    return Err(PageError(serde_json::Error::custom(
                        "EOF while parsing the page",
                    )));
                }
                Err(Stop::Bad(e)) => return Err(PageError(e)),
            }
        }
    }

    /// One step from `at`: Some(position after it), or None when the page is complete.
    fn step<T: PageItem>(
        &mut self,
        text: &str,
        at: usize,
        eof: bool,
        page: &mut Page<T>,
    ) -> Result<Option<usize>, Stop> {
        let bytes = text.as_bytes();
        let mut p = skip_ws(bytes, at);
        let next = |p: usize| bytes.get(p).copied().ok_or(Stop::More);
        match self.stage {
            Stage::Start => {
                match next(p)? {
                    b'[' => {
                        self.stage = Stage::Items {
                            envelope: false,
                            first: true,
                        }
                    }
                    b'{' => self.stage = Stage::Envelope { first: true },
                    _ => return Err(bad("expected a page ({\"value\": [...]}) or an array")),
                }
                Ok(Some(p + 1))
            }
            Stage::Envelope { first } => {
                let mut b = next(p)?;
                if b == b'}' {
                    if !self.seen_value {
                        return Err(bad("missing field `value`"));
                    }
                    self.stage = Stage::End;
                    return Ok(Some(p + 1));
                }
                if !first {
                    if b != b',' {
                        return Err(bad("expected `,` or `}` in the page"));
                    }
                    p = skip_ws(bytes, p + 1);
                    b = next(p)?;
                }
                if b != b'"' {
                    return Err(bad("expected a key in the page"));
                }
                let (key, after) = value::<String>(text, p, eof)?;
                p = skip_ws(bytes, after);
                if next(p)? != b':' {
                    return Err(bad("expected `:` in the page"));
                }
                p = skip_ws(bytes, p + 1);
                match key.as_str() {
                    "value" => {
                        if self.seen_value {
                            return Err(bad("duplicate field `value`"));
                        }
                        if next(p)? != b'[' {
                            return Err(bad("invalid type: `value` must be an array"));
                        }
                        self.seen_value = true;
                        self.stage = Stage::Items {
                            envelope: true,
                            first: true,
                        };
                        Ok(Some(p + 1))
                    }
                    "@odata.nextLink" => {
                        let (link, end) = value::<Option<String>>(text, p, eof)?;
                        page.next_link = link;
                        self.stage = Stage::Envelope { first: false };
                        Ok(Some(end))
                    }
                    _ => {
                        let (_, end) = value::<IgnoredAny>(text, p, eof)?;
                        self.stage = Stage::Envelope { first: false };
                        Ok(Some(end))
                    }
                }
            }
            Stage::Items { envelope, first } => {
                let b = next(p)?;
                if b == b']' {
                    self.stage = if envelope {
                        Stage::Envelope { first: false }
                    } else {
                        Stage::End
                    };
                    return Ok(Some(p + 1));
                }
                if !first {
                    if b != b',' {
                        return Err(bad("expected `,` or `]` in the alerts"));
                    }
                    p = skip_ws(bytes, p + 1);
                }
                let end = self.item(text, p, eof, page)?;
                self.stage = Stage::Items {
                    envelope,
                    first: false,
                };
                Ok(Some(end))
            }
            Stage::End => match bytes.get(p) {
                None => Ok(None),
                Some(_) => Err(bad("trailing characters after the page")),
            },
        }
    }

    /// One alert at `p`: parsed into the page, or skipped with the reason; returns its end.
    fn item<T: PageItem>(
        &mut self,
        text: &str,
        p: usize,
        eof: bool,
        page: &mut Page<T>,
    ) -> Result<usize, Stop> {
        let index = self.index;
        let typed = match T::quick(text, p) {
            Some(read) => Ok(read),
            None => value::<T::Typed<'_>>(text, p, eof),
        };
        let (reason, end) = match typed {
            Ok((alert, end)) if !T::id(&alert).is_empty() => {
                page.alerts.push(T::make(alert, &text[p..end]));
                self.index += 1;
                return Ok(end);
            }
            Ok((_, end)) => ("alert has an empty id".to_string(), end),
            Err(Stop::More) => return Err(Stop::More),
            Err(Stop::Bad(e)) => {
                // Valid JSON of the wrong shape costs this alert only; broken JSON, the page.
                let (_, end) = value::<IgnoredAny>(text, p, eof)?;
                (e.to_string(), end)
            }
        };
        page.skipped.push(SkippedAlert {
            index,
            id: id_of(&text[p..end]),
            reason,
        });
        self.index += 1;
        Ok(end)
    }
}

/// Deserialises one value starting at `p`; returns it and where it ends. A value that is not
/// self-delimiting (a number) and ends where the text does may go on in the next piece.
fn value<'a, T: serde::Deserialize<'a>>(
    text: &'a str,
    p: usize,
    eof: bool,
) -> Result<(T, usize), Stop> {
    let mut it = serde_json::Deserializer::from_str(&text[p..]).into_iter::<T>();
    match it.next() {
        None => Err(Stop::More),
        Some(Err(e)) => Err(e.into()),
        Some(Ok(v)) => {
            let end = p + it.byte_offset();
            let delimited = matches!(text.as_bytes()[p], b'{' | b'[' | b'"');
            if end == text.len() && !eof && !delimited {
                return Err(Stop::More);
            }
            Ok((v, end))
        }
    }
}

/// The id of a skipped alert, when that much can be read.
fn id_of(raw: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: Option<serde_json::Value>,
    }
    serde_json::from_str::<IdOnly>(raw)
        .ok()
        .and_then(|i| i.id)
        .map(|v| match v {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        })
}

fn skip_ws(bytes: &[u8], mut p: usize) -> usize {
    while matches!(bytes.get(p), Some(b' ' | b'\n' | b'\r' | b'\t')) {
        p += 1;
    }
    p
}

fn bad(msg: &str) -> Stop {
    Stop::Bad(serde_json::Error::custom(msg))
}
