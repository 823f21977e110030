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

mod choices;
mod forms;
mod panel;
mod sends;
mod tags;
mod then_incidents;
