//! `c`: the classification menu for the subject, then the determinations valid for the
//! choice; both name the subject.

use super::state::{Menu, MenuKind, MenuValue};
use crate::app::dialogs::Dialog;
use crate::app::state::State;
use crate::app::subject::state::Subject;
use crate::app::triage::actions::subject_or_say;
use mde_model::Classification;

/// Opens the classification menu.
pub(crate) fn open(state: &mut State) {
    let Some(subject) = subject_or_say(state) else {
        return;
    };
    let items = Classification::SETTABLE
        .iter()
        .map(|c| (c.label().to_string(), MenuValue::Classification(c.clone())))
        .collect();
    let title = format!("Classify {}", subject.name);
    state.dialogs.push(Dialog::Menu(
        Menu::new(MenuKind::Classify, title, items, 0).on(subject),
    ));
}

/// After a classification: only the determinations valid for it, for the same subject.
pub(crate) fn open_determination(state: &mut State, c: Classification, subject: Option<Subject>) {
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
    let of = subject
        .as_ref()
        .map_or(String::new(), |s| format!(" of {}", s.name));
    let title = format!("{} — determination{of}", c.label());
    let mut menu = Menu::new(MenuKind::Determination, title, items, 0);
    menu.subject = subject;
    state.dialogs.push(Dialog::Menu(menu));
}
