//! One list of views: the console's own (issue 9: open queue, mine, unassigned, new high,
//! resolved, all — one number key each) followed by the rest of the config's catalog (the
//! built-ins `in-progress` and `resolved-today`, and every `[views.NAME]`). A config view with
//! a console view's name replaces it; the console's number keys keep their places.

use crate::app::list::sort::{SortKey, SortSpec};
use crate::app::list::state::ListState;
use crate::app::list::views::{ViewDef, ViewId, built_in, find_view};
use mde_ops::ConsoleSettings;
use mde_ops::views::{SavedView, ViewCatalog};

/// The console's view of a saved view.
pub fn view_def(v: &SavedView) -> ViewDef {
    ViewDef {
        name: v.name.clone(),
        title: title_of(&v.name),
        query: v.filter.clone(),
        sort: v.sort.as_ref().and_then(|s| {
            let key = SortKey::ALL
                .iter()
                .copied()
                .find(|k| k.label().to_lowercase().replace(' ', "-") == s.key)?;
            Some(SortSpec {
                key,
                descending: s.descending,
            })
        }),
        window: v.window,
    }
}

/// `new-high` → `New high`.
fn title_of(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Every view the console offers for a catalog, the console's own first.
pub fn views_for(catalog: &ViewCatalog) -> Vec<ViewDef> {
    let mut views = built_in();
    for saved in &catalog.views {
        match views.iter().position(|d| d.name == saved.name) {
            // A built-in of both lists: the console's definition (the same query) stands.
            Some(_) if saved.builtin => {}
            Some(i) => views[i] = view_def(saved),
            None if views.len() < usize::from(u8::MAX) => views.push(view_def(saved)),
            None => {}
        }
    }
    views
}

/// A fresh list for a profile: its views, and its start view (`--view`, the profile's or the
/// file's `default_view`) in force with its sort.
pub fn list_for(settings: &ConsoleSettings, me: &str) -> ListState {
    let mut list = ListState {
        views: views_for(&settings.views),
        ..ListState::default()
    };
    if let Some(id) = settings
        .start_view
        .as_deref()
        .and_then(|name| find_view(&list.views, name))
    {
        list.set_view(id, me);
    } else {
        list.set_view(ViewId::OPEN, me);
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_ops::views::builtin_views;

    #[test]
    fn one_list_the_consoles_views_first_then_the_catalogs() {
        let views = views_for(&ViewCatalog::default());
        let names: Vec<&str> = views.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "open",
                "mine",
                "unassigned",
                "new-high",
                "resolved",
                "all",
                "in-progress",
                "resolved-today"
            ]
        );
        assert_eq!(views[7].title, "Resolved today");
        assert!(views[7].window.is_some());
        assert_eq!(
            views[6].sort,
            Some(SortSpec {
                key: SortKey::Updated,
                descending: true
            })
        );
    }

    #[test]
    fn the_config_catalog_knows_every_console_view_with_the_same_query() {
        let catalog = builtin_views();
        for v in built_in() {
            let saved = catalog
                .iter()
                .find(|s| s.name == v.name)
                .unwrap_or_else(|| panic!("{} missing from mde_ops's built-ins", v.name));
            assert_eq!(saved.filter, v.query, "{}", v.name);
            assert!(v.parse().is_ok());
        }
        for s in &catalog {
            assert!(mde_query::Query::parse(&s.filter).is_ok(), "{}", s.name);
        }
    }

    #[test]
    fn a_config_view_replaces_a_console_view_of_its_name_and_adds_the_rest() {
        let mine = SavedView {
            name: "mine".into(),
            description: "everything of mine".into(),
            filter: "assigned:me".into(),
            sort: None,
            window: None,
            builtin: false,
        };
        let lateral = SavedView {
            name: "lateral".into(),
            filter: "cat:lateral".into(),
            sort: mde_ops::ViewSort::parse("title asc").ok(),
            ..mine.clone()
        };
        let views = views_for(&ViewCatalog::with(vec![mine, lateral]));
        assert_eq!(
            views[1].query, "assigned:me",
            "the config's mine, in its place"
        );
        let last = views.last().unwrap();
        assert_eq!(
            (last.name.as_str(), last.title.as_str()),
            ("lateral", "Lateral")
        );
        assert_eq!(
            last.sort.map(|s| (s.key, s.descending)),
            Some((SortKey::Title, false))
        );
    }

    #[test]
    fn the_start_view_is_in_force_with_its_sort() {
        let settings = ConsoleSettings {
            start_view: Some("unassigned".into()),
            ..ConsoleSettings::default()
        };
        let list = list_for(&settings, "me@x");
        assert_eq!(list.view_title(), "Unassigned");
        let settings = ConsoleSettings {
            start_view: Some("in-progress".into()),
            ..ConsoleSettings::default()
        };
        let list = list_for(&settings, "me@x");
        assert_eq!(list.view_title(), "In progress");
        assert_eq!(list.sort.key, SortKey::Updated);
        assert_eq!(
            list_for(&ConsoleSettings::default(), "me").view,
            ViewId::OPEN
        );
    }
}
