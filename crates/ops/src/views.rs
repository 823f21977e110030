//! Saved views: a named filter (the console's `/` language) with an optional sort and an
//! optional time window, one key or `:view NAME` away. Five are built in; the config adds its
//! own (`[views.NAME]`) and may redefine a built-in by its name.

use crate::zone::Zone;
use chrono::TimeDelta;
use mde_model::{AlertRow, Timestamp};

/// The sort keys the console's list offers, by config name (`mde_console`'s `SortKey` labels,
/// lower-case with `-` for spaces; the root's tests hold the two lists equal).
pub const SORT_KEYS: &[&str] = &[
    "severity",
    "created",
    "updated",
    "status",
    "title",
    "device",
    "user",
    "assigned-to",
    "category",
    "incident",
];

/// A view's sort: a key and a direction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewSort {
    /// One of `SORT_KEYS`.
    pub key: String,
    /// Largest / latest first.
    pub descending: bool,
}

impl ViewSort {
    /// Parses `created`, `created desc`, `title asc`.
    pub fn parse(text: &str) -> Result<ViewSort, String> {
        let mut words = text.split_whitespace();
        let key = words
            .next()
            .ok_or("is empty (write e.g. \"created desc\")")?
            .to_ascii_lowercase()
            .replace('_', "-");
        if !SORT_KEYS.contains(&key.as_str()) {
            let hint = crate::suggest::closest(&key, SORT_KEYS.iter().copied())
                .map(|k| format!("did you mean {k}? "))
                .unwrap_or_default();
            return Err(format!(
                "unknown sort key {key:?} ({hint}known: {})",
                SORT_KEYS.join(", ")
            ));
        }
        let descending = match words.next().map(str::to_ascii_lowercase).as_deref() {
            None | Some("desc") | Some("descending") => true,
            Some("asc") | Some("ascending") => false,
            Some(other) => return Err(format!("unknown direction {other:?} (asc or desc)")),
        };
        if let Some(extra) = words.next() {
            return Err(format!("unexpected {extra:?} after the direction"));
        }
        Ok(ViewSort { key, descending })
    }
}

/// Which time a window looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowField {
    /// `alertCreationTime`.
    Created,
    /// `lastUpdateTime` (for resolved alerts, the resolve is the last update as a rule).
    Updated,
}

/// How far back a window reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowSpan {
    /// Since midnight in the profile's time zone.
    Today,
    /// The last span of time.
    Last(TimeDelta),
}

/// A time window on a view: only rows whose time falls inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewWindow {
    /// The time looked at.
    pub field: WindowField,
    /// How far back.
    pub span: WindowSpan,
}

impl ViewWindow {
    /// Parses `today` or a span (`24h`, `7d`) for a field.
    pub fn parse(field: WindowField, text: &str) -> Result<ViewWindow, String> {
        let span = if text.trim().eq_ignore_ascii_case("today") {
            WindowSpan::Today
        } else {
            WindowSpan::Last(crate::duration::parse_duration(text)?)
        };
        Ok(ViewWindow { field, span })
    }

    /// The first instant inside the window.
    pub fn start(&self, now: Timestamp, zone: &Zone) -> Timestamp {
        match self.span {
            WindowSpan::Today => zone.start_of_day(now),
            WindowSpan::Last(d) => Timestamp(now.0 - d),
        }
    }

    /// True when the row's time is inside the window (a row without that time is not).
    pub fn contains(&self, row: &AlertRow, start: Timestamp) -> bool {
        let t = match self.field {
            WindowField::Created => row.created,
            WindowField::Updated => row.last_update,
        };
        t.is_some_and(|t| t >= start)
    }
}

/// One saved view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedView {
    /// Its name, canonical (`new-high`).
    pub name: String,
    /// What the help and palette say about it.
    pub description: String,
    /// Filter text in the console's `/` language.
    pub filter: String,
    /// Sort, when the view sets one.
    pub sort: Option<ViewSort>,
    /// Time window, when the view has one.
    pub window: Option<ViewWindow>,
    /// True for the five built-ins (unless the config redefined them).
    pub builtin: bool,
}

/// The canonical form of a view name: lower-case, `-` for spaces and underscores.
pub fn canonical_name(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .split([' ', '_', '-'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The built-in views: the console's own (Open queue, Mine, Unassigned, New high, Resolved,
/// All alerts: one key each there) and In progress and Resolved today. The console's views keep
/// its queries, so `--view`, `config check` and the console know one list (the console's tests
/// hold the two equal).
pub fn builtin_views() -> Vec<SavedView> {
    let v = |name: &str, description: &str, filter: &str, sort: Option<(&str, bool)>, window| {
        SavedView {
            name: name.into(),
            description: description.into(),
            filter: filter.into(),
            sort: sort.map(|(k, d)| ViewSort {
                key: k.into(),
                descending: d,
            }),
            window,
            builtin: true,
        }
    };
    vec![
        v(
            "open",
            "The open queue (New, In progress)",
            "status:new,inprogress",
            None,
            None,
        ),
        v(
            "mine",
            "Open alerts assigned to me",
            "assigned:me status:new,inprogress",
            None,
            None,
        ),
        v(
            "unassigned",
            "Open alerts nobody owns",
            "assigned:none status:new,inprogress",
            None,
            None,
        ),
        v(
            "new-high",
            "New alerts of high severity",
            "sev:high status:new",
            None,
            None,
        ),
        v(
            "in-progress",
            "Alerts in progress",
            "status:inprogress",
            Some(("updated", true)),
            None,
        ),
        v(
            "resolved-today",
            "Alerts resolved since midnight",
            "status:resolved",
            Some(("updated", true)),
            Some(ViewWindow {
                field: WindowField::Updated,
                span: WindowSpan::Today,
            }),
        ),
        v("resolved", "Resolved alerts", "status:resolved", None, None),
        v("all", "Every alert held", "", None, None),
    ]
}

/// Every view the console offers: the built-ins, then the config's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewCatalog {
    /// In the order the palette lists them.
    pub views: Vec<SavedView>,
}

impl Default for ViewCatalog {
    fn default() -> Self {
        ViewCatalog {
            views: builtin_views(),
        }
    }
}

impl ViewCatalog {
    /// The built-ins with the config's views added (a view named like a built-in replaces it).
    pub fn with(configured: Vec<SavedView>) -> ViewCatalog {
        let mut views = builtin_views();
        for view in configured {
            match views.iter_mut().find(|v| v.name == view.name) {
                Some(slot) => *slot = view,
                None => views.push(view),
            }
        }
        ViewCatalog { views }
    }

    /// A view by name (any case; spaces, `_` and `-` alike).
    pub fn get(&self, name: &str) -> Option<&SavedView> {
        let key = canonical_name(name);
        self.views.iter().find(|v| v.name == key)
    }

    /// Every name, in order.
    pub fn names(&self) -> Vec<&str> {
        self.views.iter().map(|v| v.name.as_str()).collect()
    }

    /// A view by name, or an error that lists the views (and the closest name).
    pub fn require(&self, name: &str) -> Result<&SavedView, String> {
        self.get(name).ok_or_else(|| {
            let names = self.names();
            let hint = crate::suggest::closest(&canonical_name(name), names.iter().copied())
                .map(|n| format!(" (did you mean {n}?)"))
                .unwrap_or_default();
            format!("unknown view {name:?}{hint}; views: {}", names.join(", "))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::{Alert, Status};

    #[test]
    fn builtins_exist_and_names_are_forgiving() {
        let c = ViewCatalog::default();
        assert_eq!(
            c.names(),
            [
                "open",
                "mine",
                "unassigned",
                "new-high",
                "in-progress",
                "resolved-today",
                "resolved",
                "all"
            ]
        );
        assert_eq!(c.get("New high").unwrap().filter, "sev:high status:new");
        assert_eq!(c.get("IN_PROGRESS").unwrap().name, "in-progress");
        let e = c.require("resolvd-today").unwrap_err();
        assert!(
            e.contains("did you mean resolved-today?") && e.contains("open, mine, unassigned"),
            "{e}"
        );
        for v in &c.views {
            if let Some(s) = &v.sort {
                assert!(SORT_KEYS.contains(&s.key.as_str()), "{}", s.key);
            }
        }
    }

    #[test]
    fn config_views_add_and_replace() {
        let mine = SavedView {
            name: "mine".into(),
            description: "all of mine".into(),
            filter: "assigned:me".into(),
            sort: None,
            window: None,
            builtin: false,
        };
        let mut lateral = mine.clone();
        lateral.name = "lateral".into();
        lateral.filter = "cat:lateral".into();
        let c = ViewCatalog::with(vec![mine, lateral]);
        assert_eq!(c.names().len(), 9);
        assert_eq!(c.get("mine").unwrap().filter, "assigned:me");
        assert!(!c.get("mine").unwrap().builtin);
        assert_eq!(c.names().last(), Some(&"lateral"));
    }

    #[test]
    fn sorts_parse_and_mistakes_name_the_keys() {
        assert_eq!(
            ViewSort::parse("created").unwrap(),
            ViewSort {
                key: "created".into(),
                descending: true
            }
        );
        assert_eq!(
            ViewSort::parse("Assigned_To asc").unwrap().key,
            "assigned-to"
        );
        assert!(!ViewSort::parse("title asc").unwrap().descending);
        assert!(
            ViewSort::parse("craeted")
                .unwrap_err()
                .contains("did you mean created?")
        );
        assert!(ViewSort::parse("title sideways").is_err());
        assert!(ViewSort::parse("").is_err());
    }

    #[test]
    fn resolved_today_uses_the_profile_midnight() {
        let view = ViewCatalog::default()
            .get("resolved-today")
            .unwrap()
            .clone();
        let w = view.window.unwrap();
        let now = Timestamp::parse("2024-07-15T10:00:00Z").unwrap();
        let tokyo = Zone::parse("Asia/Tokyo").unwrap(); // 19:00 there; midnight was 15:00 UTC yesterday
        let start = w.start(now, &tokyo);
        assert_eq!(start, Timestamp::parse("2024-07-14T15:00:00Z").unwrap());
        let mut a = Alert::new("da1", "x");
        a.status = Status::Resolved;
        a.last_update_time = Timestamp::parse("2024-07-14T16:00:00Z").ok();
        let row = AlertRow::from_alert(&a);
        assert!(w.contains(&row, start));
        assert!(
            !w.contains(&row, w.start(now, &Zone::Utc)),
            "before UTC midnight"
        );
        let mut none = row.clone();
        none.last_update = None;
        assert!(!w.contains(&none, start));
        assert_eq!(
            ViewWindow::parse(WindowField::Created, "24h").unwrap().span,
            WindowSpan::Last(TimeDelta::hours(24))
        );
    }
}
