//! The config's key remap drives the keys, the help, the hints and the palette; a remap
//! inside a dialog applies there only.

use super::*;

#[test]
fn a_remapped_key_works_the_old_one_does_not_and_help_hints_and_palette_name_it() {
    let cfg = with_settings(|st| {
        st.keys = KeyRemap {
            rebinds: vec![
                rebind("global", "assign-me", &["m"]),
                rebind("global", "reverse-sort", &["ctrl-s"]),
            ],
        };
    });
    let mut s = loaded_with(cfg, rows());
    assert!(ch(&mut s, 'a').is_empty(), "a no longer assigns");
    assert!(s.triage.pending.is_empty());
    let (_, write) = write_of(&ch(&mut s, 'm'));
    assert_eq!(write.change.assigned_to.as_deref(), Some(ME));
    // Ctrl-s reverses the sort: it was bound to nothing.
    let before = s.list.sort.descending;
    ctrl(&mut s, 's');
    assert_ne!(s.list.sort.descending, before);

    let map = &s.rotation.keymap;
    let hints = hints_in(map, Mode::Normal(Pane::List));
    assert!(
        hints.iter().any(|(k, d)| k == "m" && *d == "Assign to me"),
        "{hints:?}"
    );
    assert!(!hints.iter().any(|(k, _)| k == "a"), "{hints:?}");
    let help: Vec<String> = help_groups_in(map, "assign to me")
        .iter()
        .flat_map(|(_, b)| b.iter().map(|b| map.keys_label(b)))
        .collect();
    assert_eq!(help, ["m"]);
    // The palette shows each action's key from the same map.
    let reverse = mde_console::app::keymap::palette_matches("reverse-sort")[0];
    assert_eq!(map.keys_label(reverse), "Ctrl-s");
    assert_eq!(map.key_of(Action::AssignMe).as_deref(), Some("m"));
}

#[test]
fn a_remap_inside_a_dialog_applies_there_only() {
    let cfg = with_settings(|st| {
        st.keys = KeyRemap {
            rebinds: vec![rebind("menu", "back", &["x"])],
        };
    });
    let mut s = loaded_with(cfg, rows());
    ch(&mut s, 's');
    assert!(matches!(s.top_dialog(), Some(Dialog::Menu(_))));
    key(&mut s, KeyCode::Esc);
    assert!(s.top_dialog().is_some(), "Esc no longer closes a menu");
    ch(&mut s, 'x');
    assert!(s.top_dialog().is_none());
}
