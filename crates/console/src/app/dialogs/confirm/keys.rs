//! Confirmation keys: switch between Cancel (the default) and Apply; Enter does the highlighted
//! one, `y` applies, Esc or `n` cancels.

use crate::app::chrome::toasts::Level;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::confirm::state::Confirmed;
use crate::app::dialogs::hotkey::plain_char;
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::state::State;
use crate::app::triage::actions::send;
use crate::app::triage::undo::undo_now;
use crossterm::event::KeyEvent;

/// An action while the confirmation is on top.
pub(crate) fn on_action(state: &mut State, action: Action) -> Effects {
    let Some(Dialog::Confirm(c)) = state.dialogs.last_mut() else {
        return Effects::none();
    };
    match action {
        Action::Up | Action::Down => c.yes_selected = !c.yes_selected,
        Action::Enter => {
            let yes = c.yes_selected;
            return finish(state, yes);
        }
        Action::Back => return finish(state, false),
        _ => {}
    }
    Effects::none()
}

/// `y` applies.
pub(crate) fn on_key(state: &mut State, key: KeyEvent) -> Effects {
    match plain_char(&key) {
        Some('y') => finish(state, true),
        _ => Effects::none(),
    }
}

fn finish(state: &mut State, yes: bool) -> Effects {
    let Some(Dialog::Confirm(c)) = state.dialogs.pop() else {
        return Effects::none();
    };
    if yes {
        match c.action {
            Confirmed::Write(write, name) => send(state, write, &name),
            Confirmed::Undo(req) => undo_now(state, req),
            Confirmed::Incidents(writes, name) => {
                crate::app::incidents::triage::send_all(state, writes, &name)
            }
        }
    } else {
        state.notify(Level::Info, "Cancelled: nothing was changed");
        Effects::none()
    }
}
