//! Issue 10 on screen: the device panel and every response dialog at 80×24 and 160×48, opened
//! through `update` as the analyst opens them, each snapshot backed by assertions of what must
//! be visible (the device's name, each choice, the key hint). The helpers also open the dialogs
//! for the every-dialog fit test.

use super::*;
use crate::device_fixture::{ALL_ROLES, action, context, machine, send};
use crossterm::event::KeyCode;
use mde_console::app::AppMsg;
use mde_console::app::dialogs::response::ResponseDialog;
use mde_console::app::update;
use mde_console::ui::dialogs::response::HINT;
use mde_model::device::{ActionFailure, DeviceContext, FailureKind, ResponseAction, SendState};
use mde_model::protocol::{Effect, Msg};

/// The opened fixture alert's device.
pub(crate) const MID: &str = "4b1e3f9a0c2d8e7f6a5b4c3d2e1f0a9b8c7d6e5f";
pub(crate) const NAME: &str = "ws-fin-014.corp.contoso.com";

/// The device as the panel snapshots show it: isolated two hours ago, a scan pending, a package
/// collected yesterday, and a release of ours whose answer was lost.
fn rich_context() -> DeviceContext {
    let m = |min: i64| ago(min);
    let mut c = context(
        machine(MID, NAME, ago(50)),
        vec![
            action(
                "sc1",
                MID,
                "RunAntiVirusScan",
                "Pending",
                Some("Quick"),
                (m(3), m(3)),
                "bob.oncall@contoso.com",
            ),
            action(
                "is1",
                MID,
                "Isolate",
                "Succeeded",
                Some("Full"),
                (m(125), m(120)),
                "alice.analyst@contoso.com",
            ),
            action(
                "pk1",
                MID,
                "CollectInvestigationPackage",
                "Succeeded",
                None,
                (m(1_500), m(1_440)),
                "analyst@contoso.com",
            ),
        ],
        Some(ALL_ROLES),
    );
    c.sends = vec![send(
        4,
        MID,
        NAME,
        ResponseAction::Release,
        SendState::Failed(ActionFailure {
            kind: FailureKind::Lost,
            message: "the connection was reset".into(),
        }),
        m(1),
    )];
    c
}

/// A plain device: no history, every role.
pub(crate) fn plain_context() -> DeviceContext {
    context(machine(MID, NAME, ago(50)), Vec::new(), Some(ALL_ROLES))
}

/// Answers the device load among `fx` with `ctx`.
pub(crate) fn answer(s: &mut State, fx: &[Effect], ctx: DeviceContext) {
    let req = fx
        .iter()
        .find_map(|e| match e {
            Effect::LoadDevice { req, .. } => Some(*req),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no LoadDevice in {fx:?}"));
    let _ = update(
        s,
        AppMsg::Sync(Msg::DeviceLoaded {
            req,
            device: Box::new(ctx),
        }),
    );
}

/// Two more open alerts on the device and one more of the user, so the counts say something.
fn with_neighbours(mut s: State) -> State {
    let mk = |id: &str, device: &str, user: &str| {
        let mut a = Alert::new(id, format!("Neighbour {id}"));
        a.severity = Severity::Medium;
        a.computer_dns_name = Some(device.into());
        a.related_user = Some(RelatedUser {
            user_name: Some(user.into()),
            domain_name: Some("CONTOSO".into()),
        });
        a.alert_creation_time = Some(ago(400));
        a.last_update_time = Some(ago(400));
        AlertRow::from_alert(&a)
    };
    for r in [
        mk("dn1", NAME, "svc"),
        mk("dn2", NAME, "jdoe"),
        mk("dn3", "ws-hr-003.corp.contoso.com", "jdoe"),
    ] {
        s.list.rows.upsert(r);
    }
    s.list.rows.resort(&s.list.sort);
    s.list.rows.refilter(&Query::default());
    s
}

/// `x` on the fixture's opened alert, the device answered: the response menu.
pub(crate) fn respond(s: &mut State) {
    let fx = keys(s, "x");
    answer(s, &fx, plain_context());
}

/// The labels of the response menu on top (the start of each, as a long one is cut).
pub(crate) fn menu_labels(s: &State) -> Vec<String> {
    match s.top_dialog() {
        Some(Dialog::Response(r)) => match &**r {
            ResponseDialog::Menu(m) => m
                .entries
                .iter()
                .map(|e| e.label.chars().take(20).collect())
                .collect(),
            _ => panic!("not the menu"),
        },
        other => panic!("no response menu: {other:?}"),
    }
}

/// The panel on the fixture's device with a pending scan under the cursor.
pub(crate) fn panel_with_pending(s: &mut State) {
    let fx = keys(s, "d");
    answer(s, &fx, rich_context());
    keys(s, "g");
}

/// The indicator form for the fixture's IP evidence.
pub(crate) fn indicator_on_ip(s: &mut State) {
    s.focus = Pane::Evidence;
    let tree = &s.detail.as_ref().unwrap().tree;
    let i = tree
        .nodes
        .iter()
        .position(|n| n.label.contains("203.0.113.7"))
        .expect("the IP node");
    s.detail.as_mut().unwrap().tree.selected = i;
    let _ = update(s, AppMsg::Action(mde_console::app::Action::AddIndicator));
}

/// Three marked alerts on three devices, `x`, full isolation, the devices answered.
pub(crate) fn bulk_of_three(s: &mut State) {
    key(s, KeyCode::Esc);
    keys(s, "-g   ");
    keys(s, "x");
    let fx = keys(s, "i");
    let names = [
        "srv-dc-01.corp.contoso.com",
        "ws-hr-003.corp.contoso.com",
        NAME,
    ];
    let mut n = 0;
    for e in &fx {
        if let Effect::LoadDevice { req, .. } = e {
            let id = format!("{:040x}", n + 1);
            let ctx = context(
                machine(&id, names[n % 3], ago(30)),
                Vec::new(),
                Some(ALL_ROLES),
            );
            let _ = update(
                s,
                AppMsg::Sync(Msg::DeviceLoaded {
                    req: *req,
                    device: Box::new(ctx),
                }),
            );
            n += 1;
        }
    }
    assert_eq!(n, 3, "{fx:?}");
}

/// Draws `s` at both sizes; each needle must be on screen at each.
pub(crate) fn assert_visible(s: &State, needles: &[&str]) {
    for (w, h) in [(80, 24), (160, 48)] {
        let t = draw(s, w, h, &Theme::full());
        let buf = t.backend().buffer();
        assert_clean(buf);
        for n in needles {
            assert!(
                find(buf, n).is_some(),
                "{n:?} not on screen at {w}x{h}:\n{}",
                text_of(buf)
            );
        }
    }
}

#[test]
fn device_panel() {
    let mut s = with_neighbours(detail_state(Pane::Detail));
    panel_with_pending(&mut s);
    assert_visible(
        &s,
        &[
            NAME,
            "isolated (Full)",
            "Pending",
            "Antivirus scan (Quick)",
            "Send failed",
            "Other alerts",
            "(f)",
            "(F)",
        ],
    );
    // At 80 columns the panel is a tab in the detail's slot; at 160 it sits beside the detail.
    let narrow = text_of(draw(&s, 80, 24, &Theme::full()).backend().buffer());
    assert!(
        narrow.contains("Device (Tab)") && narrow.contains("1–"),
        "{narrow}"
    );
    let t = draw(&s, 160, 48, &Theme::full());
    let text = text_of(t.backend().buffer());
    assert!(text.contains("Device · ws-fin-014"), "{text}");
    // Beside the detail at 160 columns: both are on screen, with the counts and their keys.
    assert!(
        text.contains("Suspicious PowerShell command line")
            && text.contains("2 open on the device (f)"),
        "{text}"
    );
    assert!(text.contains("2 of jdoe (F)"), "{text}");
    for needle in [
        "Windows11",
        "Finance workstations",
        "VIP, Finance",
        "203.0.113.9",
        "Onboarded",
        "High",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
    snap("device_panel", &s);
}

#[test]
fn device_panel_loading_and_without_a_device() {
    let mut s = detail_state(Pane::Detail);
    let fx = keys(&mut s, "d");
    assert_visible(&s, &["Loading ws-fin-014", "Other alerts"]);
    let Some(Effect::LoadDevice { req, .. }) = fx.first() else {
        panic!("{fx:?}")
    };
    let _ = update(
        &mut s,
        AppMsg::Sync(Msg::DeviceFailed {
            req: *req,
            error: "this service has no device API".into(),
        }),
    );
    assert_visible(&s, &["No device", "MDE API profile"]);
    snap("device_panel_no_device", &s);
}

#[test]
fn dialog_response_menu() {
    let mut s = detail_state(Pane::Detail);
    respond(&mut s);
    let mut want: Vec<String> = menu_labels(&s);
    want.extend(["Respond on ws-fin-014".to_string(), "Esc back".to_string()]);
    let want: Vec<&str> = want.iter().map(String::as_str).collect();
    assert_visible(&s, &want);
    snap("dialog_response_menu", &s);
}

#[test]
fn dialog_isolate() {
    let mut s = detail_state(Pane::Detail);
    respond(&mut s);
    keys(&mut s, "i");
    keys(&mut s, "ws-fin");
    assert_visible(
        &s,
        &[
            "Isolate ws-fin-014 (Full): it loses all network access",
            "Device: ws-fin-014.corp.contoso.com",
            "Type the device name to confirm (ws-fin-014",
            "Comment (required",
            "Isolate (full) due to alert da638123456789012345_-1234567890",
            "[ Esc: Cancel ]",
            "[ Ctrl-S: Isolate ]",
            HINT,
        ],
    );
    snap("dialog_isolate", &s);
}

#[test]
fn dialog_scan() {
    let mut s = detail_state(Pane::Detail);
    respond(&mut s);
    keys(&mut s, "a");
    assert_visible(
        &s,
        &[
            "Quick antivirus scan of ws-fin-014",
            "[ Ctrl-S: Scan ]",
            "[ Esc: Cancel ]",
            HINT,
        ],
    );
    snap("dialog_scan", &s);
}

#[test]
fn dialog_cancel_action() {
    let mut s = detail_state(Pane::Detail);
    panel_with_pending(&mut s);
    keys(&mut s, "X");
    assert_visible(
        &s,
        &[
            "Cancel Antivirus scan (Quick) on ws-fin-014",
            "Cancelled from mde-triage",
            "[ Esc: Keep it ]",
            "[ Ctrl-S: Cancel the action ]",
            HINT,
        ],
    );
    snap("dialog_cancel_action", &s);
}

#[test]
fn dialog_indicator() {
    let mut s = detail_state(Pane::Detail);
    indicator_on_ip(&mut s);
    assert_visible(
        &s,
        &[
            "Add an indicator for 203.0.113.7",
            "tenant-wide",
            "[Block]",
            "Audit",
            "Allow",
            "[30 days]",
            "never",
            "[Medium]",
            "Title",
            "Description (required)",
            "[ Ctrl-S: Add the indicator ]",
            HINT,
        ],
    );
    snap("dialog_indicator", &s);
}

#[test]
fn dialog_bulk_isolate() {
    let mut s = detail_state(Pane::Detail);
    bulk_of_three(&mut s);
    assert_visible(
        &s,
        &[
            "Isolate the devices of 3 marked alerts",
            "Isolate 3 devices (Full)",
            "ws-fin-014.corp.contoso.com",
            "srv-file-01.corp.contoso.com",
            "srv-dc-01.corp.contoso.com",
            "will be isolated",
            "Type 3 (the number of devices)",
            "[ Ctrl-S: Isolate 3 ]",
            HINT,
        ],
    );
    snap("dialog_bulk_isolate", &s);
}

#[test]
fn hostile_device_strings_never_reach_the_terminal() {
    let evil = "ws-\u{202e}fdp\u{1b}]52;c;ZXZpbA==\u{7}\u{200b}.corp\u{1b}[2J";
    let mut m = machine(MID, evil, ago(50));
    m.machine_tags = vec!["tag\u{1b}[31mred".into(), "\u{2066}hidden\u{2069}".into()];
    m.rbac_group_name = Some("grp\u{9b}31m".into());
    m.os_platform = Some("Windows11\u{7}".into());
    let mut a = action(
        "h1",
        MID,
        "Isolate",
        "Failed",
        Some("Full\u{1b}[5m"),
        (ago(9), ago(8)),
        "evil\u{202e}@x",
    );
    a.requestor_comment = Some("line\u{1b}]0;title\u{7}".into());
    let ctx = context(m, vec![a], Some(ALL_ROLES));
    let mut s = detail_state(Pane::Detail);
    let fx = keys(&mut s, "d");
    answer(&mut s, &fx, ctx.clone());
    for (w, h) in [(80, 24), (120, 32), (160, 48)] {
        let t = draw(&s, w, h, &Theme::full());
        assert_clean(t.backend().buffer());
        assert!(
            text_of(t.backend().buffer()).contains(mde_console::ui::safe_text::BADGE),
            "{w}x{h}"
        );
    }
    // The menu, the confirmation and the full view of the action quote the name too.
    for step in ["x", "i"] {
        keys(&mut s, step);
        assert!(s.top_dialog().is_some(), "{step}");
        for (w, h) in [(80, 24), (160, 48)] {
            assert_clean(draw(&s, w, h, &Theme::full()).backend().buffer());
        }
    }
    key(&mut s, KeyCode::Esc);
    s.focus = Pane::Device;
    key(&mut s, KeyCode::Enter);
    assert!(matches!(s.top_dialog(), Some(Dialog::Viewer(_))));
    for (w, h) in [(80, 24), (160, 48)] {
        assert_clean(draw(&s, w, h, &Theme::full()).backend().buffer());
    }
}

/// At 120×32 the panel is 37 columns wide. Before, it cut its values at the edge: "4 open on
/// the device (f" lost its key, and "not isolated (no action in the device's recent history)"
/// and the empty actions' note were cut mid-word. Now a value goes on under itself, and the
/// count takes shorter words so its key stays on screen.
#[test]
fn device_panel_at_120x32_cuts_no_value_and_keeps_its_keys() {
    let mut s = with_neighbours(detail_state(Pane::Detail));
    panel_with_pending(&mut s);
    let t = draw(&s, 120, 32, &Theme::full());
    let text = text_of(t.backend().buffer());
    assert!(text.contains("Device · ws-fin-014"), "{text}");
    assert!(text.contains("2 on the device (f)"), "{text}");
    assert!(text.contains("2 of jdoe (F)"), "{text}");
    // A value too wide for the pane goes on under itself, past the label column.
    let rows: Vec<&str> = text.lines().collect();
    let at = rows
        .iter()
        .position(|r| r.contains("Restriction  not restricted (no"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        rows[at + 1].contains("             action history)"),
        "{text}"
    );
    assert!(text.contains("build 22631 · 64-bit"), "{text}");
    assert!(!text.contains("22631 · …"), "{text}");
}
