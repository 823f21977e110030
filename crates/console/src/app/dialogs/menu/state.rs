//! A pick-one menu: its items, each with a value saying what picking it does and a hotkey.

use crate::app::list::sort::SortKey;
use mde_model::{Classification, Determination, Status};

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
}

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
    /// Title.
    pub title: String,
    /// Items.
    pub items: Vec<MenuItem>,
    /// The highlighted item.
    pub selected: usize,
}

impl Menu {
    /// A menu whose hotkeys are the first letter of each label not taken by an earlier item.
    pub fn new(title: impl Into<String>, items: Vec<(String, MenuValue)>, selected: usize) -> Menu {
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
            title: title.into(),
            items,
            selected,
        }
    }
}
