//! The query options of a Graph list (`$filter`, `$top`, `$skip`, `$count`, `$expand`,
//! `$orderby`), read the way Graph reads them, and the `@odata.nextLink` of the next page.

use super::errors::GraphError;
use crate::form::parse_form_pairs;
use mde_odata::{Filter, Property, parse_as};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Sort keys a Graph list accepts (`createdDateTime desc` is the default order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// `createdDateTime`.
    Created,
    /// `lastUpdateDateTime`.
    LastUpdate,
}

/// A parsed list request over the property set `P`.
#[derive(Debug, Clone)]
pub struct GraphListQuery<P> {
    /// `$filter`.
    pub filter: Option<Filter<P>>,
    /// Page size (`$top`, or the list's default).
    pub top: usize,
    /// `$skip`.
    pub skip: usize,
    /// `$count=true`.
    pub count: bool,
    /// `$expand=alerts` (incidents).
    pub expand_alerts: bool,
    /// Sort key and direction (descending when true).
    pub order: (SortKey, bool),
    /// The options as given, for the next link.
    pairs: Vec<(String, String)>,
}

const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b':')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b',');

fn number(name: &str, v: &str) -> Result<usize, GraphError> {
    v.trim().parse::<usize>().map_err(|_| {
        GraphError::bad_request(format!(
            "Invalid value '{v}' for {name} query option found. The {name} query option requires a non-negative integer value."
        ))
    })
}

impl<P: Property> GraphListQuery<P> {
    /// Reads the raw query string; `max_top` caps `$top` and is the default page size;
    /// `expandable` names what `$expand` may embed.
    pub fn parse(
        raw: Option<&str>,
        max_top: usize,
        expandable: Option<&str>,
    ) -> Result<Self, GraphError> {
        let mut q = GraphListQuery {
            filter: None,
            top: max_top,
            skip: 0,
            count: false,
            expand_alerts: false,
            order: (SortKey::Created, true),
            pairs: Vec::new(),
        };
        let mut seen: Vec<String> = Vec::new();
        for (key, value) in parse_form_pairs(raw.unwrap_or("")) {
            let Some(option) = key.strip_prefix('$') else {
                continue;
            };
            let option = option.to_ascii_lowercase();
            if seen.contains(&option) {
                return Err(GraphError::bad_request(format!(
                    "Query option '${option}' was specified more than once, it must be specified at most once."
                )));
            }
            seen.push(option.clone());
            q.pairs.push((format!("${option}"), value.clone()));
            match option.as_str() {
                "filter" => {
                    q.filter = Some(parse_as::<P>(&value).map_err(|e| {
                        GraphError::bad_request(format!("Invalid filter clause: {}", e.0))
                    })?)
                }
                "top" => {
                    let n = number("$top", &value)?;
                    if n > max_top {
                        return Err(GraphError::bad_request(format!(
                            "The limit of '{max_top}' for Top query has been exceeded. The value from the incoming request is '{n}'."
                        )));
                    }
                    q.top = n;
                }
                "skip" => q.skip = number("$skip", &value)?,
                "count" => {
                    q.count = match value.to_ascii_lowercase().as_str() {
                        "true" => true,
                        "false" => false,
                        _ => {
                            return Err(GraphError::bad_request(format!(
                                "'{value}' is not a valid value for $count; use true or false."
                            )));
                        }
                    }
                }
                "expand" => {
                    for item in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                        if expandable.is_some_and(|e| e.eq_ignore_ascii_case(item)) {
                            q.expand_alerts = true;
                        } else {
                            return Err(GraphError::bad_request(format!(
                                "Could not find a navigation property named '{item}' that can be expanded."
                            )));
                        }
                    }
                }
                "orderby" => q.order = order(&value)?,
                other => {
                    return Err(GraphError::bad_request(format!(
                        "Query option '${other}' is not supported by this resource."
                    )));
                }
            }
        }
        Ok(q)
    }

    /// The link to the page after the one starting at `skip`, on `base` (the list's URL).
    pub fn next_link(&self, base: &str) -> String {
        let mut parts: Vec<String> = self
            .pairs
            .iter()
            .filter(|(k, _)| k != "$skip" && k != "$top")
            .map(|(k, v)| format!("{k}={}", utf8_percent_encode(v, VALUE)))
            .collect();
        parts.push(format!("$top={}", self.top));
        parts.push(format!("$skip={}", self.skip + self.top));
        format!("{base}?{}", parts.join("&"))
    }
}

fn order(v: &str) -> Result<(SortKey, bool), GraphError> {
    let mut words = v.split_whitespace();
    let key = match words.next().map(str::to_ascii_lowercase).as_deref() {
        Some("createddatetime") => SortKey::Created,
        Some("lastupdatedatetime") => SortKey::LastUpdate,
        _ => {
            return Err(GraphError::bad_request(format!(
                "$orderby '{v}' is not supported; use createdDateTime or lastUpdateDateTime, asc or desc."
            )));
        }
    };
    let desc = match words.next().map(str::to_ascii_lowercase).as_deref() {
        None | Some("asc") => false,
        Some("desc") => true,
        Some(other) => {
            return Err(GraphError::bad_request(format!(
                "Syntax error in $orderby: expected 'asc' or 'desc', found '{other}'."
            )));
        }
    };
    if words.next().is_some() || v.contains(',') {
        return Err(GraphError::bad_request(
            "$orderby takes one key on this resource.",
        ));
    }
    Ok((key, desc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_odata::graph::IncidentProp;

    #[test]
    fn options_parse_and_the_next_link_keeps_them() {
        let q = GraphListQuery::<IncidentProp>::parse(
            Some("$filter=status+eq+%27active%27&%24top=2&$expand=alerts&$count=true&x=1"),
            50,
            Some("alerts"),
        )
        .unwrap();
        assert!(q.filter.is_some() && q.expand_alerts && q.count);
        assert_eq!((q.top, q.skip), (2, 0));
        let next = q.next_link("http://h/v1.0/security/incidents");
        assert_eq!(
            next,
            "http://h/v1.0/security/incidents?$filter=status%20eq%20'active'&$expand=alerts&$count=true&$top=2&$skip=2"
        );
        let again = GraphListQuery::<IncidentProp>::parse(
            next.split_once('?').map(|p| p.1),
            50,
            Some("alerts"),
        )
        .unwrap();
        assert_eq!((again.top, again.skip), (2, 2));
    }

    #[test]
    fn bad_options_are_400s() {
        let e = |s: &str| {
            GraphListQuery::<IncidentProp>::parse(Some(s), 50, Some("alerts"))
                .unwrap_err()
                .message
        };
        assert!(e("$top=51").contains("50"));
        assert!(e("$expand=evidence").contains("'evidence'"));
        assert!(e("$filter=status eq").contains("Invalid filter"));
        assert!(e("$search=x").contains("'$search'"));
        assert!(e("$orderby=severity").contains("severity"));
        assert!(e("$skip=1&$skip=2").contains("more than once"));
    }
}
