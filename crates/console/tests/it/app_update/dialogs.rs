//! Dialogs: the value viewer, yank and portal link, help, the palette, quitting, toasts.

use super::*;

#[test]
fn value_viewer_searches_with_slash_and_steps_with_n() {
    let mut s = loaded();
    open_rich(&mut s);
    key(&mut s, KeyCode::Tab);
    ch(&mut s, 'j');
    ch(&mut s, 'l');
    ch(&mut s, 'j'); // powershell
    ch(&mut s, 'v');
    let viewer = |s: &State| match s.top_dialog() {
        Some(Dialog::Viewer(v)) => v.clone(),
        d => panic!("{d:?}"),
    };
    ch(&mut s, '/');
    assert!(viewer(&s).searching);
    // While typing, letters are text, not viewer keys (j would scroll, n would step).
    typ(&mut s, "enc");
    let v = viewer(&s);
    assert_eq!((v.search.text(), v.scroll), ("enc", 0));
    key(&mut s, KeyCode::Enter);
    assert!(
        !viewer(&s).searching,
        "Enter keeps the search and leaves typing"
    );
    ch(&mut s, 'n');
    ch(&mut s, 'n');
    ch(&mut s, 'N');
    assert_eq!(viewer(&s).current_match, 1);
    // Esc first clears the search, then closes the viewer.
    key(&mut s, KeyCode::Esc);
    assert_eq!(viewer(&s).search.text(), "");
    key(&mut s, KeyCode::Esc);
    assert!(s.top_dialog().is_none());
}

#[test]
fn yank_id_and_portal_link() {
    let mut s = loaded();
    ch(&mut s, 'y');
    let fx = ch(&mut s, 'i');
    assert_eq!(
        fx,
        [Effect::Clipboard {
            text: "h2".into(),
            what: "alert id".into()
        }]
    );
    let fx = ch(&mut s, 'o');
    let url = "https://security.microsoft.com/alerts/h2?tid=t%2D1";
    assert_eq!(
        fx,
        [Effect::Clipboard {
            text: url.into(),
            what: "portal link".into()
        }]
    );
    let Some(Dialog::Viewer(v)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(v.text, url);
}

#[test]
fn help_is_filterable_and_palette_runs_an_action_by_name() {
    let mut s = loaded();
    ch(&mut s, '?');
    typ(&mut s, "assign to");
    let Some(Dialog::Help(h)) = s.top_dialog() else {
        panic!()
    };
    let groups = mde_console::app::keymap::help_groups(h.filter.text());
    let actions: Vec<Action> = groups
        .iter()
        .flat_map(|(_, b)| b.iter().map(|b| b.action))
        .collect();
    assert_eq!(actions, [Action::AssignMe, Action::AssignTo]);
    key(&mut s, KeyCode::Esc); // clears the search
    assert!(matches!(s.top_dialog(), Some(Dialog::Help(_))));
    key(&mut s, KeyCode::Esc);
    assert!(s.dialogs.is_empty());

    ch(&mut s, ':');
    typ(&mut s, "pause");
    assert_eq!(
        key(&mut s, KeyCode::Enter),
        [Effect::SetPolling { paused: true }]
    );
    assert!(s.dialogs.is_empty());
}

#[test]
fn palette_runs_commands_with_arguments() {
    let mut s = loaded();
    ch(&mut s, ':');
    typ(&mut s, "assign bob@contoso.com");
    let (_, w) = write_of(&key(&mut s, KeyCode::Enter));
    assert_eq!(w.change.assigned_to.as_deref(), Some("bob@contoso.com"));
    ch(&mut s, ':');
    typ(&mut s, "filter sev:high");
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    assert_eq!(view_ids(&s), ["h2", "h1"]);
    ch(&mut s, ':');
    typ(&mut s, "status resolved");
    let (_, w) = write_of(&key(&mut s, KeyCode::Enter));
    assert_eq!(w.change.status, Some(Status::Resolved));
    ch(&mut s, ':');
    typ(&mut s, "nothing like this");
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    assert_eq!(last_toast(&s), "No matching action");
}

#[test]
fn quit_directly_or_after_asking_when_writes_are_pending() {
    let mut s = loaded();
    ch(&mut s, 'a');
    assert!(ch(&mut s, 'q').is_empty());
    assert!(matches!(
        s.top_dialog(),
        Some(Dialog::QuitConfirm { pending: 1, .. })
    ));
    assert!(key(&mut s, KeyCode::Enter).is_empty(), "default is stay");
    assert!(!s.quitting);
    ch(&mut s, 'q');
    assert_eq!(ch(&mut s, 'y'), [Effect::Quit]);
    assert!(s.quitting);

    let mut s = loaded();
    assert_eq!(ctrl(&mut s, 'c'), [Effect::Quit]);
}

#[test]
fn toasts_expire_on_ticks() {
    let mut s = loaded();
    let _ = update(&mut s, AppMsg::Tick(ts("2024-05-10T00:00:00Z")));
    ch(&mut s, 'p');
    assert!(s.toast().is_some());
    s.dirty = false;
    let _ = update(&mut s, AppMsg::Tick(ts("2024-05-10T00:00:02Z")));
    assert!(s.toast().is_some());
    assert!(!s.dirty, "nothing to redraw");
    let _ = update(&mut s, AppMsg::Tick(ts("2024-05-10T00:00:30Z")));
    assert!(s.toast().is_none());
    assert!(s.dirty);
}
