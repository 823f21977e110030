//! `c`: the classification menu for the targets, then the determinations valid for the choice.

use super::state::{Menu, MenuValue};
use crate::app::dialogs::Dialog;
use crate::app::state::State;
use crate::app::triage::actions::targets_or_say;
use crate::app::triage::write::count_label;
use mde_model::Classification;

/// Opens the classification menu.
pub(crate) fn open(state: &mut State) {
    let Some(ids) = targets_or_say(state) else {
        return;
    };
    let items = Classification::SETTABLE
        .iter()
        .map(|c| (c.label().to_string(), MenuValue::Classification(c.clone())))
        .collect();
    let title = format!("Classify {}", count_label(ids.len()));
    state.dialogs.push(Dialog::Menu(Menu::new(title, items, 0)));
}

/// After a classification: only the determinations valid for it.
pub(crate) fn open_determination(state: &mut State, c: Classification) {
    let items = c
        .determinations()
        .iter()
        .map(|d| {
            (
                d.label().to_string(),
                MenuValue::Determination(c.clone(), d.clone()),
            )
        })
        .collect();
    let title = format!("{} — determination", c.label());
    state.dialogs.push(Dialog::Menu(Menu::new(title, items, 0)));
}
