//! Prompt keys: typing edits the line (the filter applies live and its completions follow),
//! Up/Down highlight a suggestion or palette entry, Tab takes the highlighted suggestion, Esc
//! cancels, Enter hands the text to the prompt's purpose.

use super::state::{Input, InputKind};
use crate::app::device::tags as device_tags;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::line_input::LineInput;
use crate::app::effects::Effects;
use crate::app::incidents::keys as incidents;
use crate::app::incidents::triage as incident_triage;
use crate::app::keymap::action::Action;
use crate::app::keymap::views::palette_matches;
use crate::app::list::actions as list;
use crate::app::list::suggest::{filter_completion, owner_suggestions};
use crate::app::rotation::complete::palette_args;
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
        // Issue 12: while an argument completes, the choices are its names.
        InputKind::Palette if !input.suggestions.is_empty() => input.suggestions.len(),
        InputKind::Palette => palette_matches(input.line.text()).len(),
        InputKind::AssignTo | InputKind::Filter => input.suggestions.len(),
        InputKind::IncidentFilter | InputKind::Tags | InputKind::DeviceTag => 0,
    };
    match action {
        Action::Up => input.selected = input.selected.saturating_sub(1),
        Action::Down => input.selected = (input.selected + 1).min(choices.saturating_sub(1)),
        Action::Complete if take_suggestion(input) => edited(state),
        Action::Complete => {}
        Action::Back => {
            let original = input.original.clone();
            state.dialogs.pop();
            if kind == InputKind::Filter {
                list::set_filter_text(state, &original);
            }
            if kind == InputKind::IncidentFilter {
                incidents::filter_edited(state, &original);
            }
        }
        Action::Enter => {
            let Some(Dialog::Input(input)) = state.dialogs.pop() else {
                return Effects::none();
            };
            let text = input.line.text().to_string();
            match kind {
                InputKind::Filter => list::apply_filter(state, &text),
                InputKind::AssignTo => {
                    // A typed owner wins; a partial name picks the highlighted suggestion.
                    let typed = text.trim();
                    let looks_whole = typed.contains('@') || typed.contains('\\');
                    let suggestion = (!looks_whole)
                        .then(|| input.suggestions.get(input.selected).cloned())
                        .flatten();
                    return triage::assign_to(state, input.subject, &text, suggestion);
                }
                InputKind::Palette => return commands::run(state, &text, input.selected),
                InputKind::IncidentFilter => incidents::filter_applied(state, &text),
                InputKind::Tags => return incident_triage::set_tags(state, input.subject, &text),
                InputKind::DeviceTag => return device_tags::submit(state, input.device, &text),
            }
        }
        _ => {}
    }
    Effects::none()
}

/// Tab: the highlighted suggestion replaces what it completes. True when the text changed.
fn take_suggestion(input: &mut Input) -> bool {
    let Some(s) = input.suggestions.get(input.selected).cloned() else {
        return false;
    };
    let text = match input.kind {
        InputKind::Filter => {
            let head = input
                .line
                .text()
                .get(..input.completion_start)
                .unwrap_or("");
            let space = if s.ends_with(':') { "" } else { " " };
            format!("{head}{s}{space}")
        }
        InputKind::AssignTo => s,
        InputKind::Palette => {
            let head = input
                .line
                .text()
                .get(..input.completion_start)
                .unwrap_or("");
            format!("{head}{s}")
        }
        InputKind::IncidentFilter | InputKind::Tags | InputKind::DeviceTag => return false,
    };
    let changed = text != input.line.text();
    input.line = LineInput::new(text);
    changed
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

/// The text changed: the suggestions follow it, the highlight goes back to the first, and the
/// filter applies.
fn edited(state: &mut State) {
    let Some(Dialog::Input(input)) = state.dialogs.last() else {
        return;
    };
    let (kind, text) = (input.kind, input.line.text().to_string());
    if kind == InputKind::Filter {
        list::set_filter_text(state, &text);
    }
    if kind == InputKind::IncidentFilter {
        incidents::filter_edited(state, &text);
    }
    let (suggestions, start) = match kind {
        InputKind::Filter => {
            let c = filter_completion(&state.list, &text);
            (c.options, c.start)
        }
        InputKind::AssignTo => (
            owner_suggestions(&state.triage.recent_owners, &state.list, &text),
            0,
        ),
        InputKind::Palette => palette_args(state, &text),
        InputKind::IncidentFilter | InputKind::Tags | InputKind::DeviceTag => (Vec::new(), 0),
    };
    if let Some(Dialog::Input(input)) = state.dialogs.last_mut() {
        input.suggestions = suggestions;
        input.completion_start = start;
        input.selected = 0;
    }
}
