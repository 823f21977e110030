//! The console's binding table (`mde_console::app::keymap::BINDINGS`) as plain data, so that
//! `mde_ops` can validate a `[keys]` remap against it and the schema can list its actions.

use crossterm::event::{KeyCode, KeyModifiers};
use mde_console::app::keymap::{BINDINGS, Context, KeySpec};
use mde_ops::keys::{BindingInfo, KeyChord, KeyName, NORMAL_CONTEXTS};

/// The config name of a binding context (`global`, `list`, `viewer`, …).
pub fn context_name(c: Context) -> String {
    format!("{c:?}").to_lowercase()
}

fn chord(k: &KeySpec) -> Option<KeyChord> {
    let key = match k.code {
        KeyCode::Char(c) => KeyName::Char(c),
        KeyCode::Enter => KeyName::Enter,
        KeyCode::Esc => KeyName::Esc,
        KeyCode::Tab => KeyName::Tab,
        KeyCode::BackTab => KeyName::BackTab,
        KeyCode::Backspace => KeyName::Backspace,
        KeyCode::Delete => KeyName::Delete,
        KeyCode::Insert => KeyName::Insert,
        KeyCode::Up => KeyName::Up,
        KeyCode::Down => KeyName::Down,
        KeyCode::Left => KeyName::Left,
        KeyCode::Right => KeyName::Right,
        KeyCode::Home => KeyName::Home,
        KeyCode::End => KeyName::End,
        KeyCode::PageUp => KeyName::PageUp,
        KeyCode::PageDown => KeyName::PageDown,
        KeyCode::F(n) => KeyName::F(n),
        _ => return None,
    };
    let char_key = matches!(key, KeyName::Char(c) if c != ' ');
    Some(KeyChord {
        key,
        ctrl: k.mods.contains(KeyModifiers::CONTROL),
        alt: k.mods.contains(KeyModifiers::ALT),
        // The console ignores Shift on characters and Shift-Tab; so does a KeyChord.
        shift: k.mods.contains(KeyModifiers::SHIFT) && !char_key && key != KeyName::BackTab,
    })
}

/// Every binding of the console, as data.
pub fn console_bindings() -> Vec<BindingInfo> {
    BINDINGS
        .iter()
        .map(|b| BindingInfo {
            context: context_name(b.context),
            action: b.action.name().to_string(),
            keys: b.keys.iter().filter_map(chord).collect(),
        })
        .collect()
}

/// The actions `[keys]` can name directly (normal mode), in table order.
pub fn normal_actions(table: &[BindingInfo]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for b in table
        .iter()
        .filter(|b| NORMAL_CONTEXTS.contains(&b.context.as_str()))
    {
        if !out.contains(&b.action) {
            out.push(b.action.clone());
        }
    }
    out
}

/// The dialog contexts and their actions, in table order.
pub fn dialog_actions(table: &[BindingInfo]) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for b in table
        .iter()
        .filter(|b| !NORMAL_CONTEXTS.contains(&b.context.as_str()))
    {
        match out.iter_mut().find(|(c, _)| *c == b.context) {
            Some((_, actions)) if !actions.contains(&b.action) => actions.push(b.action.clone()),
            Some(_) => {}
            None => out.push((b.context.clone(), vec![b.action.clone()])),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_console::app::list::sort::SortKey;

    #[test]
    fn every_key_of_the_table_converts_and_labels_as_the_console_does() {
        for b in BINDINGS {
            for k in b.keys {
                let c = chord(k).unwrap_or_else(|| panic!("{k:?}"));
                assert_eq!(c.label(), k.label(), "{:?}", b.action);
                assert_eq!(
                    KeyChord::parse(
                        &k.label()
                            .replace('↑', "up")
                            .replace('↓', "down")
                            .replace('←', "left")
                            .replace('→', "right")
                    )
                    .unwrap(),
                    c
                );
            }
        }
        let table = console_bindings();
        assert!(normal_actions(&table).contains(&"quit".to_string()));
        assert!(
            dialog_actions(&table)
                .iter()
                .any(|(c, a)| c == "viewer" && a.contains(&"next-match".to_string()))
        );
    }

    #[test]
    fn the_view_sort_keys_are_the_consoles() {
        let console: Vec<String> = SortKey::ALL
            .iter()
            .map(|k| k.label().to_lowercase().replace(' ', "-"))
            .collect();
        assert_eq!(console, mde_ops::views::SORT_KEYS);
    }
}
