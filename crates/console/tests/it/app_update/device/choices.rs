//! The choices the service declares: containment (`UnManagedDevice`) offered for a device that is
//! not onboarded and only there; indicator actions by value type (`BlockAndRemediate` for file
//! hashes only, `Warn` for every type); and the "Loading the device first…" message taken back
//! once the device it waited for arrives.

use super::*;
use mde_console::app::dialogs::response::open::LOADING_FIRST;

fn unmanaged_context() -> DeviceContext {
    let mut m = machine(M1, WS, mins_ago(60));
    m.onboarding_status = Some(mde_model::device::OnboardingStatus::CanBeOnboarded);
    context(m, vec![], Some(ALL_ROLES))
}

#[test]
fn an_unmanaged_device_is_contained_and_an_onboarded_one_isolated() {
    let mut s = opened(unmanaged_context());
    ch(&mut s, 'x');
    let labels = menu_labels(&s);
    assert!(
        labels.iter().any(|l| l == "Contain (unmanaged device)"),
        "{labels:?}"
    );
    assert!(
        !labels.iter().any(|l| l.starts_with("Isolate")),
        "its own sensor cannot isolate it: {labels:?}"
    );
    let ResponseDialog::Menu(m) = top(&s) else {
        unreachable!()
    };
    assert!(
        m.notes.iter().any(|n| n.contains("not onboarded")),
        "{:?}",
        m.notes
    );
    assert!(pick(&mut s, "Contain (unmanaged device)").is_empty());
    typ(&mut s, "ws-eng-194");
    let (_, r) = run_of(&ctrl(&mut s, 's'));
    assert_eq!(
        r.action,
        ResponseAction::Isolate {
            isolation: IsolationType::UnManagedDevice
        }
    );
    // The declared value goes on the wire; the older spelling is read as the same.
    assert_eq!(IsolationType::UnManagedDevice.as_str(), "UnManagedDevice");
    assert_eq!(
        IsolationType::parse("Unmanaged"),
        IsolationType::UnManagedDevice
    );
    // An onboarded device: full and selective, no containment.
    let mut s = opened(ws_context(vec![], Some(ALL_ROLES)));
    ch(&mut s, 'x');
    let labels = menu_labels(&s);
    assert!(labels.iter().any(|l| l == "Isolate (full)"), "{labels:?}");
    assert!(
        !labels.iter().any(|l| l.starts_with("Contain")),
        "{labels:?}"
    );
}

/// The indicator form's action choices for the evidence node whose label contains `text`.
fn actions_for(s: &mut State, text: &str) -> Vec<IndicatorAction> {
    s.focus = Pane::Evidence;
    let tree = &s.detail.as_ref().unwrap().tree;
    let i = tree
        .nodes
        .iter()
        .position(|n| n.label.contains(text))
        .expect("node");
    s.detail.as_mut().unwrap().tree.selected = i;
    act(s, Action::AddIndicator);
    let ResponseDialog::Indicator(f) = top(s) else {
        panic!("no indicator form")
    };
    let out = f.actions().iter().map(|(a, _)| a.clone()).collect();
    key(s, KeyCode::Esc);
    out
}

#[test]
fn indicator_actions_follow_the_value_type_and_send_the_declared_values() {
    let mut s = opened(ws_context(vec![], Some(ALL_ROLES)));
    use IndicatorAction as A;
    assert_eq!(
        actions_for(&mut s, "payload.dll"),
        [
            A::Block,
            A::BlockAndRemediate,
            A::Warn,
            A::Audit,
            A::Allowed
        ]
    );
    assert_eq!(
        actions_for(&mut s, "203.0.113.7"),
        [A::Block, A::Warn, A::Audit, A::Allowed]
    );
    assert!(
        !actions_for(&mut s, "evil.example.com").contains(&A::BlockAndRemediate),
        "not for a URL or domain"
    );
    assert!(
        A::CURRENT
            .iter()
            .all(|a| actions_for(&mut s, "payload.dll").contains(a)),
        "a file offers every current value"
    );
    // Block and remediate on the file's hash: sent as the service spells it.
    actions_for(&mut s, "payload.dll");
    act(&mut s, Action::AddIndicator);
    key(&mut s, KeyCode::Tab);
    key(&mut s, KeyCode::Right);
    let fx = ctrl(&mut s, 's');
    let [Effect::AddIndicator { indicator, .. }] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert!(indicator.indicator_type.is_file(), "{indicator:?}");
    assert_eq!(indicator.action, A::BlockAndRemediate);
    assert_eq!(
        serde_json::to_value(indicator).unwrap()["action"],
        "BlockAndRemediate"
    );
    assert!(
        last_toast(&s).starts_with("Adding the indicator: Block and remediate"),
        "{}",
        last_toast(&s)
    );
}

#[test]
fn an_action_on_a_network_value_stays_when_the_value_changes_if_it_applies() {
    // A URL node offers the URL and its domain: Warn on one stays Warn on the other.
    let mut s = opened(ws_context(vec![], Some(ALL_ROLES)));
    actions_for(&mut s, "evil.example.com");
    act(&mut s, Action::AddIndicator);
    let ResponseDialog::Indicator(f) = top(&s) else {
        panic!()
    };
    if f.seed.values.len() < 2 {
        panic!(
            "the URL node offers the URL and its domain: {:?}",
            f.seed.values
        );
    }
    key(&mut s, KeyCode::Tab);
    key(&mut s, KeyCode::Right);
    key(&mut s, KeyCode::BackTab);
    key(&mut s, KeyCode::Right);
    let ResponseDialog::Indicator(f) = top(&s) else {
        panic!()
    };
    assert_eq!(f.value, 1);
    assert_eq!(f.chosen_action().0, IndicatorAction::Warn);
}

#[test]
fn the_loading_message_goes_when_the_device_arrives() {
    let mut s = state_with(false);
    open_alert(&mut s, "dev1");
    let fx = ch(&mut s, 'x');
    let Some(Effect::LoadDevice { req, .. }) =
        fx.iter().find(|e| matches!(e, Effect::LoadDevice { .. }))
    else {
        panic!("{fx:?}")
    };
    let req = *req;
    assert_eq!(last_toast(&s), LOADING_FIRST);
    sync(
        &mut s,
        Msg::DeviceLoaded {
            req,
            device: Box::new(ws_context(vec![], Some(ALL_ROLES))),
        },
    );
    assert!(matches!(top(&s), ResponseDialog::Menu(_)));
    assert!(
        s.toast().is_none_or(|t| t.text != LOADING_FIRST),
        "{:?}",
        s.toast()
    );
    // A device that cannot be had takes it back too, and says why instead.
    let mut s = state_with(false);
    open_alert(&mut s, "dev1");
    let fx = ch(&mut s, 'x');
    let Some(Effect::LoadDevice { req, .. }) =
        fx.iter().find(|e| matches!(e, Effect::LoadDevice { .. }))
    else {
        panic!("{fx:?}")
    };
    let req = *req;
    sync(
        &mut s,
        Msg::DeviceFailed {
            req,
            error: "no machine on the alert".into(),
        },
    );
    assert!(
        last_toast(&s).starts_with("No response actions"),
        "{}",
        last_toast(&s)
    );
    // An answer to another request leaves it (it is still loading).
    let mut s = state_with(false);
    open_alert(&mut s, "dev1");
    let fx = ch(&mut s, 'x');
    let req = fx
        .iter()
        .find_map(|e| match e {
            Effect::LoadDevice { req, .. } => Some(*req),
            _ => None,
        })
        .unwrap();
    sync(
        &mut s,
        Msg::DeviceLoaded {
            req: req + 9,
            device: Box::new(ws_context(vec![], Some(ALL_ROLES))),
        },
    );
    assert_eq!(last_toast(&s), LOADING_FIRST);
}
