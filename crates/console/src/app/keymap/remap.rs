//! The keymap in force: the built-in table (`BINDINGS`) with the config's `[keys]` remap laid
//! over it (issue 12). One value answers every question about keys — which action a key
//! triggers, what the help, the hint bar and the palette show — so a remapped key works, the
//! key it replaced stops working, and every screen names the new one.

use super::spec::{Binding, Context, KeySpec, Mode};
use super::table::BINDINGS;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mde_ops::keys::{KeyChord, KeyName, KeyRemap};

/// The built-in table plus the remapped keys of some bindings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    /// Per binding of `BINDINGS` (by index), the keys that replace its own.
    overrides: Vec<(usize, Vec<KeySpec>)>,
}

/// The built-in keymap: no remap.
pub static DEFAULT_KEYMAP: Keymap = Keymap {
    overrides: Vec::new(),
};

/// The config name of a binding context (`global`, `list`, `viewer`, …), as `mde_ops` and the
/// config check know it.
pub fn context_name(c: Context) -> String {
    format!("{c:?}").to_lowercase()
}

/// The console key of a config key.
pub fn key_spec(chord: &KeyChord) -> KeySpec {
    let code = match chord.key {
        KeyName::Char(c) => KeyCode::Char(c),
        KeyName::Enter => KeyCode::Enter,
        KeyName::Esc => KeyCode::Esc,
        KeyName::Tab => KeyCode::Tab,
        KeyName::BackTab => KeyCode::BackTab,
        KeyName::Backspace => KeyCode::Backspace,
        KeyName::Delete => KeyCode::Delete,
        KeyName::Insert => KeyCode::Insert,
        KeyName::Up => KeyCode::Up,
        KeyName::Down => KeyCode::Down,
        KeyName::Left => KeyCode::Left,
        KeyName::Right => KeyCode::Right,
        KeyName::Home => KeyCode::Home,
        KeyName::End => KeyCode::End,
        KeyName::PageUp => KeyCode::PageUp,
        KeyName::PageDown => KeyCode::PageDown,
        KeyName::F(n) => KeyCode::F(n),
    };
    let mut mods = KeyModifiers::NONE;
    if chord.ctrl {
        mods |= KeyModifiers::CONTROL;
    }
    if chord.alt {
        mods |= KeyModifiers::ALT;
    }
    if chord.shift {
        mods |= KeyModifiers::SHIFT;
    }
    KeySpec { code, mods }
}

impl Keymap {
    /// The built-in table with a validated remap on top. A rebind names its binding by context
    /// and action name; one the table does not have (a config written for another version) is
    /// left out.
    pub fn from_remap(remap: &KeyRemap) -> Keymap {
        let mut overrides = Vec::new();
        for rebind in &remap.rebinds {
            let keys: Vec<KeySpec> = rebind.keys.iter().map(key_spec).collect();
            for (i, b) in BINDINGS.iter().enumerate() {
                if context_name(b.context) == rebind.context && b.action.name() == rebind.action {
                    overrides.retain(|(j, _)| *j != i);
                    overrides.push((i, keys.clone()));
                }
            }
        }
        Keymap { overrides }
    }

    /// True when nothing is remapped.
    pub fn is_built_in(&self) -> bool {
        self.overrides.is_empty()
    }

    /// The keys of a binding of `BINDINGS` as they are now.
    pub fn keys<'a>(&'a self, b: &'static Binding) -> &'a [KeySpec] {
        let index = BINDINGS.iter().position(|x| std::ptr::eq(x, b));
        match index.and_then(|i| self.overrides.iter().find(|(j, _)| *j == i)) {
            Some((_, keys)) => keys,
            None => b.keys,
        }
    }

    /// The keys of a binding as one label (`j/↓`).
    pub fn keys_label(&self, b: &'static Binding) -> String {
        self.keys(b)
            .iter()
            .map(KeySpec::label)
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The bindings with their keys now, in table order.
    pub fn bindings(&self) -> impl Iterator<Item = (&'static Binding, &[KeySpec])> + '_ {
        BINDINGS.iter().enumerate().map(move |(i, b)| {
            let keys = self
                .overrides
                .iter()
                .find(|(j, _)| *j == i)
                .map_or(b.keys, |(_, k)| k.as_slice());
            (b, keys)
        })
    }

    /// The action a key triggers in a mode, if any: the mode's contexts, most specific first;
    /// earlier rows win within a context.
    pub fn action_for(&self, mode: Mode, key: KeyEvent) -> Option<super::action::Action> {
        mode.contexts().iter().find_map(|ctx| {
            self.bindings()
                .filter(|(b, _)| b.context == *ctx)
                .find(|(_, keys)| keys.iter().any(|s| s.matches(&key)))
                .map(|(b, _)| b.action)
        })
    }

    /// The first key of an action in normal mode, as help writes it (for messages that name a
    /// key, such as "v picks another view"); `None` when the action has none.
    pub fn key_of(&self, action: super::action::Action) -> Option<String> {
        self.bindings()
            .filter(|(b, _)| {
                b.action == action
                    && matches!(
                        b.context,
                        Context::Global | Context::List | Context::Evidence | Context::Device
                    )
            })
            .find_map(|(_, keys)| keys.first().map(KeySpec::label))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::action::Action;
    use crate::app::view::state::Pane;
    use mde_ops::keys::Rebind;

    fn rebind(context: &str, action: &str, keys: &[&str]) -> Rebind {
        Rebind {
            context: context.into(),
            action: action.into(),
            keys: keys.iter().map(|k| KeyChord::parse(k).unwrap()).collect(),
        }
    }

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn a_rebind_replaces_the_keys_of_its_binding_only() {
        let map = Keymap::from_remap(&KeyRemap {
            rebinds: vec![
                rebind("global", "assign-me", &["m"]),
                rebind("viewer", "next-match", &["ctrl-n"]),
            ],
        });
        let list = Mode::Normal(Pane::List);
        assert_eq!(map.action_for(list, press('m')), Some(Action::AssignMe));
        assert_eq!(
            map.action_for(list, press('a')),
            None,
            "the old key is free"
        );
        assert_eq!(map.action_for(list, press('j')), Some(Action::Down));
        assert_eq!(map.key_of(Action::AssignMe).as_deref(), Some("m"));
        let viewer = Mode::Dialog(Context::Viewer);
        let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
        assert_eq!(map.action_for(viewer, ctrl_n), Some(Action::NextMatch));
        assert_eq!(map.action_for(viewer, press('n')), None);
        assert!(DEFAULT_KEYMAP.is_built_in() && !map.is_built_in());
        assert_eq!(
            DEFAULT_KEYMAP.action_for(list, press('a')),
            Some(Action::AssignMe)
        );
    }

    #[test]
    fn config_keys_become_console_keys() {
        let spec = key_spec(&KeyChord::parse("ctrl-s").unwrap());
        assert_eq!(spec.label(), "Ctrl-s");
        assert!(spec.matches(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
        let g = key_spec(&KeyChord::parse("G").unwrap());
        assert!(g.matches(&KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)));
        assert_eq!(key_spec(&KeyChord::parse("PgDn").unwrap()).label(), "PgDn");
        assert_eq!(context_name(Context::Global), "global");
    }
}
