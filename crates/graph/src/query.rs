//! The query options of a Graph list: `$filter` over Graph's property sets (the shared grammar,
//! so no caller string can change the query's shape), `$top`, `$skip`, `$count`, `$expand`.

use mde_api::query::encode;
use mde_odata::{Filter, Property};

/// One list request.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphQuery<P> {
    /// `$filter`.
    pub filter: Option<Filter<P>>,
    /// `$top`.
    pub top: Option<u32>,
    /// `$skip`.
    pub skip: Option<u32>,
    /// `$count=true`.
    pub count: bool,
    /// `$expand=alerts` (incidents).
    pub expand_alerts: bool,
}

impl<P> Default for GraphQuery<P> {
    fn default() -> Self {
        GraphQuery {
            filter: None,
            top: None,
            skip: None,
            count: false,
            expand_alerts: false,
        }
    }
}

impl<P: Property> GraphQuery<P> {
    /// The query string without `?` (empty without options).
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::with_capacity(5);
        if let Some(f) = &self.filter {
            parts.push(format!("$filter={}", encode(&f.to_string())));
        }
        if let Some(t) = self.top {
            parts.push(format!("$top={t}"));
        }
        if let Some(s) = self.skip.filter(|s| *s > 0) {
            parts.push(format!("$skip={s}"));
        }
        if self.count {
            parts.push("$count=true".to_string());
        }
        if self.expand_alerts {
            parts.push("$expand=alerts".to_string());
        }
        parts.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::graph::IncidentStatus;
    use mde_odata::graph::IncidentProp;

    #[test]
    fn options_encode_like_graph_clients() {
        let q = GraphQuery {
            filter: Some(
                Filter::eq(IncidentProp::Status, IncidentStatus::Active.as_str())
                    .and(Filter::eq(IncidentProp::AssignedTo, "o'neil&$top=1")),
            ),
            top: Some(50),
            skip: Some(0),
            count: true,
            expand_alerts: true,
        };
        assert_eq!(
            q.to_query_string(),
            "$filter=status%20eq%20%27active%27%20and%20assignedTo%20eq%20%27o%27%27neil%26%24top%3D1%27&$top=50&$count=true&$expand=alerts"
        );
        assert_eq!(GraphQuery::<IncidentProp>::default().to_query_string(), "");
    }
}
