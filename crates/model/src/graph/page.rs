//! Graph list answers (`{"@odata.context", "@odata.count", "@odata.nextLink", "value": [...]}`),
//! parsed one item at a time so that one malformed item is reported and skipped.

use super::alert::GraphAlert;
use super::incident::Incident;
use crate::page::{PageError, SkippedAlert};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

/// One item with the JSON it was read from.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    /// The typed item.
    pub item: T,
    /// Its JSON as received.
    pub raw: String,
}

/// A page of Graph items.
#[derive(Debug, Clone)]
pub struct GraphPage<T> {
    /// Items that parsed.
    pub items: Vec<Parsed<T>>,
    /// Items that did not (position, id when readable, reason).
    pub skipped: Vec<SkippedAlert>,
    /// `@odata.nextLink`.
    pub next_link: Option<String>,
    /// `@odata.count`, with `$count=true`.
    pub count: Option<u64>,
}

impl<T> Default for GraphPage<T> {
    fn default() -> Self {
        GraphPage {
            items: Vec::new(),
            skipped: Vec::new(),
            next_link: None,
            count: None,
        }
    }
}

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    value: Vec<&'a RawValue>,
    #[serde(rename = "@odata.nextLink", default)]
    next_link: Option<String>,
    #[serde(rename = "@odata.count", default)]
    count: Option<u64>,
}

#[derive(Deserialize)]
struct IdOnly {
    id: Option<serde_json::Value>,
}

/// An item type with an id that must not be empty.
pub trait HasId {
    /// The id.
    fn id(&self) -> &str;
}

impl HasId for GraphAlert {
    fn id(&self) -> &str {
        &self.id
    }
}

impl HasId for Incident {
    fn id(&self) -> &str {
        &self.id
    }
}

/// Parses one item, keeping its JSON.
pub fn parse_item<T: DeserializeOwned + HasId>(json: &str) -> Result<Parsed<T>, String> {
    match serde_json::from_str::<T>(json) {
        Ok(item) if item.id().is_empty() => Err("item has an empty id".to_string()),
        Ok(item) => Ok(Parsed {
            item,
            raw: json.to_string(),
        }),
        Err(e) => Err(e.to_string()),
    }
}

/// Parses a Graph page (or a bare array) of `T`.
pub fn parse_graph_page<T: DeserializeOwned + HasId>(
    json: &str,
) -> Result<GraphPage<T>, PageError> {
    let (items, next_link, count) = if json.trim_start().starts_with('[') {
        (serde_json::from_str::<Vec<&RawValue>>(json)?, None, None)
    } else {
        let e = serde_json::from_str::<Envelope<'_>>(json)?;
        (e.value, e.next_link, e.count)
    };
    let mut page = GraphPage {
        items: Vec::with_capacity(items.len()),
        skipped: Vec::new(),
        next_link,
        count,
    };
    for (index, raw) in items.into_iter().enumerate() {
        match parse_item::<T>(raw.get()) {
            Ok(p) => page.items.push(p),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bad_item_is_skipped_and_paging_fields_read() {
        let json = r#"{"@odata.context":"x","@odata.count":3,"@odata.nextLink":"https://graph.microsoft.com/v1.0/security/alerts_v2?$skip=2",
            "value":[{"id":"da1","title":"a","status":"inProgress","severity":"high"},{"id":7,"title":{"x":1}},{"id":""}]}"#;
        let p = parse_graph_page::<GraphAlert>(json).unwrap();
        assert_eq!(p.items.len(), 1);
        assert_eq!(p.skipped.len(), 2);
        assert_eq!(p.skipped[0].id.as_deref(), Some("7"));
        assert_eq!(p.count, Some(3));
        assert!(p.next_link.unwrap().contains("skip=2"));
        assert!(parse_graph_page::<Incident>("not json").is_err());
    }
}
