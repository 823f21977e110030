//! A pick-one menu: its items, each with a value saying what picking it does and a hotkey.

use crate::app::incidents::sort::IncidentSortKey;
use crate::app::list::sort::SortKey;
use crate::app::subject::state::Subject;
use mde_model::graph::IncidentStatus;
use mde_model::{Classification, Determination, Status};

/// Which menu it is (each has its own opener and drawing needs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuKind {
    /// `s`: sort by.
    Sort,
    /// `S`: set the status.
    Status,
    /// `c`: classify.
    Classify,
    /// After a classification: its determinations.
    Determination,
    /// `y`: copy a value.
    Yank,
    /// `v`: pick a view (issue 12).
    View,
    // Issue 11.
    /// `S` on an incident.
    IncidentStatus,
    /// `s` on the incident list.
    IncidentSort,
}

/// What a menu item stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuValue {
    /// Sort by this key.
    Sort(SortKey),
    /// Set this status.
    Status(Status),
    /// Classify as this (a determination menu follows).
    Classification(Classification),
    /// Classify with this determination.
    Determination(Classification, Determination),
    /// Copy this text; the label says what it is.
    Yank {
        /// What is copied ("alert id", "SHA-256", …).
        what: String,
        /// The value.
        text: String,
    },
    /// Switch to this view (issue 12).
    View(crate::app::list::views::ViewId),
    // Issue 11.
    /// Set this incident status.
    IncidentStatus(IncidentStatus),
    /// Sort the incident list by this key.
    IncidentSort(IncidentSortKey),
}

impl Menu {
    /// The same menu acting on `subject`.
    pub fn on(mut self, subject: Subject) -> Menu {
        self.subject = Some(subject);
        self
    }
}

/// The key reminder under every menu.
pub const MENU_FOOTER: &str = "↑↓ move · Enter pick · Esc back";

/// One line of a menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuItem {
    /// Shown text.
    pub label: String,
    /// A letter that picks the item directly.
    pub hotkey: Option<char>,
    /// What picking it does.
    pub value: MenuValue,
}

/// A pick-one menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Menu {
    /// Which menu.
    pub kind: MenuKind,
    /// Title (naming the subject for triage menus).
    pub title: String,
    /// What a triage menu acts on, captured when it opened.
    pub subject: Option<Subject>,
    /// Items.
    pub items: Vec<MenuItem>,
    /// The highlighted item.
    pub selected: usize,
}

impl Menu {
    /// A menu whose hotkeys are the first letter of each label not taken by an earlier item.
    pub fn new(
        kind: MenuKind,
        title: impl Into<String>,
        items: Vec<(String, MenuValue)>,
        selected: usize,
    ) -> Menu {
        // j, k and q move and close menus, so they are never hotkeys.
        let mut used: Vec<char> = vec!['j', 'k', 'q'];
        let items: Vec<MenuItem> = items
            .into_iter()
            .map(|(label, value)| {
                let hotkey = label
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric())
                    .map(|c| c.to_ascii_lowercase())
                    .find(|c| !used.contains(c));
                if let Some(h) = hotkey {
                    used.push(h);
                }
                MenuItem {
                    label,
                    hotkey,
                    value,
                }
            })
            .collect();
        let selected = selected.min(items.len().saturating_sub(1));
        Menu {
            kind,
            title: title.into(),
            subject: None,
            items,
            selected,
        }
    }
}
