//! `s`: the sort menu, with the current key highlighted and showing its direction.

use super::state::{Menu, MenuKind, MenuValue};
use crate::app::dialogs::Dialog;
use crate::app::list::sort::SortKey;
use crate::app::state::State;

/// Opens the sort menu.
pub(crate) fn open(state: &mut State) {
    let sort = &state.list.sort;
    let items = SortKey::ALL
        .iter()
        .map(|&k| {
            let label = if k == sort.key {
                sort.indicator()
            } else {
                k.label().to_string()
            };
            (label, MenuValue::Sort(k))
        })
        .collect();
    let selected = SortKey::ALL
        .iter()
        .position(|&k| k == sort.key)
        .unwrap_or(0);
    state.dialogs.push(Dialog::Menu(Menu::new(
        MenuKind::Sort,
        "Sort by",
        items,
        selected,
    )));
}
