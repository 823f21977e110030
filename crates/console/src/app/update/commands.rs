//! Enter in the `:` palette: the command it reads is run like the key it names, or with its
//! argument (`filter …`, `sort …`, `view …`, `assign …`, `status …`). The palette opens only
//! when no dialog is open, so once it has closed its action runs in normal mode, on the same
//! subject the keys would act on.

use super::normal;
use crate::app::chrome::toasts::Level;
use crate::app::device::tags as device_tags;
use crate::app::dialogs::prompt::palette::{Command, parse_command};
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::list::actions as list;
use crate::app::rotation::{complete, handoff, profiles};
use crate::app::state::State;
use crate::app::triage::actions as triage;

/// Runs the palette text; `selected` is the highlighted match.
pub(crate) fn run(state: &mut State, text: &str, selected: usize) -> Effects {
    // Issue 12: the highlighted profile or view completes a partial `:profile` / `:view`.
    let (text, selected) = match complete::with_choice(state, text, selected) {
        Some(t) => (t, 0),
        None => (text.to_string(), selected),
    };
    let Some(cmd) = parse_command(&text, selected, &state.list.views) else {
        state.notify(Level::Info, "No matching action");
        return Effects::none();
    };
    let writes = matches!(cmd, Command::Assign(_) | Command::Status(_));
    if writes && state.config.read_only {
        // The same refusal and message as the keys give.
        return normal::on_action(state, Action::AssignMe);
    }
    if matches!(cmd, Command::Tag { .. }) && state.config.read_only {
        return normal::on_action(state, Action::DeviceTags);
    }
    match cmd {
        Command::Run(action) => normal::on_action(state, action),
        Command::Assign(who) if who.eq_ignore_ascii_case("me") => triage::assign_me(state),
        Command::Assign(who) => triage::assign_to(state, None, &who, None),
        Command::Filter(f) => {
            list::apply_filter(state, &f);
            Effects::none()
        }
        Command::Sort(k) => {
            list::sort_by(state, k);
            Effects::none()
        }
        Command::View(v) => {
            list::set_view(state, v);
            Effects::none()
        }
        Command::Status(s) => triage::set_status(state, None, s),
        Command::Profile(name) => profiles::switch(state, &name),
        Command::Handoff(span) => handoff::start(state, span.as_deref()),
        Command::Tag { tag, add } => device_tags::command(state, &tag, add),
    }
}
