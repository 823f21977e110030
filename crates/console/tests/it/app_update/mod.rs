//! `update()` tests: feed keys, actions and sync messages; assert the state and the exact effects.
//! One file per feature; the fixture and the helpers that drive `update` are here.

mod connection;
mod detail;
// Issue 10: the device panel and the response dialogs.
mod device;
mod dialogs;
mod effects;
mod incidents;
// Scale issue: bulk rows indexed behind the list.
mod indexing;
mod input;
mod list;
mod rotation;
mod story;
mod subject;
mod subject_quotes;
mod triage;
mod undo;
mod views;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mde_console::app::chrome::Level;
use mde_console::app::detail::DetailLoad;
use mde_console::app::dialogs::Dialog;
use mde_console::app::dialogs::menu::MenuValue;
use mde_console::app::dialogs::prompt::InputKind;
use mde_console::app::list::sort::SortKey;
use mde_console::app::{Action, AppConfig, AppMsg, Pane, State, TimeMode, update};
use mde_model::protocol::{
    AlertDetail, ConflictChoice, Effect, Msg, SyncStatus, TriageChange, TriageWrite,
};
use mde_model::{
    Alert, AlertRow, Classification, Determination, EntityType, Evidence, Severity, Status,
    Timestamp,
};

const ME: &str = "analyst@contoso.com";

fn ts(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

fn alert(id: &str, sev: Severity, created: &str) -> Alert {
    let mut a = Alert::new(id, format!("Title {id}"));
    a.severity = sev;
    a.alert_creation_time = Some(ts(created));
    a.last_update_time = Some(ts(created));
    a.computer_dns_name = Some(format!("ws-{id}"));
    a
}

fn row(id: &str, sev: Severity, created: &str) -> AlertRow {
    AlertRow::from_alert(&alert(id, sev, created))
}

/// Five alerts; list order: h2, h1, m1, l1, i1.
fn rows() -> Vec<AlertRow> {
    vec![
        row("h1", Severity::High, "2024-05-01T10:00:00Z"),
        row("l1", Severity::Low, "2024-05-03T10:00:00Z"),
        row("h2", Severity::High, "2024-05-02T10:00:00Z"),
        row("m1", Severity::Medium, "2024-05-01T11:00:00Z"),
        row("i1", Severity::Informational, "2024-05-04T10:00:00Z"),
    ]
}

fn config() -> AppConfig {
    let mut c = AppConfig::new(ME);
    c.tenant = "t-1".into();
    c
}

fn loaded_with(config: AppConfig, rows: Vec<AlertRow>) -> State {
    let mut s = State::new(config);
    let fx = update(&mut s, AppMsg::Init);
    let Effect::Start { req } = fx[0] else {
        panic!("{fx:?}")
    };
    assert!(update(&mut s, AppMsg::Sync(Msg::CacheLoaded { req, rows })).is_empty());
    s
}

fn loaded() -> State {
    loaded_with(config(), rows())
}

fn key(s: &mut State, code: KeyCode) -> Vec<Effect> {
    update(s, AppMsg::Key(KeyEvent::new(code, KeyModifiers::NONE))).into()
}

fn ch(s: &mut State, c: char) -> Vec<Effect> {
    key(s, KeyCode::Char(c))
}

fn ctrl(s: &mut State, c: char) -> Vec<Effect> {
    update(
        s,
        AppMsg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    )
    .into()
}

fn typ(s: &mut State, text: &str) {
    for c in text.chars() {
        assert!(ch(s, c).is_empty());
    }
}

fn act(s: &mut State, a: Action) -> Vec<Effect> {
    update(s, AppMsg::Action(a)).into()
}

fn sync(s: &mut State, m: Msg) -> Vec<Effect> {
    update(s, AppMsg::Sync(m)).into()
}

fn view_ids(s: &State) -> Vec<String> {
    s.visible_rows(0..usize::MAX)
        .map(|r| r.row.id.clone())
        .collect()
}

/// What a triage action would act on now.
fn targets(s: &State) -> Vec<String> {
    mde_console::app::subject::subject(s)
        .map(|x| x.ids)
        .unwrap_or_default()
}

fn sel(s: &State) -> &str {
    s.list.selected.as_deref().unwrap()
}

fn write_of(fx: &[Effect]) -> (u64, TriageWrite) {
    match fx {
        [Effect::Write { req, write }] => (*req, write.clone()),
        other => panic!("expected one Write, got {other:?}"),
    }
}

fn last_toast(s: &State) -> String {
    s.toast().map(|t| t.text.clone()).unwrap_or_default()
}

fn detail_of(a: Alert) -> Box<AlertDetail> {
    let raw = serde_json::to_string(&a).unwrap();
    Box::new(AlertDetail {
        alert: a,
        raw,
        draft: None,
    })
}

fn rich_alert() -> Alert {
    let mut a = alert("h2", Severity::High, "2024-05-02T10:00:00Z");
    let mut parent = Evidence::empty(EntityType::Process);
    parent.file_name = Some("cmd.exe".into());
    parent.process_id = Some(100);
    parent.process_creation_time = Some(ts("2024-05-02T09:00:00Z"));
    let mut child = Evidence::empty(EntityType::Process);
    child.file_name = Some("powershell.exe".into());
    child.process_id = Some(200);
    child.parent_process_id = Some(100);
    child.parent_process_creation_time = Some(ts("2024-05-02T09:00:00Z"));
    child.process_command_line = Some("powershell -enc AAAA http://evil.test/x".into());
    child.sha256 = Some("ab".repeat(32));
    let mut url = Evidence::empty(EntityType::Url);
    url.url = Some("http://evil.test/x".into());
    let mut ip = Evidence::empty(EntityType::Ip);
    ip.ip_address = Some("10.1.2.3".into());
    a.evidence = vec![parent, child, url, ip];
    a
}

fn open_rich(s: &mut State) {
    let fx = key(s, KeyCode::Enter);
    let [Effect::LoadDetail { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    sync(
        s,
        Msg::DetailLoaded {
            req,
            detail: detail_of(rich_alert()),
        },
    );
}
