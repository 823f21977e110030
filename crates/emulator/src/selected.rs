//! The ids a list query selected, kept from its second page on (scale issue).
//!
//! A client pages through a selection with `$skip`, so each page evaluated `$filter` and
//! `$orderby` over every alert again: with 100k alerts, 15–24 ms before the first byte of each 10k
//! page (8 ms with no filter), and ~5% of the CPU of a console's first sync sharing the same two
//! cores. A query's first page does not keep them (a client that reads only the first page of
//! a large selection would pay for copying every id); its second page does, for the pages after
//! it. Kept only until the alerts change: any write access forgets them (`AlertStore::write`),
//! so every answer is the one evaluating the query afresh would give.

use crate::odata::{Filter, OrderBy};
use std::sync::{Arc, Mutex};

/// The selection last kept (its ids in order), until the alerts change.
#[derive(Debug, Default)]
pub struct Selected {
    last: Mutex<Option<Selection>>,
}

#[derive(Debug)]
struct Selection {
    filter: Option<Filter>,
    order_by: Vec<OrderBy>,
    ids: Arc<[String]>,
}

impl Selected {
    /// The ids kept for `filter` and `order_by`, in order, if the last query kept was the same.
    pub fn get(&self, filter: &Option<Filter>, order_by: &[OrderBy]) -> Option<Arc<[String]>> {
        let last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        last.as_ref()
            .filter(|s| s.filter == *filter && s.order_by == order_by)
            .map(|s| Arc::clone(&s.ids))
    }

    /// Keeps `ids`, the selection of `filter` and `order_by`, in place of the last one.
    pub fn keep(&self, filter: &Option<Filter>, order_by: &[OrderBy], ids: Arc<[String]>) {
        *self.last.lock().unwrap_or_else(|p| p.into_inner()) = Some(Selection {
            filter: filter.clone(),
            order_by: order_by.to_vec(),
            ids,
        });
    }

    /// Forgets the kept selection (the alerts are about to change).
    pub fn forget(&mut self) {
        *self.last.get_mut().unwrap_or_else(|p| p.into_inner()) = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::odata::ListQuery;

    fn query(raw: &str) -> ListQuery {
        let props = ["id", "status", "severity"].map(String::from).to_vec();
        ListQuery::parse(Some(raw), &props).expect("query parses")
    }

    #[test]
    fn a_kept_selection_answers_only_its_own_query_until_forgotten() {
        let mut selected = Selected::default();
        let open = query("$filter=status+ne+'Resolved'&$skip=0");
        let next = query("$filter=status+ne+'Resolved'&$skip=2&$top=2");
        let ids: Arc<[String]> = vec!["a".to_string(), "b".to_string()].into();
        assert!(selected.get(&open.filter, &open.order_by).is_none());
        selected.keep(&open.filter, &open.order_by, Arc::clone(&ids));
        let got = selected.get(&next.filter, &next.order_by);
        assert_eq!(
            got.as_deref(),
            Some(&ids[..]),
            "a later page of the same query"
        );
        let ordered = query("$filter=status+ne+'Resolved'&$orderby=severity");
        assert!(selected.get(&ordered.filter, &ordered.order_by).is_none());
        let other = query("$filter=status+eq+'New'");
        assert!(selected.get(&other.filter, &other.order_by).is_none());
        selected.keep(&other.filter, &other.order_by, Arc::clone(&ids));
        assert!(
            selected.get(&open.filter, &open.order_by).is_none(),
            "only the last selection kept is kept"
        );
        selected.forget();
        assert!(selected.get(&other.filter, &other.order_by).is_none());
    }
}
