//! `A`: "assign to…" for the subject, named in the title, offering the recent owners and the
//! owners seen in the data that fit what was typed.

use super::state::{Input, InputKind};
use crate::app::dialogs::Dialog;
use crate::app::list::suggest::owner_suggestions;
use crate::app::state::State;
use crate::app::triage::actions::subject_or_say;

/// Opens the prompt with the owners to offer, when there is something to assign.
pub(crate) fn open(state: &mut State) {
    let Some(subject) = subject_or_say(state) else {
        return;
    };
    let suggestions = owner_suggestions(&state.triage.recent_owners, &state.list, "");
    state.dialogs.push(Dialog::Input(Input {
        suggestions,
        title: format!("Assign {} to…", subject.name),
        subject: Some(subject),
        ..Input::new(InputKind::AssignTo)
    }));
}
