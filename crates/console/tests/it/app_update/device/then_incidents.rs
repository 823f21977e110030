//! After the device panel and the response menu, Esc twice and `I` opens the incident list as it
//! does from the list: nothing the panel or the menu started is left to take the keys.

use super::*;

fn assert_incidents_open(s: &State, fx: &[Effect]) {
    assert!(s.incidents.active, "the incident list is not shown");
    assert!(
        fx.iter().any(|e| matches!(e, Effect::LoadIncidents { .. })),
        "{fx:?}"
    );
    assert_eq!(s.focus, Pane::List);
    assert!(s.top_dialog().is_none(), "{:?}", s.top_dialog());
}

#[test]
fn enter_d_x_esc_esc_then_i_opens_the_incidents() {
    let mut s = opened(ws_context(vec![], None));
    ch(&mut s, 'x');
    assert!(matches!(top(&s), ResponseDialog::Menu(_)));
    key(&mut s, KeyCode::Esc);
    key(&mut s, KeyCode::Esc);
    let fx = ch(&mut s, 'I');
    assert_incidents_open(&s, &fx);
}

#[test]
fn x_typed_before_the_device_loaded_then_esc_esc_i_opens_the_incidents() {
    let mut s = state_with(false);
    open_alert(&mut s, "dev1");
    let fx = ch(&mut s, 'd');
    let [Effect::LoadDevice { req, .. }] = &fx[..] else {
        panic!("{fx:?}")
    };
    let req = *req;
    // `x` while the device is still loading: the menu waits for it.
    ch(&mut s, 'x');
    key(&mut s, KeyCode::Esc);
    key(&mut s, KeyCode::Esc);
    let fx = ch(&mut s, 'I');
    assert_incidents_open(&s, &fx);
    // The device answers late: the menu the analyst walked away from does not pop up.
    sync(
        &mut s,
        Msg::DeviceLoaded {
            req,
            device: Box::new(ws_context(vec![], None)),
        },
    );
    assert!(s.incidents.active);
    assert!(s.top_dialog().is_none(), "{:?}", s.top_dialog());
}

/// What the terminal delivers when Esc and the next key arrive together (typed fast, or in one
/// burst over SSH or tmux): one key with the Alt modifier (the ESC prefix).
fn esc_then(s: &mut State, c: char) -> Vec<Effect> {
    let mods = if c.is_uppercase() {
        KeyModifiers::ALT | KeyModifiers::SHIFT
    } else {
        KeyModifiers::ALT
    };
    update(s, AppMsg::Key(KeyEvent::new(KeyCode::Char(c), mods))).into()
}

#[test]
fn esc_and_i_arriving_together_still_close_the_panel_and_open_the_incidents() {
    let mut s = opened(ws_context(vec![], None));
    ch(&mut s, 'x');
    assert!(matches!(top(&s), ResponseDialog::Menu(_)));
    key(&mut s, KeyCode::Esc);
    // The second Esc and the I in one read: the Esc steps back, then I runs.
    let fx = esc_then(&mut s, 'I');
    assert_incidents_open(&s, &fx);
}

#[test]
fn esc_and_a_key_together_in_the_filter_prompt_cancel_it_then_run_the_key() {
    let mut s = state_with(false);
    ch(&mut s, '/');
    typ(&mut s, "mimi");
    let fx = esc_then(&mut s, 'I');
    assert!(s.top_dialog().is_none(), "{:?}", s.top_dialog());
    assert_eq!(s.list.filter_text, "", "the I did not go into the filter");
    assert_incidents_open(&s, &fx);
}

#[test]
fn alt_keys_stay_alt_keys_in_the_comment_editor() {
    let mut s = state_with(false);
    open_alert(&mut s, "dev1");
    ch(&mut s, 'C');
    assert!(matches!(s.top_dialog(), Some(Dialog::Editor(_))));
    esc_then(&mut s, 'b');
    assert!(matches!(s.top_dialog(), Some(Dialog::Editor(_))));
    assert!(!s.incidents.active);
}
