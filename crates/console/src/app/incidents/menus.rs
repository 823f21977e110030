//! The incident list's dialogs, built on the shared ones: the status menu of an incident
//! subject (active, in progress, resolved — the incident statuses), the sort menu, the tags
//! prompt and the `/` filter over incidents.

use super::sort::IncidentSortKey;
use crate::app::chrome::toasts::Level;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::line_input::LineInput;
use crate::app::dialogs::menu::state::{Menu, MenuKind, MenuValue};
use crate::app::dialogs::prompt::state::{Input, InputKind};
use crate::app::state::State;
use crate::app::subject::rule::subject;
use crate::app::subject::state::Subject;
use mde_model::graph::IncidentStatus;

/// The statuses the menu offers (redirected is the service's: a merge).
pub const SETTABLE: [IncidentStatus; 3] = [
    IncidentStatus::Active,
    IncidentStatus::InProgress,
    IncidentStatus::Resolved,
];

/// `S` on incidents: the incident statuses, "(current)" on the subject's own.
pub(crate) fn open_status(state: &mut State, subject: Subject) {
    let statuses: Vec<IncidentStatus> = subject
        .ids
        .iter()
        .filter_map(|id| state.incidents.rows.get(id).map(|r| r.status.clone()))
        .collect();
    let n = statuses.len();
    let items = SETTABLE
        .iter()
        .map(|s| {
            let mut label = s.label().to_string();
            if *s == IncidentStatus::Resolved {
                label.push_str(" (asks for a resolving comment)");
            }
            let have = statuses.iter().filter(|x| *x == s).count();
            if have > 0 && have == n {
                label.push_str(" (current)");
            } else if have > 0 {
                label.push_str(&format!(" ({have} of {n} now)"));
            }
            (label, MenuValue::IncidentStatus(s.clone()))
        })
        .collect();
    let title = format!("Status of {}", subject.name);
    state.dialogs.push(Dialog::Menu(
        Menu::new(MenuKind::IncidentStatus, title, items, 0).on(subject),
    ));
}

/// `s` on incidents.
pub(crate) fn open_sort(state: &mut State) {
    let current = state.incidents.sort;
    let items = IncidentSortKey::ALL
        .iter()
        .map(|k| {
            let mut label = k.label().to_string();
            if *k == current.key {
                label.push_str(if current.descending { " ↓" } else { " ↑" });
            }
            (label, MenuValue::IncidentSort(*k))
        })
        .collect();
    let at = IncidentSortKey::ALL
        .iter()
        .position(|k| *k == current.key)
        .unwrap_or(0);
    state.dialogs.push(Dialog::Menu(Menu::new(
        MenuKind::IncidentSort,
        "Sort incidents by",
        items,
        at,
    )));
}

/// `T`: the tags of the subject incident(s), comma-separated, holding the current ones.
pub(crate) fn open_tags(state: &mut State) {
    let Some(subject) = subject(state) else {
        state.notify(Level::Info, "No incident selected");
        return;
    };
    if !subject.is_incident() {
        state.notify(
            Level::Info,
            "Tags are set on incidents: I shows the incidents, i jumps to this alert's",
        );
        return;
    }
    let current = match subject.ids.as_slice() {
        [one] => state
            .incidents
            .rows
            .get(one)
            .map(|r| r.tags.join(", "))
            .unwrap_or_default(),
        _ => String::new(),
    };
    state.dialogs.push(Dialog::Input(Input {
        line: LineInput::new(current),
        title: format!("Tags of {} (comma-separated; empty clears)", subject.name),
        subject: Some(subject),
        ..Input::new(InputKind::Tags)
    }));
}

/// `/` on incidents: the filter prompt over incidents.
pub(crate) fn open_filter(state: &mut State) {
    let text = state.incidents.filter_text.clone();
    state.dialogs.push(Dialog::Input(Input {
        line: LineInput::new(text.clone()),
        original: text,
        ..Input::new(InputKind::IncidentFilter)
    }));
}
