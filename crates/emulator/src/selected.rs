//! The ids the last list query selected, kept for its next page (scale issue).
//!
//! A client pages through a selection with `$skip`, so each page evaluated `$filter` and
//! `$orderby` over every alert again: with 100k alerts, 16 ms before the first byte of each 10k
//! page (8 ms with no filter), and ~5% of the CPU of a console's first sync sharing the same two
//! cores. Kept only until the alerts change: any write access forgets it
//! (`AlertStore::write`), so every answer is the one evaluating the query afresh would give.

use crate::odata::{Filter, OrderBy};
use std::sync::{Arc, Mutex};

/// The last list query's selection (its ids in order), if the alerts have not changed since.
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
    /// The ids `filter` and `order_by` select, in order: the kept ones when the last query was
    /// the same, else those `select` finds, which are kept in their place.
    pub fn ids(
        &self,
        filter: &Option<Filter>,
        order_by: &[OrderBy],
        select: impl FnOnce() -> Vec<String>,
    ) -> Arc<[String]> {
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(s) = last.as_ref()
            && s.filter == *filter
            && s.order_by == order_by
        {
            return Arc::clone(&s.ids);
        }
        let ids: Arc<[String]> = select().into();
        *last = Some(Selection {
            filter: filter.clone(),
            order_by: order_by.to_vec(),
            ids: Arc::clone(&ids),
        });
        ids
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
    fn the_same_query_is_answered_from_the_kept_ids_until_forgotten() {
        let mut selected = Selected::default();
        let open = query("$filter=status+ne+'Resolved'&$skip=0");
        let next = query("$filter=status+ne+'Resolved'&$skip=2&$top=2");
        let runs = std::cell::Cell::new(0);
        let ids = |q: &ListQuery, s: &Selected| {
            s.ids(&q.filter, &q.order_by, || {
                runs.set(runs.get() + 1);
                vec!["a".to_string(), "b".to_string()]
            })
        };
        assert_eq!(&*ids(&open, &selected), ["a", "b"]);
        assert_eq!(&*ids(&next, &selected), ["a", "b"]);
        assert_eq!(
            runs.get(),
            1,
            "a later page of the same query reuses the selection"
        );
        let other = query("$filter=status+eq+'New'");
        ids(&other, &selected);
        let ordered = "$filter=status+ne+'Resolved'&$orderby=severity";
        ids(&query(ordered), &selected);
        assert_eq!(runs.get(), 3, "another filter or order is selected afresh");
        ids(&query(&format!("{ordered}&$skip=4")), &selected);
        assert_eq!(runs.get(), 3);
        ids(&other, &selected);
        assert_eq!(runs.get(), 4, "only the last query's selection is kept");
        selected.forget();
        ids(&other, &selected);
        assert_eq!(runs.get(), 5, "a forgotten selection is made again");
    }
}
