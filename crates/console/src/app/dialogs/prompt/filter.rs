//! `/`: the filter prompt. It applies as the analyst types; Esc puts the text from before back,
//! Enter keeps it (and says so when it does not parse).

use super::state::{Input, InputKind};
use crate::app::dialogs::Dialog;
use crate::app::dialogs::line_input::LineInput;
use crate::app::state::State;

/// Opens the prompt holding the current filter text.
pub(crate) fn open(state: &mut State) {
    let text = state.list.filter_text.clone();
    state.dialogs.push(Dialog::Input(Input {
        line: LineInput::new(text.clone()),
        original: text,
        ..Input::new(InputKind::Filter)
    }));
}
