//! Quitting: at once when nothing is on its way, else a question naming how many writes wait
//! (Stay is the default; `y` quits, `n` or `q` stays).

use super::Dialog;
use super::hotkey::plain_char;
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::state::State;
use crossterm::event::KeyEvent;
use mde_model::protocol::Effect;

/// `q`: quit, asking first when writes are still on their way.
pub(crate) fn ask(state: &mut State) -> Effects {
    let pending = state.writes_pending();
    if pending > 0 {
        state.dialogs.push(Dialog::QuitConfirm {
            pending,
            yes_selected: false,
        });
        return Effects::none();
    }
    state.quitting = true;
    Effects::one(Effect::Quit)
}

/// An action while the question is on top.
pub(crate) fn on_action(state: &mut State, action: Action) -> Effects {
    let Some(Dialog::QuitConfirm { yes_selected, .. }) = state.dialogs.last_mut() else {
        return Effects::none();
    };
    match action {
        Action::Up | Action::Down => *yes_selected = !*yes_selected,
        Action::Enter => {
            let yes = *yes_selected;
            return finish(state, yes);
        }
        Action::Back => return finish(state, false),
        _ => {}
    }
    Effects::none()
}

/// `y` quits; `n` and `q` stay.
pub(crate) fn on_key(state: &mut State, key: KeyEvent) -> Effects {
    match plain_char(&key) {
        Some('y') => finish(state, true),
        Some('n' | 'q') => finish(state, false),
        _ => Effects::none(),
    }
}

fn finish(state: &mut State, yes: bool) -> Effects {
    state.dialogs.pop();
    if yes {
        state.quitting = true;
        return Effects::one(Effect::Quit);
    }
    Effects::none()
}
