//! Issue 10 in `update()`: the device panel (load, counts, filters, follow, close), every
//! response dialog from key to effect, read-only and permission refusals, the typed name, bulk
//! isolation with de-duplication, retry and cancel, the package link, and the subject each
//! dialog captured.

use super::*;
use crate::device_fixture::{ALL_ROLES, accepted, action, context, machine, send};
use mde_console::app::device::{LineStatus, PanelLoad};
use mde_console::app::dialogs::response::{BulkStatus, ResponseDialog};
use mde_model::RelatedUser;
use mde_model::device::{
    ActionFailure, ActionStatus, DeviceContext, DeviceSubject, FailureKind, IndicatorAction,
    IndicatorType, IsolationType, Phase, ResponseAction, ScanType, SendState,
};

const M1: &str = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
const M2: &str = "2f6cd0e8f524eee8a13d3a43f529813c95e1dd18";
const WS: &str = "ws-eng-194.corp.contoso.com";
const SRV: &str = "srv-file-01.corp.contoso.com";
const SHA1: &str = "3395856ce81f2b7382dee72602f798b642f14140";

fn now() -> Timestamp {
    ts("2024-05-05T12:00:00Z")
}

fn mins_ago(m: i64) -> Timestamp {
    Timestamp(now().0 - chrono::Duration::minutes(m))
}

fn dev_alert(
    id: &str,
    sev: Severity,
    status: Status,
    device: &str,
    user: &str,
    mins: i64,
) -> Alert {
    let mut a = Alert::new(id, format!("Alert {id} on {device}"));
    a.severity = sev;
    a.status = status;
    a.computer_dns_name = Some(device.into());
    a.machine_id = Some(if device.starts_with("srv") { M2 } else { M1 }.into());
    let (d, u) = user.split_once('\\').unwrap();
    a.related_user = Some(RelatedUser {
        user_name: Some(u.into()),
        domain_name: Some(d.into()),
    });
    a.alert_creation_time = Some(mins_ago(mins));
    a.last_update_time = Some(mins_ago(mins));
    a
}

/// The alert the tests open: a file with a SHA-1, one with a SHA-256 only, an external and an
/// internal IP, a URL.
fn subject_alert() -> Alert {
    let mut a = dev_alert("dev1", Severity::High, Status::New, WS, "CONTOSO\\jdoe", 5);
    a.title = "Mimikatz credential theft".into();
    let mut f = Evidence::empty(EntityType::File);
    f.file_name = Some("payload.dll".into());
    f.sha1 = Some(SHA1.into());
    f.sha256 = Some("ab".repeat(32));
    f.detection_status = Some(mde_model::DetectionStatus::Detected);
    let mut g = Evidence::empty(EntityType::File);
    g.file_name = Some("nosha1.dll".into());
    g.sha256 = Some("cd".repeat(32));
    let mut ip = Evidence::empty(EntityType::Ip);
    ip.ip_address = Some("203.0.113.7".into());
    let mut lan = Evidence::empty(EntityType::Ip);
    lan.ip_address = Some("10.1.2.3".into());
    let mut url = Evidence::empty(EntityType::Url);
    url.url = Some("http://evil.example.com/stage2".into());
    a.evidence = vec![f, g, ip, lan, url];
    a
}

fn device_rows() -> Vec<AlertRow> {
    vec![
        AlertRow::from_alert(&subject_alert()),
        AlertRow::from_alert(&dev_alert(
            "dev2",
            Severity::Medium,
            Status::InProgress,
            WS,
            "CONTOSO\\svc",
            10,
        )),
        AlertRow::from_alert(&dev_alert(
            "dev3",
            Severity::Low,
            Status::New,
            "WS-ENG-194.corp.contoso.com",
            "CONTOSO\\jdoe",
            20,
        )),
        AlertRow::from_alert(&dev_alert(
            "dev4",
            Severity::Medium,
            Status::Resolved,
            WS,
            "CONTOSO\\svc",
            30,
        )),
        AlertRow::from_alert(&dev_alert(
            "dev5",
            Severity::High,
            Status::New,
            SRV,
            "CONTOSO\\jdoe",
            40,
        )),
        AlertRow::from_alert(&dev_alert(
            "dev6",
            Severity::Low,
            Status::New,
            "srv-file-01",
            "CONTOSO\\ops",
            50,
        )),
    ]
}

fn state_with(read_only: bool) -> State {
    let mut c = config();
    c.read_only = read_only;
    c.profile = "prod".into();
    let mut s = loaded_with(c, device_rows());
    let _ = update(&mut s, AppMsg::Tick(now()));
    // Every alert, whatever its status (the counts read all rows anyway).
    act(&mut s, Action::QuickView(mde_console::app::QuickView::ALL));
    s
}

/// Opens `id` in the detail (cursor moved onto it, Enter, the detail answered).
fn open_alert(s: &mut State, id: &str) {
    let pos = view_ids(s).iter().position(|x| x == id).expect("in view");
    ch(s, 'g');
    for _ in 0..pos {
        ch(s, 'j');
    }
    let fx = key(s, KeyCode::Enter);
    let Some(Effect::LoadDetail { req, .. }) =
        fx.iter().find(|e| matches!(e, Effect::LoadDetail { .. }))
    else {
        panic!("{fx:?}")
    };
    let alert = if id == "dev1" {
        subject_alert()
    } else {
        Alert::new(id, "x")
    };
    sync(
        s,
        Msg::DetailLoaded {
            req: *req,
            detail: detail_of(alert),
        },
    );
}

fn ws_context(
    actions: Vec<mde_model::device::MachineAction>,
    granted: Option<&[&str]>,
) -> DeviceContext {
    context(machine(M1, WS, mins_ago(60)), actions, granted)
}

/// `d` on the open alert: the panel asks for its device; answered with `ctx`. Returns the req.
fn panel_with(s: &mut State, ctx: DeviceContext) -> u64 {
    let fx = ch(s, 'd');
    let [Effect::LoadDevice { req, subject }] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(
        subject,
        &DeviceSubject::Alert {
            alert_id: "dev1".into()
        }
    );
    let req = *req;
    assert!(
        sync(
            s,
            Msg::DeviceLoaded {
                req,
                device: Box::new(ctx)
            }
        )
        .is_empty()
    );
    req
}

fn opened(ctx: DeviceContext) -> State {
    let mut s = state_with(false);
    open_alert(&mut s, "dev1");
    panel_with(&mut s, ctx);
    s
}

fn top(s: &State) -> &ResponseDialog {
    match s.top_dialog() {
        Some(Dialog::Response(r)) => r,
        other => panic!("no response dialog on top: {other:?}"),
    }
}

fn menu_labels(s: &State) -> Vec<String> {
    match top(s) {
        ResponseDialog::Menu(m) => m.entries.iter().map(|e| e.label.clone()).collect(),
        other => panic!("not the menu: {other:?}"),
    }
}

/// Highlights the entry starting with `label` and presses Enter.
fn pick(s: &mut State, label: &str) -> Vec<Effect> {
    let i = menu_labels(s)
        .iter()
        .position(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("{label:?} not in {:?}", menu_labels(s)));
    let ResponseDialog::Menu(m) = top(s) else {
        unreachable!()
    };
    let from = m.selected;
    for _ in from..i {
        ch(s, 'j');
    }
    key(s, KeyCode::Enter)
}

fn run_of(fx: &[Effect]) -> (u64, mde_model::device::ActionRequest) {
    match fx {
        [Effect::RunAction { req, request }] => (*req, request.clone()),
        other => panic!("expected one RunAction, got {other:?}"),
    }
}

fn form_error(s: &State) -> Option<String> {
    match top(s) {
        ResponseDialog::Action(f) => f.error.clone(),
        ResponseDialog::Bulk(f) => f.error.clone(),
        ResponseDialog::Indicator(f) => f.error.clone(),
        ResponseDialog::Cancel(f) => f.error.clone(),
        ResponseDialog::Menu(_) => None,
    }
}

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
    // Action: Audit (→), expiry 7 days (←).
    key(&mut s, KeyCode::Tab);
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
    // `T` on it explains instead of retrying.
    s.focus = Pane::Device;
    assert!(ch(&mut s, 'T').is_empty());
    assert!(last_toast(&s).contains("refused"), "{}", last_toast(&s));
}

#[test]
fn a_lost_send_is_retried_by_its_send_id_and_a_pending_one_cancelled() {
    let mut s = opened(ws_context(vec![], None));
    let lost = send(
        7,
        M1,
        WS,
        ResponseAction::Release,
        SendState::Failed(ActionFailure {
            kind: FailureKind::Lost,
            message: "connection reset".into(),
        }),
        mins_ago(2),
    );
    sync(
        &mut s,
        Msg::ActionFailed {
            req: 0,
            send: Some(Box::new(lost)),
            action_id: None,
            failure: ActionFailure {
                kind: FailureKind::Lost,
                message: "connection reset".into(),
            },
        },
    );
    assert!(
        last_toast(&s).contains("T in the device panel retries"),
        "{}",
        last_toast(&s)
    );
    let fx = ch(&mut s, 'T');
    assert!(
        matches!(fx[..], [Effect::RetryAction { send_id: 7, .. }]),
        "{fx:?}"
    );
    // A pending scan of someone else: X asks for a comment and cancels exactly it.
    let scan = action(
        "sc1",
        M1,
        "RunAntiVirusScan",
        "Pending",
        Some("Quick"),
        (mins_ago(1), mins_ago(1)),
        "bob@contoso.com",
    );
    let req = s.device.panel.as_ref().unwrap().req;
    sync(
        &mut s,
        Msg::DeviceLoaded {
            req,
            device: Box::new(ws_context(vec![scan], None)),
        },
    );
    let lines = mde_console::app::device::lines::of_panel(&s.device).unwrap();
    let i = lines
        .actions
        .iter()
        .position(|l| l.action_id.as_deref() == Some("sc1"))
        .unwrap();
    ch(&mut s, 'g');
    for _ in 0..i {
        ch(&mut s, 'j');
    }
    assert!(ch(&mut s, 'X').is_empty());
    assert!(matches!(top(&s), ResponseDialog::Cancel(_)));
    let fx = ctrl(&mut s, 's');
    let [
        Effect::CancelAction {
            action_id, comment, ..
        },
    ] = &fx[..]
    else {
        panic!("{fx:?}")
    };
    assert_eq!(action_id, "sc1");
    assert!(comment.contains(ME));
}

#[test]
fn a_succeeded_package_link_is_copied_like_y() {
    let pkg = action(
        "p1",
        M1,
        "CollectInvestigationPackage",
        "Succeeded",
        None,
        (mins_ago(30), mins_ago(28)),
        "analyst@contoso.com",
    );
    let mut s = opened(ws_context(vec![pkg], None));
    let fx = ch(&mut s, 'L');
    let [Effect::GetPackageUri { req, action_id }] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(action_id, "p1");
    let fx = sync(
        &mut s,
        Msg::PackageUri {
            req: *req,
            action_id: "p1".into(),
            result: Ok("https://127.0.0.1/safedownload/x.zip?token=t".into()),
        },
    );
    assert!(
        matches!(&fx[..], [Effect::Clipboard { text, .. }] if text.ends_with("token=t")),
        "{fx:?}"
    );
    // A stale answer copies nothing.
    assert!(
        sync(
            &mut s,
            Msg::PackageUri {
                req: 999,
                action_id: "p1".into(),
                result: Ok("x".into())
            }
        )
        .is_empty()
    );
}

#[test]
fn a_dialog_acts_on_the_device_it_opened_on_whatever_happens_meanwhile() {
    let mut s = opened(ws_context(vec![], None));
    ch(&mut s, 'x');
    pick(&mut s, "Antivirus scan (full)");
    // Meanwhile: the panel's device is answered as another machine, and the rows change.
    let req = s.device.panel.as_ref().unwrap().req;
    sync(
        &mut s,
        Msg::DeviceLoaded {
            req,
            device: Box::new(context(machine(M2, SRV, now()), vec![], None)),
        },
    );
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 99,
            rows: vec![row("zz1", Severity::High, "2024-05-05T11:59:00Z")],
            complete: false,
        },
    );
    let (_, r) = run_of(&ctrl(&mut s, 's'));
    assert_eq!(r.machine_id, M1);
    assert_eq!(r.device_name.as_deref(), Some(WS));
}

#[test]
fn bulk_isolation_lists_each_device_once_and_confirms_the_count() {
    let mut s = state_with(false);
    // Mark dev1, dev2 (same device), dev5 and dev6 (another name of srv-file-01).
    for id in ["dev1", "dev2", "dev5", "dev6"] {
        let pos = view_ids(&s).iter().position(|x| x == id).unwrap();
        ch(&mut s, 'g');
        for _ in 0..pos {
            ch(&mut s, 'j');
        }
        ch(&mut s, ' ');
    }
    ch(&mut s, 'x');
    assert_eq!(menu_labels(&s).len(), 2, "only isolation");
    let fx = pick(&mut s, "Isolate the devices of 4 marked alerts (full)");
    // Three names, so three lookups (one alert each).
    let reqs: Vec<(u64, String)> = fx
        .iter()
        .map(|e| match e {
            Effect::LoadDevice {
                req,
                subject: DeviceSubject::Alert { alert_id },
            } => (*req, alert_id.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(reqs.len(), 3, "{reqs:?}");
    // Sending before every device is known is refused.
    typ(&mut s, "2");
    assert!(ctrl(&mut s, 's').is_empty());
    assert!(form_error(&s).unwrap().contains("still being looked up"));
    for (req, alert) in &reqs {
        let ctx = if alert == "dev1" || alert == "dev2" {
            ws_context(vec![], None)
        } else {
            context(machine(M2, SRV, now()), vec![], None)
        };
        sync(
            &mut s,
            Msg::DeviceLoaded {
                req: *req,
                device: Box::new(ctx),
            },
        );
    }
    let ResponseDialog::Bulk(b) = top(&s) else {
        panic!()
    };
    assert_eq!(b.to_isolate().count(), 2, "{:?}", b.devices);
    assert!(
        b.devices
            .iter()
            .any(|d| matches!(d.status, BulkStatus::Duplicate(_)))
    );
    // Typing the wrong count is refused; the count itself sends one action per device.
    key(&mut s, KeyCode::Backspace);
    typ(&mut s, "3");
    assert!(ctrl(&mut s, 's').is_empty());
    assert!(form_error(&s).unwrap().contains("Type 2"));
    key(&mut s, KeyCode::Backspace);
    typ(&mut s, "2");
    let fx = ctrl(&mut s, 's');
    let mut machines: Vec<String> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::RunAction { request, .. } => {
                assert_eq!(
                    request.action,
                    ResponseAction::Isolate {
                        isolation: IsolationType::Full
                    }
                );
                Some(request.machine_id.clone())
            }
            _ => None,
        })
        .collect();
    machines.sort();
    assert_eq!(machines, [M1, M2]);
    // No panel open: the device lookups stop being watched.
    assert_eq!(fx.last(), Some(&Effect::UnwatchDevice));
}
