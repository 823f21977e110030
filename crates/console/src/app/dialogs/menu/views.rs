//! `v`: the view picker (issue 12) — every view in one list, the console's built-ins first with
//! the number key that also reaches each as its hotkey, then the config's, each with its query. The view in
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
    let name_w = views
        .iter()
        .map(|v| v.title.chars().count())
        .max()
        .unwrap_or(0);
    let items = views
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let id = ViewId(u8::try_from(i).ok()?);
            let query = if v.query.is_empty() {
                "every alert"
            } else {
                v.query.as_str()
            };
            let window = if v.window.is_some() {
                " (time window)"
            } else {
                ""
            };
            let label = format!("{:<name_w$}  {query}{window}", v.title);
            Some((label, MenuValue::View(id)))
        })
        .collect();
    let selected = usize::from(state.list.view.0);
    let mut menu = Menu::new(MenuKind::View, "Views", items, selected);
    // The built-ins' hotkeys are their number keys; the others take the first free letter of
    // their title (j, k and q move and close menus).
    let mut used: Vec<char> = vec!['j', 'k', 'q', '0', '1', '2', '3', '4', '5'];
    for (i, item) in menu.items.iter_mut().enumerate() {
        item.hotkey = match u8::try_from(i).ok().map(ViewId).and_then(number_key) {
            Some(n) => Some(n),
            None => {
                let free = item
                    .label
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric())
                    .map(|c| c.to_ascii_lowercase())
                    .find(|c| !used.contains(c));
                if let Some(c) = free {
                    used.push(c);
                }
                free
            }
        };
    }
    state.dialogs.push(Dialog::Menu(menu));
}
