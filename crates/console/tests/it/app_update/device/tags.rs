//! Device tags from the console (`T` in the device panel, `:tag NAME`, `:untag NAME`): the
//! effect names the captured device and the exact tag, the answer's machine refreshes the panel's
//! tags, and read-only mode, a missing permission, a duplicate or a case mismatch are refused
//! before anything is sent.

use super::*;
use mde_model::device::TagRequest;

fn tag_of(fx: &[Effect]) -> (u64, TagRequest) {
    match fx {
        [Effect::TagDevice { req, request }] => (*req, request.clone()),
        other => panic!("expected one TagDevice, got {other:?}"),
    }
}

fn panel_tags(s: &State) -> Vec<String> {
    let ctx = s.device.panel.as_ref().unwrap().context().unwrap();
    ctx.machine.machine_tags.clone()
}

fn answered(s: &mut State, req: u64, tags: &[&str]) {
    let mut m = machine(M1, WS, mins_ago(60));
    m.machine_tags = tags.iter().map(|t| t.to_string()).collect();
    sync(
        s,
        Msg::DeviceTagged {
            req,
            machine: Box::new(m),
        },
    );
}

#[test]
fn t_in_the_panel_adds_a_tag_named_on_the_captured_device_and_the_answer_shows() {
    let mut s = opened(ws_context(vec![], Some(ALL_ROLES)));
    assert_eq!(s.focus, Pane::Device);
    assert_eq!(panel_tags(&s), ["VIP", "Finance"]);
    ch(&mut s, 'T');
    let Some(Dialog::Input(i)) = s.top_dialog() else {
        panic!("no prompt: {:?}", s.top_dialog())
    };
    assert_eq!(i.title, "Tag ws-eng-194: NAME adds, -NAME removes");
    assert_eq!(i.device.as_ref().unwrap().machine_id, M1);
    typ(&mut s, "Contained by SOC");
    let (req, r) = tag_of(&key(&mut s, KeyCode::Enter));
    assert_eq!(
        r,
        TagRequest {
            machine_id: M1.into(),
            device_name: Some(WS.into()),
            tag: "Contained by SOC".into(),
            add: true,
            alert_id: Some("dev1".into()),
        }
    );
    assert!(s.top_dialog().is_none());
    assert_eq!(last_toast(&s), "Add tag 'Contained by SOC' to ws-eng-194…");
    // A stale answer changes nothing; the answer refreshes the panel's tags and says so.
    answered(&mut s, req + 50, &["nope"]);
    assert_eq!(panel_tags(&s), ["VIP", "Finance"]);
    answered(&mut s, req, &["VIP", "Finance", "Contained by SOC"]);
    assert_eq!(panel_tags(&s), ["VIP", "Finance", "Contained by SOC"]);
    assert!(
        last_toast(&s).starts_with("Add tag 'Contained by SOC' to ws-eng-194: done"),
        "{}",
        last_toast(&s)
    );
    assert!(s.device.tag_reqs.is_empty());
}

#[test]
fn a_removal_must_name_the_tag_exactly_and_untag_sends_it() {
    let mut s = opened(ws_context(vec![], Some(ALL_ROLES)));
    // Tags are case-sensitive: `-vip` is refused with the tag as the device has it.
    ch(&mut s, 'T');
    typ(&mut s, "-vip");
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    assert!(last_toast(&s).contains("has 'VIP'"), "{}", last_toast(&s));
    // Adding one the device has sends nothing either.
    ch(&mut s, ':');
    typ(&mut s, "tag Finance");
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    assert!(
        last_toast(&s).contains("already has the tag 'Finance'"),
        "{}",
        last_toast(&s)
    );
    ch(&mut s, ':');
    typ(&mut s, "untag VIP");
    let (req, r) = tag_of(&key(&mut s, KeyCode::Enter));
    assert_eq!((r.tag.as_str(), r.add), ("VIP", false));
    answered(&mut s, req, &["Finance"]);
    assert_eq!(panel_tags(&s), ["Finance"]);
    assert!(
        last_toast(&s).starts_with("Remove tag 'VIP' from ws-eng-194: done"),
        "{}",
        last_toast(&s)
    );
    // A failure names the permission when the service refused it.
    ch(&mut s, ':');
    typ(&mut s, "tag Quarantined");
    let (req, _) = tag_of(&key(&mut s, KeyCode::Enter));
    sync(
        &mut s,
        Msg::DeviceTagFailed {
            req,
            error: "403 Forbidden: missing role".into(),
        },
    );
    assert!(
        last_toast(&s).contains("refused") && last_toast(&s).contains("Machine.ReadWrite.All"),
        "{}",
        last_toast(&s)
    );
}

#[test]
fn tagging_is_refused_read_only_and_without_the_permission_saying_which() {
    // The token lacks Machine.ReadWrite.All (every other role is there).
    let roles: Vec<&str> = ALL_ROLES
        .iter()
        .copied()
        .filter(|r| *r != "Machine.ReadWrite.All")
        .collect();
    let mut s = opened(ws_context(vec![], Some(roles.as_slice())));
    assert!(ch(&mut s, 'T').is_empty());
    assert!(s.top_dialog().is_none());
    assert!(
        last_toast(&s).contains("needs Machine.ReadWrite.All"),
        "{}",
        last_toast(&s)
    );
    ch(&mut s, ':');
    typ(&mut s, "tag X");
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    assert!(last_toast(&s).contains("needs Machine.ReadWrite.All"));
    // A user's delegated scope does as well.
    let mut s = opened(ws_context(vec![], Some(&["Machine.ReadWrite"][..])));
    ch(&mut s, 'T');
    assert!(matches!(s.top_dialog(), Some(Dialog::Input(_))));

    // Read-only: the key and both commands are refused before any dialog.
    let mut s = state_with(true);
    open_alert(&mut s, "dev1");
    let fx = ch(&mut s, 'd');
    let [Effect::LoadDevice { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    sync(
        &mut s,
        Msg::DeviceLoaded {
            req,
            device: Box::new(ws_context(vec![], Some(ALL_ROLES))),
        },
    );
    assert!(ch(&mut s, 'T').is_empty());
    assert!(s.top_dialog().is_none());
    assert!(
        last_toast(&s).contains("Read-only mode"),
        "{}",
        last_toast(&s)
    );
    for cmd in ["tag X", "untag VIP"] {
        ch(&mut s, ':');
        typ(&mut s, cmd);
        assert!(key(&mut s, KeyCode::Enter).is_empty(), "{cmd}");
        assert!(s.top_dialog().is_none());
        assert!(last_toast(&s).contains("Read-only mode"), "{cmd}");
    }
}

#[test]
fn without_a_loaded_device_tagging_says_what_to_do() {
    let mut s = state_with(false);
    open_alert(&mut s, "dev1");
    ch(&mut s, ':');
    typ(&mut s, "tag X");
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    assert!(
        last_toast(&s).contains("open it first (d)"),
        "{}",
        last_toast(&s)
    );
    // Loading: not yet.
    ch(&mut s, 'd');
    assert!(ch(&mut s, 'T').is_empty());
    assert!(
        last_toast(&s).contains("not loaded yet"),
        "{}",
        last_toast(&s)
    );
}
