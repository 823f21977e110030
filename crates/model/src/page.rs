//! A page of alerts as `GET /api/alerts` answers it, parsed one alert at a time so that one
//! malformed alert is reported and skipped while the rest of the page loads (the reading
//! itself is `page_reader`).

use super::alert::Alert;

/// An alert together with the exact JSON it was parsed from (for the raw view and the cache).
#[derive(Debug, Clone)]
pub struct ParsedAlert {
    /// The typed alert.
    pub alert: Alert,
    /// The JSON text exactly as received, unknown fields included.
    pub raw: String,
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

/// A parsed page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The alerts that parsed.
    pub alerts: Vec<ParsedAlert>,
    /// The ones that did not, with reasons.
    pub skipped: Vec<SkippedAlert>,
    /// `@odata.nextLink`, when the service sent one.
    pub next_link: Option<String>,
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
