//! Prompt keys: typing edits the line (the filter applies live), Up/Down pick a suggestion or
//! palette entry, Esc cancels, Enter hands the text to the prompt's purpose.

use super::assign::owner_suggestions;
use super::state::InputKind;
use crate::app::dialogs::Dialog;
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::keymap::views::palette_matches;
use crate::app::list::actions as list;
use crate::app::state::State;
use crate::app::triage::actions as triage;
use crate::app::update::commands;
use crossterm::event::KeyEvent;

/// An action while a prompt is on top.
pub(crate) fn on_action(state: &mut State, action: Action) -> Effects {
    let Some(Dialog::Input(input)) = state.dialogs.last_mut() else {
        return Effects::none();
    };
    let kind = input.kind;
    let choices = match kind {
        InputKind::Palette => palette_matches(input.line.text()).len(),
        InputKind::AssignTo => owner_suggestions(&input.suggestions, input.line.text()).len(),
        InputKind::Filter => 0,
    };
    match action {
        Action::Up => input.selected = input.selected.saturating_sub(1),
        Action::Down => input.selected = (input.selected + 1).min(choices.saturating_sub(1)),
        Action::Back => {
            let original = input.original.clone();
            state.dialogs.pop();
            if kind == InputKind::Filter {
                list::set_filter_text(state, &original);
            }
        }
        Action::Enter => {
            let text = input.line.text().to_string();
            let selected = input.selected;
            let suggestion = owner_suggestions(&input.suggestions, &text)
                .get(selected)
                .map(|s| (*s).clone());
            state.dialogs.pop();
            match kind {
                InputKind::Filter => list::apply_filter(state, &text),
                InputKind::AssignTo => return triage::assign_to(state, &text, suggestion),
                InputKind::Palette => return commands::run(state, &text, selected),
            }
        }
        _ => {}
    }
    Effects::none()
}

/// A key no binding claimed edits the line.
pub(crate) fn on_key(state: &mut State, key: KeyEvent) {
    if let Some(Dialog::Input(input)) = state.dialogs.last_mut()
        && input.line.handle(key)
    {
        edited(state);
    }
}

/// Pasted text goes in at the cursor (line breaks and controls become spaces).
pub(crate) fn on_paste(state: &mut State, text: &str) {
    if let Some(Dialog::Input(input)) = state.dialogs.last_mut()
        && input.line.insert_str(text)
    {
        edited(state);
    }
}

/// The text changed: the highlight goes back to the first choice, and the filter applies.
fn edited(state: &mut State) {
    let Some(Dialog::Input(input)) = state.dialogs.last_mut() else {
        return;
    };
    input.selected = 0;
    if input.kind == InputKind::Filter {
        let text = input.line.text().to_string();
        list::set_filter_text(state, &text);
    }
}
