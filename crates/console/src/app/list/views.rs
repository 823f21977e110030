//! The named views of the list — the queue an analyst works from, "mine", the resolved ones —
//! as one data table: a view is a name, a title and a query the filter is added to. The table
//! is the built-in set; config-defined views can be appended to `ListState::views` later.

use super::sort::SortSpec;
use mde_ops::ViewWindow;
use mde_query::{ParseError, Query};

/// One named view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewDef {
    /// The name `:view NAME` takes (`open`, `mine`, …).
    pub name: String,
    /// The title the status bar and the help show.
    pub title: String,
    /// The query (the filter language) the view stands for; empty is every alert.
    pub query: String,
    // Saved views from the config (issue 12).
    /// The sort the view sets when chosen (`None`: the sort stays).
    pub sort: Option<SortSpec>,
    /// Only alerts whose time falls in this window (`resolved-today`).
    pub window: Option<ViewWindow>,
}

/// Identifies a view: its place in `ListState::views`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ViewId(pub u8);

impl ViewId {
    /// The open queue (New and In progress): the default.
    pub const OPEN: ViewId = ViewId(0);
    /// Open alerts assigned to the analyst.
    pub const MINE: ViewId = ViewId(1);
    /// Open alerts nobody owns.
    pub const UNASSIGNED: ViewId = ViewId(2);
    /// New alerts of high severity.
    pub const NEW_HIGH: ViewId = ViewId(3);
    /// Resolved alerts.
    pub const RESOLVED: ViewId = ViewId(4);
    /// Every alert in the cache.
    pub const ALL: ViewId = ViewId(5);
}

/// The built-in views: (name, title, query), in `ViewId` order.
pub const BUILT_IN: &[(&str, &str, &str)] = &[
    ("open", "Open queue", "status:new,inprogress"),
    ("mine", "Mine", "assigned:me status:new,inprogress"),
    (
        "unassigned",
        "Unassigned",
        "assigned:none status:new,inprogress",
    ),
    ("new-high", "New high", "sev:high status:new"),
    ("resolved", "Resolved", "status:resolved"),
    ("all", "All alerts", ""),
];

/// The built-in views as a table.
pub fn built_in() -> Vec<ViewDef> {
    BUILT_IN
        .iter()
        .map(|(name, title, query)| ViewDef {
            name: name.to_string(),
            title: title.to_string(),
            query: query.to_string(),
            sort: None,
            window: None,
        })
        .collect()
}

impl ViewDef {
    /// The view's query.
    pub fn parse(&self) -> Result<Query, ParseError> {
        Query::parse(&self.query)
    }
}

/// The view a typed name means: an exact name, else the one whose name or title starts with it.
pub fn find_view(views: &[ViewDef], typed: &str) -> Option<ViewId> {
    let t = typed.trim().to_lowercase();
    if t.is_empty() {
        return None;
    }
    let squashed: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let pos = views.iter().position(|v| v.name == t).or_else(|| {
        views.iter().position(|v| {
            v.name.starts_with(&squashed)
                || v.title.to_lowercase().starts_with(&t)
                || v.title.to_lowercase().replace(' ', "-").starts_with(&t)
        })
    })?;
    u8::try_from(pos).ok().map(ViewId)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_view_parses_and_is_found_by_name() {
        let views = built_in();
        for (i, v) in views.iter().enumerate() {
            assert!(v.parse().is_ok(), "{}", v.name);
            assert_eq!(find_view(&views, &v.name), Some(ViewId(i as u8)));
        }
        assert_eq!(find_view(&views, "res"), Some(ViewId::RESOLVED));
        assert_eq!(find_view(&views, "Open queue"), Some(ViewId::OPEN));
        assert_eq!(find_view(&views, "new high"), Some(ViewId::NEW_HIGH));
        assert_eq!(find_view(&views, "nope"), None);
    }
}
