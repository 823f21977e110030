//! A page of alerts as `GET /api/alerts` answers it, parsed one alert at a time so that one
//! malformed alert is reported and skipped while the rest of the page loads.

use super::alert::Alert;
use serde::Deserialize;
use serde_json::value::RawValue;

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
pub struct PageError(#[from] serde_json::Error);

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    value: Vec<&'a RawValue>,
    #[serde(rename = "@odata.nextLink", default)]
    next_link: Option<String>,
}

#[derive(Deserialize)]
struct IdOnly {
    id: Option<serde_json::Value>,
}

/// Parses an API page (`{"value": [...]}`) or a bare array of alerts, as exported from the service.
pub fn parse_page(json: &str) -> Result<Page, PageError> {
    // Decide the shape by the first character: serde's untagged enums cannot borrow raw values.
    let (items, next_link) = if json.trim_start().starts_with('[') {
        (serde_json::from_str::<Vec<&RawValue>>(json)?, None)
    } else {
        let e = serde_json::from_str::<Envelope<'_>>(json)?;
        (e.value, e.next_link)
    };
    let mut page = Page {
        alerts: Vec::with_capacity(items.len()),
        skipped: Vec::new(),
        next_link,
    };
    for (index, raw) in items.into_iter().enumerate() {
        match parse_alert(raw.get()) {
            Ok(p) => page.alerts.push(p),
            Err(reason) => page.skipped.push(SkippedAlert {
                index,
                id: serde_json::from_str::<IdOnly>(raw.get())
                    .ok()
                    .and_then(|i| i.id)
                    .map(|v| match v {
                        serde_json::Value::String(s) => s,
                        other => other.to_string(),
                    }),
                reason,
            }),
        }
    }
    Ok(page)
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
