//! `v`: the view picker (issue 12) — every view in one list, the console's built-ins first with
//! the number key that also reaches each, then the config's, each with its query. The view in
//! force is highlighted; picking one switches to it (the filter stays and narrows it).

use super::state::{Menu, MenuKind, MenuValue};
use crate::app::dialogs::Dialog;
use crate::app::list::views::ViewId;
use crate::app::state::State;

/// The number key that reaches a view without the picker (1–5 and 0 for the built-ins).
pub fn number_key(v: ViewId) -> Option<char> {
    match v.0 {
        0..=4 => char::from_digit(u32::from(v.0) + 1, 10),
        5 => Some('0'),
        _ => None,
    }
}

/// Opens the picker.
pub(crate) fn open(state: &mut State) {
    let views = &state.list.views;
    let name_w = views.iter().map(|v| v.title.chars().count()).max().unwrap_or(0);
    let items = views
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let id = ViewId(u8::try_from(i).ok()?);
            // The label starts with its number key, so that key is its hotkey here too.
            let key = number_key(id).map_or_else(|| " ".to_string(), String::from);
            let query = if v.query.is_empty() {
                "every alert"
            } else {
                v.query.as_str()
            };
            let window = if v.window.is_some() { " (time window)" } else { "" };
            let label = format!("{key} {:<name_w$}  {query}{window}", v.title);
            Some((label, MenuValue::View(id)))
        })
        .collect();
    let selected = usize::from(state.list.view.0);
    state.dialogs.push(Dialog::Menu(Menu::new(
        MenuKind::View,
        "Views",
        items,
        selected,
    )));
}
