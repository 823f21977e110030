//! `S`: the status menu for the targets, naming how many and marking the current status.

use super::state::{Menu, MenuValue};
use crate::app::dialogs::Dialog;
use crate::app::state::State;
use crate::app::triage::actions::targets_or_say;
use crate::app::triage::write::count_label;
use mde_model::Status;

fn status_label(s: &Status) -> &str {
    match s {
        Status::InProgress => "In progress",
        other => other.as_str(),
    }
}

/// Opens the status menu.
pub(crate) fn open(state: &mut State) {
    let Some(ids) = targets_or_say(state) else {
        return;
    };
    let current = match ids.as_slice() {
        [one] => state.list.rows.get(one).map(|r| r.status.clone()),
        _ => None,
    };
    let items = Status::SETTABLE
        .iter()
        .map(|s| {
            let mut label = status_label(s).to_string();
            if current.as_ref() == Some(s) {
                label.push_str(" (current)");
            }
            (label, MenuValue::Status(s.clone()))
        })
        .collect();
    let title = format!("Status of {}", count_label(ids.len()));
    state.dialogs.push(Dialog::Menu(Menu::new(title, items, 0)));
}
