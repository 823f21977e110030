//! Which action a key triggers: the table's contexts for the mode, most specific first.

use super::action::Action;
use super::remap::DEFAULT_KEYMAP;
use super::spec::Mode;
use crossterm::event::KeyEvent;

/// The action a key triggers in a mode with the built-in keys (the console asks its keymap in
/// force, `Keymap::action_for`, which a config remap changes).
pub fn action_for(mode: Mode, key: KeyEvent) -> Option<Action> {
    DEFAULT_KEYMAP.action_for(mode, key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::spec::Context;
    use crate::app::keymap::table::BINDINGS;
    use crate::app::view::state::Pane;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn every_key_reaches_its_binding_in_its_context() {
        // A later duplicate in the same context would be dead: the table must not have one.
        for b in BINDINGS {
            let mode = match b.context {
                Context::Global => Mode::Normal(Pane::Detail),
                Context::List => Mode::Normal(Pane::List),
                Context::Evidence => Mode::Normal(Pane::Evidence),
                Context::Incidents => Mode::Incidents,
                Context::Device => Mode::Normal(Pane::Device),
                other => Mode::Dialog(other),
            };
            for k in b.keys {
                assert_eq!(
                    action_for(mode, ev(k.code, k.mods)),
                    Some(b.action),
                    "{} in {:?}",
                    k.label(),
                    b.context
                );
            }
        }
    }

    #[test]
    fn a_key_with_two_meanings_acts_on_what_the_screen_shows() {
        let t = ev(KeyCode::Char('T'), KeyModifiers::SHIFT);
        // `T` is the tags of the subject: the incident's on the lists, the device's in its panel.
        assert_eq!(action_for(Mode::Incidents, t), Some(Action::IncidentTags));
        assert_eq!(
            action_for(Mode::Normal(Pane::Device), t),
            Some(Action::DeviceTags)
        );
        // The retry sends a response action: it has its own key, never the tags key.
        let e = ev(KeyCode::Char('E'), KeyModifiers::SHIFT);
        assert_eq!(
            action_for(Mode::Normal(Pane::Device), e),
            Some(Action::RetryAction)
        );
        assert_eq!(action_for(Mode::Normal(Pane::List), e), None);
        // `v`: the node's full value in the evidence tree (its subject), the view picker elsewhere.
        let v = ev(KeyCode::Char('v'), KeyModifiers::NONE);
        assert_eq!(
            action_for(Mode::Normal(Pane::Evidence), v),
            Some(Action::ViewValue)
        );
        assert_eq!(
            action_for(Mode::Normal(Pane::Device), v),
            Some(Action::ViewPicker)
        );
        assert_eq!(
            action_for(Mode::Dialog(Context::Story), v),
            Some(Action::ViewValue)
        );
    }

    #[test]
    fn shift_is_implied_by_capitals_and_backtab() {
        let list = Mode::Normal(Pane::List);
        assert_eq!(
            action_for(list, ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            action_for(list, ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevPane)
        );
        assert_eq!(
            action_for(list, ev(KeyCode::Char(' '), KeyModifiers::SHIFT)),
            Some(Action::MarkToHere)
        );
        assert_eq!(
            action_for(list, ev(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::HalfPageDown)
        );
        // Plain `d` is another key (issue 10: the device panel), not Ctrl-d.
        assert_eq!(
            action_for(list, ev(KeyCode::Char('d'), KeyModifiers::NONE)),
            Some(Action::DevicePanel)
        );
        // Dialogs see only their own keys: `a` in a menu is not "assign to me".
        assert_eq!(
            action_for(
                Mode::Dialog(Context::Menu),
                ev(KeyCode::Char('a'), KeyModifiers::NONE)
            ),
            None
        );
    }
}
