//! Lists of machines, actions, indicators and logon users as the API pages them
//! (`{"@odata.context", "value": [...]}`), read one item at a time: an item that does not parse
//! is reported and skipped, never fatal to the list.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

/// A parsed list.
#[derive(Debug, Clone)]
pub struct EntityList<T> {
    /// The items that parsed, in the service's order.
    pub items: Vec<T>,
    /// Positions and reasons of the ones that did not.
    pub skipped: Vec<(usize, String)>,
}

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    value: Vec<&'a RawValue>,
}

/// Parses `{"value": [...]}` (or a bare array) item by item.
pub fn parse_list<T: DeserializeOwned>(json: &str) -> Result<EntityList<T>, serde_json::Error> {
    let raw: Vec<&RawValue> = if json.trim_start().starts_with('[') {
        serde_json::from_str(json)?
    } else {
        serde_json::from_str::<Envelope<'_>>(json)?.value
    };
    let mut list = EntityList {
        items: Vec::with_capacity(raw.len()),
        skipped: Vec::new(),
    };
    for (i, r) in raw.into_iter().enumerate() {
        match serde_json::from_str::<T>(r.get()) {
            Ok(t) => list.items.push(t),
            Err(e) => list.skipped.push((i, e.to_string())),
        }
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::device::Machine;

    #[test]
    fn a_bad_item_is_skipped_not_fatal() {
        let page =
            r#"{"@odata.context":"x","value":[{"id":"a"},{"id":5},{"id":"c","machineTags":null}]}"#;
        let l: EntityList<Machine> = parse_list(page).unwrap();
        assert_eq!(l.items.len(), 2);
        assert_eq!(l.skipped.len(), 1);
        assert_eq!(l.skipped[0].0, 1);
        assert!(parse_list::<Machine>("{").is_err());
        assert_eq!(parse_list::<Machine>("[]").unwrap().items.len(), 0);
    }
}
