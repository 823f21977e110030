//! The response forms: typed names, comments, SHA-1s, indicators, read-only and permissions.

use super::*;

#[test]
fn isolation_asks_for_the_typed_name_and_refuses_a_wrong_one() {
    let mut s = opened(ws_context(vec![], Some(ALL_ROLES)));
    ch(&mut s, 'x');
    let labels = menu_labels(&s);
    // No isolation history: both directions, with a note.
    assert!(
        labels.iter().any(|l| l == "Isolate (full)")
            && labels.iter().any(|l| l == "Release from isolation"),
        "{labels:?}"
    );
    assert!(pick(&mut s, "Isolate (full)").is_empty());
    let ResponseDialog::Action(f) = top(&s) else {
        panic!()
    };
    assert_eq!(f.target.machine_id, M1);
    assert!(f.confirm.is_some(), "isolation asks for the name");
    // A wrong name: nothing is sent, the form says what to type.
    typ(&mut s, "ws-eng-195");
    assert!(ctrl(&mut s, 's').is_empty());
    assert!(
        form_error(&s).unwrap().contains("type ws-eng-194"),
        "{:?}",
        form_error(&s)
    );
    // The right one, in another case: sent at once, exactly this device and action.
    for _ in 0..10 {
        key(&mut s, KeyCode::Backspace);
    }
    typ(&mut s, "WS-ENG-194");
    let fx = ctrl(&mut s, 's');
    let (req, r) = run_of(&fx);
    assert_eq!(r.machine_id, M1);
    assert_eq!(
        r.action,
        ResponseAction::Isolate {
            isolation: IsolationType::Full
        }
    );
    assert_eq!(r.alert_id.as_deref(), Some("dev1"));
    assert!(
        r.comment.starts_with("Isolate (full) due to alert dev1"),
        "{}",
        r.comment
    );
    assert!(s.top_dialog().is_none());
    // Its progress shows in the panel and derives the state: Sending → Pending → Succeeded.
    let sent = |st| send(1, M1, WS, r.action.clone(), st, now());
    sync(
        &mut s,
        Msg::ActionUpdated {
            req,
            send: Box::new(sent(SendState::Sending)),
        },
    );
    let lines = mde_console::app::device::lines::of_panel(&s.device).unwrap();
    assert_eq!(lines.sending_isolation, Some(true));
    sync(
        &mut s,
        Msg::ActionUpdated {
            req,
            send: Box::new(sent(accepted("a1", ActionStatus::Pending))),
        },
    );
    assert!(last_toast(&s).contains("accepted"), "{}", last_toast(&s));
    let lines = mde_console::app::device::lines::of_panel(&s.device).unwrap();
    assert_eq!(
        lines.actions[0].status,
        LineStatus::Service(ActionStatus::Pending)
    );
    assert_eq!(lines.state.isolation.phase(), Phase::Applying);
    sync(
        &mut s,
        Msg::ActionUpdated {
            req: 0,
            send: Box::new(sent(accepted("a1", ActionStatus::Succeeded))),
        },
    );
    let lines = mde_console::app::device::lines::of_panel(&s.device).unwrap();
    assert_eq!(lines.state.isolation.phase(), Phase::Applied);
    assert!(last_toast(&s).contains("Succeeded"), "{}", last_toast(&s));
    // Now only release is offered.
    ch(&mut s, 'x');
    let labels = menu_labels(&s);
    assert!(
        labels.iter().any(|l| l == "Release from isolation"),
        "{labels:?}"
    );
    assert!(
        !labels.iter().any(|l| l.starts_with("Isolate")),
        "{labels:?}"
    );
}

#[test]
fn release_scan_collect_and_unrestrict_need_no_typed_name() {
    let iso = action(
        "i1",
        M1,
        "Isolate",
        "Succeeded",
        Some("Full"),
        (mins_ago(90), mins_ago(88)),
        "alice@contoso.com",
    );
    let res = action(
        "r1",
        M1,
        "RestrictCodeExecution",
        "Succeeded",
        None,
        (mins_ago(80), mins_ago(79)),
        "alice@contoso.com",
    );
    let mut s = opened(ws_context(vec![res, iso], Some(ALL_ROLES)));
    for (label, want) in [
        ("Release from isolation", ResponseAction::Release),
        (
            "Antivirus scan (quick)",
            ResponseAction::Scan {
                scan: ScanType::Quick,
            },
        ),
        (
            "Antivirus scan (full)",
            ResponseAction::Scan {
                scan: ScanType::Full,
            },
        ),
        ("Remove app restriction", ResponseAction::Unrestrict),
        (
            "Collect investigation package",
            ResponseAction::CollectPackage,
        ),
    ] {
        ch(&mut s, 'x');
        assert!(
            !menu_labels(&s)
                .iter()
                .any(|l| l == "Restrict app execution"),
            "restricted already"
        );
        pick(&mut s, label);
        let ResponseDialog::Action(f) = top(&s) else {
            panic!("{label}")
        };
        assert!(f.confirm.is_none(), "{label} asks for no name");
        let (_, r) = run_of(&ctrl(&mut s, 's'));
        assert_eq!((r.machine_id.as_str(), r.action), (M1, want));
    }
}

#[test]
fn an_empty_comment_is_refused_and_esc_sends_nothing() {
    let mut s = opened(ws_context(vec![], None));
    ch(&mut s, 'x');
    pick(&mut s, "Antivirus scan (quick)");
    for _ in 0..80 {
        key(&mut s, KeyCode::Backspace);
    }
    assert!(ctrl(&mut s, 's').is_empty());
    assert!(form_error(&s).unwrap().contains("Write why"));
    assert!(key(&mut s, KeyCode::Esc).is_empty());
    assert!(s.top_dialog().is_none());
    assert!(last_toast(&s).contains("nothing was sent"));
}

#[test]
fn restrict_and_quarantine_ask_for_the_name_and_quarantine_needs_a_sha1() {
    let mut s = opened(ws_context(vec![], Some(ALL_ROLES)));
    // The detected file (payload.dll) has a SHA-1.
    ch(&mut s, 'x');
    pick(&mut s, "Stop and quarantine payload.dll");
    typ(&mut s, "ws-eng-194");
    let (_, r) = run_of(&ctrl(&mut s, 's'));
    assert_eq!(
        r.action,
        ResponseAction::StopAndQuarantine { sha1: SHA1.into() }
    );
    // The file node without a SHA-1: refused, nothing sent, the menu stays.
    s.focus = Pane::Evidence;
    let tree = &s.detail.as_ref().unwrap().tree;
    let node = tree
        .nodes
        .iter()
        .position(|n| n.label.contains("nosha1.dll"))
        .expect("node");
    s.detail.as_mut().unwrap().tree.selected = node;
    ch(&mut s, 'x');
    let fx = pick(&mut s, "Stop and quarantine nosha1.dll");
    assert!(fx.is_empty());
    assert!(matches!(top(&s), ResponseDialog::Menu(_)));
    assert!(last_toast(&s).contains("SHA-1"), "{}", last_toast(&s));
    key(&mut s, KeyCode::Esc);
    // Restrict asks for the name.
    ch(&mut s, 'x');
    pick(&mut s, "Restrict app execution");
    let ResponseDialog::Action(f) = top(&s) else {
        panic!()
    };
    assert!(f.confirm.is_some());
}

#[test]
fn an_indicator_from_an_ip_node_and_internal_addresses_refused() {
    let mut s = opened(ws_context(vec![], Some(ALL_ROLES)));
    s.focus = Pane::Evidence;
    let select = |s: &mut State, text: &str| {
        let tree = &s.detail.as_ref().unwrap().tree;
        let i = tree
            .nodes
            .iter()
            .position(|n| n.label.contains(text))
            .expect("node");
        s.detail.as_mut().unwrap().tree.selected = i;
    };
    select(&mut s, "10.1.2.3");
    act(&mut s, Action::AddIndicator);
    assert!(ctrl(&mut s, 's').is_empty());
    assert!(
        form_error(&s).unwrap().contains("internal"),
        "{:?}",
        form_error(&s)
    );
    key(&mut s, KeyCode::Esc);
    select(&mut s, "203.0.113.7");
    ch(&mut s, 'x');
    pick(&mut s, "Add an indicator for 203.0.113.7");
    // Action: Audit (→ → past Warn), expiry 7 days (←).
    key(&mut s, KeyCode::Tab);
    key(&mut s, KeyCode::Right);
    key(&mut s, KeyCode::Right);
    key(&mut s, KeyCode::Tab);
    key(&mut s, KeyCode::Left);
    let fx = ctrl(&mut s, 's');
    let [Effect::AddIndicator { req, indicator }] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(indicator.indicator_value, "203.0.113.7");
    assert_eq!(indicator.indicator_type, IndicatorType::IpAddress);
    assert_eq!(indicator.action, IndicatorAction::Audit);
    assert_eq!(
        indicator.generate_alert,
        Some(true),
        "Audit needs generateAlert"
    );
    assert_eq!(
        indicator.expiration_time,
        Some(Timestamp(now().0 + chrono::Duration::days(7)))
    );
    assert!(indicator.title.contains("dev1") && !indicator.description.is_empty());
    let req = *req;
    let added: mde_model::device::Indicator = serde_json::from_value(serde_json::json!({
        "id": "995", "indicatorValue": "203.0.113.7", "indicatorType": "IpAddress", "action": "Audit"
    }))
    .unwrap();
    sync(
        &mut s,
        Msg::IndicatorAdded {
            req,
            indicator: Box::new(added),
        },
    );
    assert!(
        last_toast(&s).contains("Indicator 995 added"),
        "{}",
        last_toast(&s)
    );
    // A URL offers the URL and its domain.
    select(&mut s, "evil.example.com");
    act(&mut s, Action::AddIndicator);
    key(&mut s, KeyCode::Right);
    let fx = ctrl(&mut s, 's');
    let [Effect::AddIndicator { indicator, .. }] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(
        (
            indicator.indicator_type.clone(),
            indicator.indicator_value.as_str()
        ),
        (IndicatorType::DomainName, "evil.example.com")
    );
    assert_eq!(indicator.action, IndicatorAction::Block);
}

#[test]
fn read_only_refuses_every_response_and_says_so() {
    let mut s = state_with(true);
    open_alert(&mut s, "dev1");
    // The panel is reading: it opens.
    let fx = ch(&mut s, 'd');
    let [Effect::LoadDevice { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    sync(
        &mut s,
        Msg::DeviceLoaded {
            req,
            device: Box::new(ws_context(vec![], None)),
        },
    );
    for a in [
        Action::ResponseMenu,
        Action::Isolate,
        Action::Scan,
        Action::AddIndicator,
        Action::RetryAction,
        Action::CancelAction,
    ] {
        assert!(act(&mut s, a).is_empty(), "{a:?}");
        assert!(s.top_dialog().is_none(), "{a:?} opened a dialog");
        assert!(
            last_toast(&s).contains("Read-only mode"),
            "{a:?}: {}",
            last_toast(&s)
        );
    }
    assert!(ch(&mut s, 'x').is_empty());
    // The palette's commands get the same refusal.
    ch(&mut s, ':');
    typ(&mut s, "isolate");
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    assert!(s.top_dialog().is_none());
    assert!(
        last_toast(&s).contains("Read-only mode: 'isolate'"),
        "{}",
        last_toast(&s)
    );
}

#[test]
fn a_missing_permission_is_named_before_sending_and_after() {
    let granted: &[&str] = &["Machine.Read.All", "Machine.Scan"];
    let mut s = opened(ws_context(vec![], Some(granted)));
    ch(&mut s, 'x');
    let labels = menu_labels(&s);
    assert!(
        labels
            .iter()
            .any(|l| l == "Isolate (full)  (needs Machine.Isolate)"),
        "{labels:?}"
    );
    assert!(pick(&mut s, "Isolate (full)").is_empty());
    assert!(
        matches!(top(&s), ResponseDialog::Menu(_)),
        "refused: the menu stays"
    );
    assert!(
        last_toast(&s).contains("lacks Machine.Isolate"),
        "{}",
        last_toast(&s)
    );
    key(&mut s, KeyCode::Esc);
    // A token whose roles are unknown is asked anyway; the service's 403 names the permission.
    let mut s = opened(ws_context(vec![], None));
    ch(&mut s, 'x');
    pick(&mut s, "Isolate (selective)");
    typ(&mut s, "ws-eng-194");
    let (req, r) = run_of(&ctrl(&mut s, 's'));
    let failed = send(
        3,
        M1,
        WS,
        r.action.clone(),
        SendState::Failed(ActionFailure {
            kind: FailureKind::Forbidden {
                permission: Some("Machine.Isolate".into()),
            },
            message: "403".into(),
        }),
        now(),
    );
    sync(
        &mut s,
        Msg::ActionFailed {
            req,
            send: Some(Box::new(failed)),
            action_id: None,
            failure: ActionFailure {
                kind: FailureKind::Forbidden {
                    permission: Some("Machine.Isolate".into()),
                },
                message: "403".into(),
            },
        },
    );
    assert!(
        last_toast(&s).contains("the token lacks Machine.Isolate"),
        "{}",
        last_toast(&s)
    );
    let lines = mde_console::app::device::lines::of_panel(&s.device).unwrap();
    let l = &lines.actions[0];
    assert!(
        matches!(l.status, LineStatus::Failed(_)) && !l.can_retry,
        "{l:?}"
    );
    // The retry key on it explains instead of retrying.
    s.focus = Pane::Device;
    assert!(ch(&mut s, 'E').is_empty());
    assert!(last_toast(&s).contains("refused"), "{}", last_toast(&s));
}
