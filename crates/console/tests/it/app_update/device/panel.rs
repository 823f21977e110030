//! The device panel: what it shows, its filters, devices it cannot have, following the detail.

use super::*;

#[test]
fn the_panel_loads_the_alerts_device_and_counts_the_other_open_alerts() {
    let mut s = state_with(false);
    open_alert(&mut s, "dev1");
    let req = {
        let fx = ch(&mut s, 'd');
        let [Effect::LoadDevice { req, .. }] = fx[..] else {
            panic!("{fx:?}")
        };
        req
    };
    assert_eq!(s.focus, Pane::Device);
    let p = s.device.panel.as_ref().unwrap();
    assert_eq!(p.load, PanelLoad::Loading);
    // Counted from the rows at once: dev2 and dev3 (any case) on the device; dev3 and dev5 of
    // jdoe; the resolved dev4 and the alert itself are not counted.
    assert_eq!((p.others.device, p.others.user), (2, 2));
    // A stale answer (another request) is dropped.
    sync(
        &mut s,
        Msg::DeviceLoaded {
            req: req + 100,
            device: Box::new(ws_context(vec![], None)),
        },
    );
    assert_eq!(s.device.panel.as_ref().unwrap().load, PanelLoad::Loading);
    sync(
        &mut s,
        Msg::DeviceLoaded {
            req,
            device: Box::new(ws_context(vec![], None)),
        },
    );
    let ctx = s.device.panel.as_ref().unwrap().context().unwrap();
    assert_eq!(ctx.machine.id, M1);
    // `d` again in the panel asks the service again, keeping what is shown.
    let fx = ch(&mut s, 'd');
    assert!(matches!(fx[..], [Effect::LoadDevice { .. }]), "{fx:?}");
    assert!(s.device.panel.as_ref().unwrap().context().is_some());
    // Esc closes it and stops watching; the focus goes back to the detail.
    let fx = key(&mut s, KeyCode::Esc);
    assert_eq!(fx, vec![Effect::UnwatchDevice]);
    assert!(s.device.panel.is_none());
    assert_eq!(s.focus, Pane::Detail);
}

#[test]
fn f_and_shift_f_list_the_alerts_on_the_device_and_of_the_user() {
    let mut s = opened(ws_context(vec![], None));
    ch(&mut s, 'f');
    assert_eq!(s.list.filter_text, format!("device:{WS}"));
    assert_eq!(s.focus, Pane::List);
    let mut ids = view_ids(&s);
    ids.sort();
    assert_eq!(ids, ["dev1", "dev2", "dev3", "dev4"]);
    assert!(last_toast(&s).contains("4 alerts"), "{}", last_toast(&s));
    s.focus = Pane::Device;
    ch(&mut s, 'F');
    assert_eq!(s.list.filter_text, "user:CONTOSO\\jdoe");
    let mut ids = view_ids(&s);
    ids.sort();
    assert_eq!(ids, ["dev1", "dev3", "dev5"]);
}

#[test]
fn a_device_that_cannot_be_had_says_why_graph_profiles_included() {
    let mut s = state_with(false);
    open_alert(&mut s, "dev1");
    let fx = ch(&mut s, 'd');
    let [Effect::LoadDevice { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    sync(
        &mut s,
        Msg::DeviceFailed {
            req,
            error: "this service has no device API".into(),
        },
    );
    let PanelLoad::Failed(e) = &s.device.panel.as_ref().unwrap().load else {
        panic!()
    };
    let words = mde_console::app::device::words::no_device_words(e);
    assert!(
        words.contains("Graph") && words.contains("MDE API profile"),
        "{words}"
    );
    // The response menu cannot open without a device: it asks again, and says why it failed.
    let fx = ch(&mut s, 'x');
    let [Effect::LoadDevice { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    sync(
        &mut s,
        Msg::DeviceFailed {
            req,
            error: "alert dev1 has no device".into(),
        },
    );
    assert!(s.top_dialog().is_none());
    assert!(
        last_toast(&s).contains("has no device"),
        "{}",
        last_toast(&s)
    );
}

#[test]
fn the_panel_follows_the_detail_and_asks_only_for_a_new_device() {
    let mut s = opened(ws_context(vec![], None));
    // `f`: the list shows the alerts on the device, the focus on it; moving through them asks
    // nothing for the panel (same device), though the detail follows.
    ch(&mut s, 'f');
    let mut fx = Vec::new();
    for _ in 0..3 {
        fx.extend(ch(&mut s, 'j'));
    }
    assert_ne!(s.device.panel.as_ref().unwrap().alert_id, "dev1");
    assert!(
        fx.iter().any(|e| matches!(e, Effect::LoadDetail { .. })),
        "{fx:?}"
    );
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::LoadDevice { .. })),
        "{fx:?}"
    );
    // Another device: the panel asks for it.
    typ_filter(&mut s, "device:srv-file-01.corp");
    let fx = ch(&mut s, 'g');
    assert!(
        fx.iter().any(|e| matches!(e, Effect::LoadDevice { subject: DeviceSubject::Alert { alert_id }, .. } if alert_id == "dev5")),
        "{fx:?}"
    );
    assert_eq!(s.device.panel.as_ref().unwrap().load, PanelLoad::Loading);
    // Closing the detail closes the panel too.
    let fx = key(&mut s, KeyCode::Esc);
    assert!(s.detail.is_none());
    assert_eq!(fx, vec![Effect::UnwatchDevice]);
}

/// Replaces the filter through the `/` prompt.
fn typ_filter(s: &mut State, text: &str) {
    ch(s, '/');
    ctrl(s, 'u');
    for c in text.chars() {
        ch(s, c);
    }
    key(s, KeyCode::Enter);
}
