//! The `?` help on one screen at 160×48 (issue 9: several columns, like k9s, every filter field
//! documented): every binding outside the dialogs with its key, every dialog's line and every
//! filter field, with no scrolling; at 80×24 it scrolls, says where it is, and PgDn moves on.

use super::*;
use mde_console::app::dialogs::help::Help;
use mde_console::app::keymap::{BINDINGS, Context, Keymap};
use mde_console::ui::dialogs::help::HINT;
use mde_query::FIELDS;

/// The contexts the help gives one line each ("Inside dialogs").
const DIALOGS: &[Context] = &[
    Context::Menu,
    Context::Confirm,
    Context::Conflict,
    Context::Input,
    Context::Editor,
    Context::Viewer,
    Context::Help,
    Context::Story,
    Context::Response,
];

fn help_screen(w: u16, h: u16, scroll: usize) -> String {
    let s = with_dialog(
        list_state(),
        Dialog::Help(Help {
            scroll,
            ..Help::default()
        }),
    );
    let t = draw(&s, w, h, &Theme::full());
    assert_no_controls(t.backend().buffer());
    text_of(t.backend().buffer())
}

/// What the help shows for a binding outside the dialogs: its keys (or `:name`) in the keys
/// column, then the start of its description.
fn entry(map: &Keymap, b: &'static mde_console::app::keymap::Binding) -> String {
    let keys = map.keys_label(b);
    let keys = if keys.is_empty() {
        format!(":{}", b.action.name())
    } else {
        keys
    };
    let start: String = b.description.chars().take(12).collect();
    format!(" {keys:<13} {start}")
}

#[test]
fn at_160x48_every_key_and_every_filter_field_is_on_one_screen() {
    let shot = help_screen(160, 48, 0);
    let map = Keymap::default();
    assert!(shot.contains(HINT), "{shot}");
    let border = shot.lines().find(|l| l.contains(HINT)).unwrap();
    assert!(
        !border.contains('–'),
        "no scroll position: nothing is out of view\n{shot}"
    );
    for b in BINDINGS.iter().filter(|b| !DIALOGS.contains(&b.context)) {
        let e = entry(&map, b);
        assert!(
            shot.contains(&e),
            "{e:?} ({:?}) not on screen:\n{shot}",
            b.action
        );
    }
    for label in [
        "Menus",
        "Confirmations",
        "Conflict",
        "Text inputs",
        "Value viewer",
    ] {
        assert!(shot.contains(label), "{label} not on screen:\n{shot}");
    }
    for f in FIELDS {
        let name = format!(" {:<13} ", format!("{}:", f.names[0]));
        assert!(
            shot.contains(&name),
            "field {name:?} not on screen:\n{shot}"
        );
    }
    for c in [":filter QUERY", ":sort KEY", ":view NAME"] {
        assert!(shot.contains(c), "{c} not on screen:\n{shot}");
    }
}

#[test]
fn at_80x24_the_help_scrolls_and_says_where_it_is() {
    let first = help_screen(80, 24, 0);
    assert!(first.contains(HINT), "{first}");
    let border = |shot: &str| shot.lines().find(|l| l.contains(HINT)).unwrap().to_string();
    assert!(border(&first).contains(" 1–"), "a scroll position: {first}");
    assert!(first.contains(" ↑/k "), "{first}");
    let later = help_screen(80, 24, 60);
    assert!(border(&later).contains(" 61–"), "{later}");
    assert_ne!(first, later);
}
