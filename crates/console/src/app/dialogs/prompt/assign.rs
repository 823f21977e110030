//! `A`: "assign to…", a prompt offering the recent owners that fit what was typed.

use super::state::{Input, InputKind};
use crate::app::chrome::toasts::Level;
use crate::app::dialogs::Dialog;
use crate::app::state::State;

/// The owner suggestions that fit what was typed.
pub fn owner_suggestions<'a>(recent: &'a [String], typed: &str) -> Vec<&'a String> {
    let t = typed.trim().to_lowercase();
    recent
        .iter()
        .filter(|o| t.is_empty() || o.to_lowercase().contains(&t))
        .collect()
}

/// Opens the prompt with the recent owners, when there is something to assign.
pub(crate) fn open(state: &mut State) {
    if state.list.targets().is_empty() {
        state.notify(Level::Info, "No alert selected");
        return;
    }
    state.dialogs.push(Dialog::Input(Input {
        suggestions: state.triage.recent_owners.clone(),
        ..Input::new(InputKind::AssignTo)
    }));
}
