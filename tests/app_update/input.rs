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
