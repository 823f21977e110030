//! `/`: the filter prompt. It applies as the analyst types, offering the field names and values
//! that fit the last word; Esc puts the text from before back, Enter keeps it (and says so when
//! it does not parse).

use super::state::{Input, InputKind};
use crate::app::dialogs::Dialog;
use crate::app::dialogs::line_input::LineInput;
use crate::app::list::suggest::filter_completion;
use crate::app::state::State;

/// Opens the prompt holding the current filter text.
pub(crate) fn open(state: &mut State) {
    let text = state.list.filter_text.clone();
    let c = filter_completion(&state.list, &text);
    state.dialogs.push(Dialog::Input(Input {
        line: LineInput::new(text.clone()),
        original: text,
        suggestions: c.options,
        completion_start: c.start,
        ..Input::new(InputKind::Filter)
    }));
}
