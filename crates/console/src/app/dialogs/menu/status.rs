//! `S`: the status menu for the subject, named in its title; "(current)" marks the subject's
//! own status (for several alerts, how many have each).

use super::state::{Menu, MenuKind, MenuValue};
use crate::app::dialogs::Dialog;
use crate::app::state::State;
use crate::app::triage::actions::subject_or_say;
use mde_model::Status;

/// How a status reads in menus.
pub fn status_label(s: &Status) -> &str {
    match s {
        Status::InProgress => "In progress",
        other => other.as_str(),
    }
}

/// Opens the status menu.
pub(crate) fn open(state: &mut State) {
    let Some(subject) = subject_or_say(state) else {
        return;
    };
    // Issue 11: an incident has statuses of its own.
    if subject.is_incident() {
        return crate::app::incidents::menus::open_status(state, subject);
    }
    let statuses: Vec<Status> = subject
        .ids
        .iter()
        .filter_map(|id| state.list.rows.get(id).map(|r| r.status.clone()))
        .collect();
    let n = statuses.len();
    let items = Status::SETTABLE
        .iter()
        .map(|s| {
            let mut label = status_label(s).to_string();
            let have = statuses.iter().filter(|x| *x == s).count();
            if have > 0 && have == n {
                label.push_str(" (current)");
            } else if have > 0 {
                label.push_str(&format!(" ({have} of {n} now)"));
            }
            (label, MenuValue::Status(s.clone()))
        })
        .collect();
    let title = format!("Status of {}", subject.name);
    state.dialogs.push(Dialog::Menu(
        Menu::new(MenuKind::Status, title, items, 0).on(subject),
    ));
}
