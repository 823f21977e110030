//! A page of alerts as `GET /api/alerts` answers it, parsed one alert at a time so that one
//! malformed alert is reported and skipped while the rest of the page loads (the reading
//! itself is `page_reader`).

use super::alert::Alert;
use super::evidence::EvidenceView;
use super::row::AlertRow;

/// An alert together with the exact JSON it was parsed from (for the raw view and the cache).
#[derive(Debug, Clone)]
pub struct ParsedAlert {
    /// The typed alert.
    pub alert: Alert,
    /// The JSON text exactly as received, unknown fields included.
    pub raw: String,
}

/// An alert read straight into its list row (scale issue: what a sync stores), beside the JSON
/// it was read from; its evidence is read borrowed from the page, never owned.
#[derive(Debug, Clone)]
pub struct ParsedRow {
    /// The compact row, searchable text included.
    pub row: AlertRow,
    /// The JSON text exactly as received.
    pub raw: String,
}

impl From<ParsedAlert> for ParsedRow {
    fn from(p: ParsedAlert) -> Self {
        ParsedRow {
            row: AlertRow::from_owned_alert(p.alert),
            raw: p.raw,
        }
    }
}

/// What a page reader makes of each alert it reads: a typed alert, or a row.
pub trait PageItem: Sized {
    /// The alert as deserialised, borrowing from the page's text where it can.
    type Typed<'a>: serde::Deserialize<'a>;
    /// The alert at `p` read by the quick path, and where it ends; `None` where serde reads it.
    fn quick(text: &str, p: usize) -> Option<(Self::Typed<'_>, usize)>;
    /// Its id (an alert with an empty one is skipped).
    fn id<'t>(typed: &'t Self::Typed<'_>) -> &'t str;
    /// The item, from the typed alert and the JSON it was read from.
    fn make(typed: Self::Typed<'_>, raw: &str) -> Self;
}

impl PageItem for ParsedAlert {
    type Typed<'a> = Alert;
    fn quick(text: &str, p: usize) -> Option<(Alert, usize)> {
        super::quick_read::alert(text, p, true)
    }
    fn id(typed: &Alert) -> &str {
        &typed.id
    }
    fn make(alert: Alert, raw: &str) -> Self {
        ParsedAlert {
            alert,
            raw: raw.to_string(),
        }
    }
}

impl PageItem for ParsedRow {
    type Typed<'a> = Alert<EvidenceView<'a>>;
    fn quick(text: &str, p: usize) -> Option<(Alert<EvidenceView<'_>>, usize)> {
        // Read for its row only (`make` keeps nothing else).
        super::quick_read::alert(text, p, false)
    }
    fn id<'t>(typed: &'t Alert<EvidenceView<'_>>) -> &'t str {
        &typed.id
    }
    fn make(alert: Alert<EvidenceView<'_>>, raw: &str) -> Self {
        ParsedRow {
            row: AlertRow::from_owned_alert(alert),
            raw: raw.to_string(),
        }
    }
}

/// One alert in a page that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedAlert {
    /// Position in the page.
    pub index: usize,
    /// Its id, when that much could be read.
    pub id: Option<String>,
    /// What was wrong.
    pub reason: String,
}

/// A parsed page, of typed alerts or (`Page<ParsedRow>`) of rows.
#[derive(Debug, Clone)]
pub struct Page<T = ParsedAlert> {
    /// The alerts that parsed.
    pub alerts: Vec<T>,
    /// The ones that did not, with reasons.
    pub skipped: Vec<SkippedAlert>,
    /// `@odata.nextLink`, when the service sent one.
    pub next_link: Option<String>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            alerts: Vec::new(),
            skipped: Vec::new(),
            next_link: None,
        }
    }
}

/// The page as a whole was unreadable (not JSON, or neither `{"value": [...]}` nor an array).
#[derive(Debug, thiserror::Error)]
#[error("malformed alerts page: {0}")]
pub struct PageError(#[from] pub(crate) serde_json::Error);

/// Parses an API page (`{"value": [...]}`) or a bare array of alerts, as exported from the
/// service, in one pass ([`PageReader`](crate::PageReader) reads one as it arrives).
pub fn parse_page(json: &str) -> Result<Page, PageError> {
    super::page_reader::read_whole(json)
}

/// Like [`parse_page`], each alert read straight into its row (what a sync stores).
pub fn parse_page_rows(json: &str) -> Result<Page<ParsedRow>, PageError> {
    super::page_reader::read_whole(json)
}

/// Parses a single alert (`GET /api/alerts/{id}`), keeping its raw JSON.
pub fn parse_alert(json: &str) -> Result<ParsedAlert, String> {
    match serde_json::from_str::<Alert>(json) {
        Ok(alert) if alert.id.is_empty() => Err("alert has an empty id".to_string()),
        Ok(alert) => Ok(ParsedAlert {
            alert,
            raw: json.to_string(),
        }),
        Err(e) => Err(e.to_string()),
    }
}
