//! Terminal input: the one path from terminal events to `update`, pastes included.

use super::*;

#[test]
fn paste_goes_into_the_text_being_edited_and_never_runs_keys() {
    let mut s = loaded();
    // No dialog: a paste of "q" must not quit.
    assert!(update(&mut s, AppMsg::Paste("qa".into())).is_empty());
    assert!(!s.quitting && !s.triage.is_pending("h2"));
    ch(&mut s, '/');
    let _ = update(&mut s, AppMsg::Paste("sev:high\n\u{1b}[2J".into()));
    assert_eq!(s.list.filter_text, "sev:high  [2J");
    key(&mut s, KeyCode::Esc);
    ch(&mut s, 'C');
    let _ = update(&mut s, AppMsg::Paste("line one\r\nline\u{7} two".into()));
    let Some(Dialog::Editor(ed)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(ed.text(), "line one\nline two");
}

#[test]
fn terminal_events_map_to_messages() {
    use crossterm::event::{Event, KeyEventKind};
    let k = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(AppMsg::from_terminal(Event::Key(k)), Some(AppMsg::Key(k)));
    let mut release = k;
    release.kind = KeyEventKind::Release;
    assert_eq!(AppMsg::from_terminal(Event::Key(release)), None);
    assert_eq!(
        AppMsg::from_terminal(Event::Paste("x".into())),
        Some(AppMsg::Paste("x".into()))
    );
    assert_eq!(
        AppMsg::from_terminal(Event::Resize(100, 30)),
        Some(AppMsg::Resize(100, 30))
    );
    assert_eq!(AppMsg::from_terminal(Event::FocusGained), None);
}

#[test]
fn a_paste_goes_into_the_viewer_search_and_the_help_search() {
    let mut s = loaded();
    open_rich(&mut s);
    ch(&mut s, 'R');
    // Not searching: a paste is not keys (`j` would scroll, `q` would close).
    assert!(update(&mut s, AppMsg::Paste("jjq".into())).is_empty());
    let Some(Dialog::Viewer(v)) = s.top_dialog() else {
        panic!("{:?}", s.top_dialog())
    };
    assert_eq!((v.scroll, v.search.text()), (0, ""));
    ch(&mut s, '/');
    ch(&mut s, 'x');
    ch(&mut s, 'n');
    let _ = update(&mut s, AppMsg::Paste("evil\ntest".into()));
    let Some(Dialog::Viewer(v)) = s.top_dialog() else {
        panic!("{:?}", s.top_dialog())
    };
    assert!(v.searching, "a pasted line break does not end the search");
    assert_eq!(v.search.text(), "xnevil test");
    assert_eq!(v.current_match, 0);
    key(&mut s, KeyCode::Esc);
    key(&mut s, KeyCode::Esc);
    ch(&mut s, '?');
    let _ = update(&mut s, AppMsg::Paste("defang".into()));
    let Some(Dialog::Help(h)) = s.top_dialog() else {
        panic!("{:?}", s.top_dialog())
    };
    assert_eq!((h.filter.text(), h.scroll), ("defang", 0));
}

#[test]
fn a_pasted_line_break_never_submits_a_prompt() {
    let mut s = loaded();
    ch(&mut s, 'A');
    assert!(update(&mut s, AppMsg::Paste("bob@contoso.com\r\n".into())).is_empty());
    let Some(Dialog::Input(i)) = s.top_dialog() else {
        panic!("{:?}", s.top_dialog())
    };
    assert_eq!(i.kind, InputKind::AssignTo);
    assert_eq!(i.line.text(), "bob@contoso.com  ");
    assert!(!s.triage.is_pending("h2"), "nothing was written");
    // Enter, typed, does submit what was pasted.
    let (_, w) = write_of(&key(&mut s, KeyCode::Enter));
    assert_eq!(w.change.assigned_to.as_deref(), Some("bob@contoso.com"));
}
