//! `ListQuery`: the OData system query options of `GET /api/alerts`, encoded the way common
//! clients send them (`$filter=severity%20eq%20%27High%27`; `'` is encoded because URL
//! parsers encode it in the queries of http(s) URLs anyway).

use mde_odata::{Filter, Prop};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// The service's documented page-size maximum.
pub const MAX_TOP: u32 = 10_000;

/// Characters left readable in a query value; everything else (space, `&`, `=`, `+`, `#`, `%`,
/// control and non-ASCII bytes) is percent-encoded so a literal cannot split the query.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b':')
    .remove(b'(')
    .remove(b')')
    .remove(b',');

/// `$orderby` clause (undocumented for alerts but widely used; the emulator supports it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderBy {
    /// The property.
    pub prop: Prop,
    /// Descending order.
    pub descending: bool,
}

/// One list request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListQuery {
    /// `$filter`.
    pub filter: Option<Filter>,
    /// `$top` (clamped to 1..=10,000 when encoded).
    pub top: Option<u32>,
    /// `$skip`.
    pub skip: Option<u32>,
    /// `$expand=evidence`.
    pub expand_evidence: bool,
    /// `$orderby`.
    pub orderby: Option<OrderBy>,
}

impl ListQuery {
    /// The query string without the leading `?` (empty when there are no options).
    pub fn to_query_string(&self) -> String {
        let mut parts: Vec<String> = Vec::with_capacity(5);
        if let Some(f) = &self.filter {
            parts.push(format!("$filter={}", encode(&f.to_string())));
        }
        if let Some(top) = self.top {
            parts.push(format!("$top={}", top.clamp(1, MAX_TOP)));
        }
        if let Some(skip) = self.skip.filter(|s| *s > 0) {
            parts.push(format!("$skip={skip}"));
        }
        if self.expand_evidence {
            parts.push("$expand=evidence".to_string());
        }
        if let Some(o) = self.orderby {
            let dir = if o.descending { "desc" } else { "asc" };
            parts.push(format!(
                "$orderby={}",
                encode(&format!("{} {dir}", o.prop.wire_name()))
            ));
        }
        parts.join("&")
    }
}

/// Percent-encodes one query value.
pub fn encode(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::{Severity, Timestamp};

    #[test]
    fn encodes_like_the_documented_examples() {
        let q = ListQuery {
            filter: Some(Filter::eq(Prop::Severity, Severity::High).and(Filter::gt(
                Prop::LastUpdateTime,
                Timestamp::parse("2019-11-22T00:00:00Z").unwrap(),
            ))),
            top: Some(500),
            skip: Some(1000),
            expand_evidence: true,
            orderby: Some(OrderBy {
                prop: Prop::LastUpdateTime,
                descending: true,
            }),
        };
        assert_eq!(
            q.to_query_string(),
            "$filter=severity%20eq%20%27High%27%20and%20lastUpdateTime%20gt%202019-11-22T00:00:00Z\
             &$top=500&$skip=1000&$expand=evidence&$orderby=lastUpdateTime%20desc"
        );
        assert_eq!(ListQuery::default().to_query_string(), "");
    }

    #[test]
    fn hostile_values_cannot_split_the_query() {
        let q = ListQuery {
            filter: Some(Filter::eq(Prop::AssignedTo, "a&$top=1#x+y%20é\n")),
            ..Default::default()
        };
        assert_eq!(
            q.to_query_string(),
            "$filter=assignedTo%20eq%20%27a%26%24top%3D1%23x%2By%2520%C3%A9%0A%27"
        );
    }

    #[test]
    fn top_is_clamped_and_zero_skip_omitted() {
        let q = ListQuery {
            top: Some(50_000),
            skip: Some(0),
            ..Default::default()
        };
        assert_eq!(q.to_query_string(), "$top=10000");
        let q = ListQuery {
            top: Some(0),
            ..Default::default()
        };
        assert_eq!(q.to_query_string(), "$top=1");
    }
}
