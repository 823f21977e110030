//! The query string of the machine, machine-action and indicator lists: `$filter` over the
//! entity's own properties, `$top`, `$skip`, `$select`; encoded like the alerts list.

use crate::query::{MAX_TOP, encode};
use mde_odata::{Filter, Property};

/// One list request over the properties `P`.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityQuery<P: Property> {
    /// `$filter`.
    pub filter: Option<Filter<P>>,
    /// `$top` (clamped to 1..=10,000).
    pub top: Option<u32>,
    /// `$skip`.
    pub skip: Option<u32>,
    /// `$select`: the keys to keep.
    pub select: Vec<&'static str>,
}

impl<P: Property> Default for EntityQuery<P> {
    fn default() -> Self {
        EntityQuery {
            filter: None,
            top: None,
            skip: None,
            select: Vec::new(),
        }
    }
}

impl<P: Property> EntityQuery<P> {
    /// A query with this filter.
    pub fn filtered(filter: Filter<P>) -> Self {
        EntityQuery {
            filter: Some(filter),
            ..EntityQuery::default()
        }
    }

    /// The query string without the leading `?` (empty when there are no options).
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::with_capacity(4);
        if let Some(f) = &self.filter {
            parts.push(format!("$filter={}", encode(&f.to_string())));
        }
        if let Some(top) = self.top {
            parts.push(format!("$top={}", top.clamp(1, MAX_TOP)));
        }
        if let Some(skip) = self.skip.filter(|s| *s > 0) {
            parts.push(format!("$skip={skip}"));
        }
        if !self.select.is_empty() {
            parts.push(format!("$select={}", self.select.join(",")));
        }
        parts.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_odata::{CmpOp, MachineProp};

    #[test]
    fn the_find_by_name_shape_of_other_clients() {
        let q = EntityQuery {
            filter: Some(Filter::eq(
                MachineProp::ComputerDnsName,
                "ws-01.contoso.com",
            )),
            select: vec!["id"],
            ..EntityQuery::default()
        };
        assert_eq!(
            q.to_query_string(),
            "$filter=computerDnsName%20eq%20%27ws-01.contoso.com%27&$select=id"
        );
        let tags = EntityQuery::filtered(Filter::any(MachineProp::MachineTags, CmpOp::Eq, "a'b&c"));
        assert_eq!(
            tags.to_query_string(),
            "$filter=machineTags%2Fany(x:%20x%20eq%20%27a%27%27b%26c%27)"
        );
        assert_eq!(EntityQuery::<MachineProp>::default().to_query_string(), "");
    }
}
